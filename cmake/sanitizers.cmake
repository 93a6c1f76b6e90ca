# Sanitizer and fuzzing builds (docs/reliability.md, "Fuzzing" and "Sanitizers"). Included from the top
# CMakeLists.txt before any target, so the flags reach every library, program and test.
#
#   REVOLVE_SANITIZE="address;undefined"  AddressSanitizer and UBSan, every UB report fatal (g++ or clang++)
#   REVOLVE_SANITIZE=thread               ThreadSanitizer (g++ or clang++)
#   REVOLVE_FUZZ=ON                       the libFuzzer targets of fuzz/ (clang++ only), with ASan and UBSan
set(REVOLVE_SANITIZE "" CACHE STRING "Sanitizers for every target: empty, 'address;undefined' or 'thread'")
set_property(CACHE REVOLVE_SANITIZE PROPERTY STRINGS "" "address;undefined" "thread")
option(REVOLVE_FUZZ "Build the libFuzzer targets of fuzz/ (needs clang++)" OFF)

# UB that -fsanitize=undefined leaves out (a double too large for its integer), and no recovery: a report
# stops the program, so a test or a fuzz run fails instead of printing a line nobody reads.
set(revolve_ub_flags -fsanitize=float-cast-overflow -fno-sanitize-recover=undefined,float-cast-overflow)

if(REVOLVE_SANITIZE STREQUAL "address;undefined")
  add_compile_options(-fsanitize=address,undefined ${revolve_ub_flags} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined ${revolve_ub_flags})
elseif(REVOLVE_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT REVOLVE_SANITIZE STREQUAL "")
  message(FATAL_ERROR "REVOLVE_SANITIZE is '${REVOLVE_SANITIZE}': use '', 'address;undefined' or 'thread'")
endif()

if(REVOLVE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "REVOLVE_FUZZ needs clang++ (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT REVOLVE_SANITIZE STREQUAL "")
    message(FATAL_ERROR "REVOLVE_FUZZ brings its own sanitizers (address, undefined): leave REVOLVE_SANITIZE empty")
  endif()
  # Libraries get coverage counters and the sanitizers; only the fuzz targets link libFuzzer and its main
  # (-fsanitize=fuzzer, fuzz/CMakeLists.txt). Programs built along the way (the parameter-struct generator)
  # link the sanitizers' runtimes only.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined ${revolve_ub_flags} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined ${revolve_ub_flags})
endif()
