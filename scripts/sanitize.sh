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
threaded_tests='^(revolve_(abm|coupling|ensemble|distributed|revolving_door|cohort_bench)_tests: |fuzz corpus replay: (sd_yaml|xmile)_fuzz$)'

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

# TBB's scheduler (libtbb.so) is Debian's build, without ThreadSanitizer: tsan cannot see how it hands a task
# to another thread, and reports the task objects of TBB's headers as races. scripts/tsan.supp hides those
# reports whose top frame is TBB's own code, and no others: a report in revolve's code stays, and needs reading
# (docs/reliability.md, "Sanitizers", says how to tell TBB's hand-over from a race of ours).
tsan() {
  echo "sanitize: build-tsan (thread), the threaded test programs"
  configure build-tsan thread &&
    cmake --build build-tsan --target "${threaded_programs[@]}" &&
    TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan.supp}" \
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
