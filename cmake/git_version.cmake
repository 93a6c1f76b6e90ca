# Writes the code version header (sim/core/version.hpp.in) at every build, not only when CMake configures, so that
# a manifest names the commit that was built. configure_file leaves the file as it is when nothing changed, so
# nothing recompiles then.
#
#   cmake -DSOURCE_DIR=... -DINPUT=... -DOUTPUT=... -DPROJECT_VERSION=... -P cmake/git_version.cmake
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE REVOLVE_GIT_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT REVOLVE_GIT_VERSION)
  set(REVOLVE_GIT_VERSION "unknown")
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
