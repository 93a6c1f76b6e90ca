#!/usr/bin/env bash
# Builds and tests revolve under the sanitizers (docs/reliability.md, "Sanitizers"), in two build folders:
#
#   build-asan  AddressSanitizer and UBSan (REVOLVE_SANITIZE="address;undefined"): every C++ test (ctest),
#               the fuzz corpus replays among them; a report stops the test that made it
#   build-tsan  ThreadSanitizer (REVOLVE_SANITIZE=thread): only the test programs that run on several threads
#
#   scripts/sanitize.sh           both, one after the other; exits 1 if either failed
#   scripts/sanitize.sh asan      one of them (asan or tsan)
#
# No Python module (it would need a sanitized interpreter) and no MPI (OpenMPI is not built with the
# sanitizers: its leaks at exit and its threads would be reported as ours). CMAKE_BUILD_PARALLEL_LEVEL
# limits the build's parallel jobs.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

stages=("$@")
((${#stages[@]})) || stages=(asan tsan)

# Every report stops the program with its whole stack; leaks are reports too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# The test programs that run TBB tasks or threads of their own: every abm::Run is a tbb::parallel_for, the
# ensembles are TBB pipelines, and the stock-flow fuzz targets cancel slow dopri5 runs from a thread.
threaded_programs=(revolve_abm_tests revolve_coupling_tests revolve_ensemble_tests revolve_distributed_tests
                   revolve_revolving_door_tests revolve_cohort_bench_tests sd_yaml_fuzz_replay xmile_fuzz_replay)
threaded_tests='^(revolve_(abm|coupling|ensemble|distributed|revolving_door|cohort_bench)_tests:|fuzz corpus replay: (sd_yaml|xmile)_fuzz$)'

configure() {  # configure FOLDER SANITIZERS
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREVOLVE_SANITIZE="$2" \
    -DREVOLVE_BUILD_TESTS=ON -DREVOLVE_BUILD_PYTHON=OFF -DREVOLVE_WITH_MPI=OFF > /dev/null
}

asan() {
  echo "sanitize: build-asan (address;undefined), every C++ test"
  configure build-asan "address;undefined" &&
    cmake --build build-asan &&
    ctest --test-dir build-asan --output-on-failure --parallel 2
}

# Debian's libtbb.so is built without ThreadSanitizer, so tsan cannot see how TBB's scheduler hands a task to
# another thread: a correct parallel_for gets about a hundred false reports. So this stage first builds oneTBB
# from Debian's own source package, the very version libtbb-dev installed (apt-get source from Debian's archive,
# nothing else), with TBB_SANITIZE=thread into build-tsan/tbb/install (once: about 3 minutes on 2 cores), and
# links the tests to it. No suppressions: every report is a finding.
tbb_with_tsan() {
  local dir=$PWD/build-tsan/tbb
  [[ -f $dir/install/lib/cmake/TBB/TBBConfig.cmake ]] && return 0
  local package version
  package=$(dpkg-query -W -f='${source:Package}' libtbb-dev) && version=$(dpkg-query -W -f='${source:Version}' libtbb-dev) ||
    { echo "sanitize: libtbb-dev is not installed (make setup)" >&2; return 1; }
  echo "sanitize: building $package $version from Debian's source with ThreadSanitizer"
  rm -rf "$dir" && mkdir -p "$dir/lists/partial" || return 1
  # A private source list, so the machine's apt configuration is left as it is.
  . /etc/os-release
  local suite
  for suite in "$VERSION_CODENAME" "$VERSION_CODENAME-updates"; do
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main"
  done > "$dir/sources.list"
  local apt=(apt-get -qq -o "Dir::Etc::sourcelist=$dir/sources.list" -o Dir::Etc::sourceparts=/nonexistent
             -o "Dir::State::Lists=$dir/lists")
  "${apt[@]}" update && (cd "$dir" && "${apt[@]}" source --download-only "$package=$version") &&
    dpkg-source -x "$dir"/*.dsc "$dir/source" > /dev/null &&
    cmake -S "$dir/source" -B "$dir/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread \
      -DTBB_TEST=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF -DTBB_ENABLE_IPO=OFF \
      -DCMAKE_INSTALL_PREFIX="$dir/install" > /dev/null &&
    cmake --build "$dir/build" > /dev/null && cmake --install "$dir/build" > /dev/null
}

tsan() {
  echo "sanitize: build-tsan (thread), the threaded test programs"
  tbb_with_tsan &&
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREVOLVE_SANITIZE=thread \
      -DREVOLVE_BUILD_TESTS=ON -DREVOLVE_BUILD_PYTHON=OFF -DREVOLVE_WITH_MPI=OFF \
      -DTBB_DIR="$PWD/build-tsan/tbb/install/lib/cmake/TBB" > /dev/null &&
    cmake --build build-tsan --target "${threaded_programs[@]}" &&
    TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}" \
      ctest --test-dir build-tsan -R "$threaded_tests" --output-on-failure --parallel 2
}

status=0
for stage in "${stages[@]}"; do
  case "$stage" in
    asan) asan || status=1 ;;
    tsan) tsan || status=1 ;;
    *) echo "sanitize: unknown stage '$stage' (asan or tsan)" >&2; exit 2 ;;
  esac
done
exit $status
