#!/usr/bin/env bash
# Fuzzes revolve's readers with libFuzzer (fuzz/README.md): builds build-fuzz with clang++ (REVOLVE_FUZZ, with
# AddressSanitizer and UBSan), then runs each target for FUZZ_SECONDS seconds and prints what it did.
#
#   scripts/fuzz.sh                                  every target, 600 s each, one after another
#   FUZZ_SECONDS=60 scripts/fuzz.sh xmile_fuzz       one target for a minute
#   FUZZ_JOBS=2 scripts/fuzz.sh                      two targets at a time (one core each)
#
# Each target works on a copy of its seed corpus, build-fuzz/corpus/<target>/ (the committed fuzz/corpus/ is
# left as it is; copy an input that found a bug there by hand), with fuzz/<target>.dict. It runs in libFuzzer's
# fork mode, so a crash is saved and the search goes on: crashes, leaks, timeouts (10 s for one input) and
# running out of memory (2 GB) are written to build-fuzz/artifacts/<target>/ and the log to
# build-fuzz/logs/<target>.log. Replay one with: build-fuzz/fuzz/<target> build-fuzz/artifacts/<target>/crash-...
# Exits 1 if any target found anything. CMAKE_BUILD_PARALLEL_LEVEL limits the build's parallel jobs.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(scenario_fuzz sd_yaml_fuzz xmile_fuzz expression_fuzz)
seconds=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-1}
build="build-fuzz"
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target '$target' (known: ${all_targets[*]})" >&2; exit 2; }
done
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: FUZZ_SECONDS must be a whole number of seconds, got '$seconds'" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: FUZZ_JOBS must be a whole number from 1, got '$jobs'" >&2; exit 2; }

# Only the engine libraries the targets link: no tests, no Python module, no MPI.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DREVOLVE_FUZZ=ON \
  -DREVOLVE_BUILD_TESTS=OFF -DREVOLVE_BUILD_PYTHON=OFF -DREVOLVE_WITH_MPI=OFF > /dev/null
cmake --build "$build" --target "${targets[@]}"

# UB is fatal by its compile flags; these make every report a full stack and leave no report unseen.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# fuzz_one TARGET: runs it, then writes one line of results to $build/logs/TARGET.summary.
fuzz_one() {
  local target=$1
  local corpus="$build/corpus/$target" artifacts="$build/artifacts/$target" log="$build/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$build/logs"
  cp -n fuzz/corpus/"$target"/* "$corpus"/  # new seeds join; what earlier runs found stays
  local dict=()
  [ -f "fuzz/$target.dict" ] && dict=("-dict=fuzz/$target.dict")
  local stamp="$build/logs/$target.start"
  touch "$stamp"
  local start=$SECONDS
  "$build/fuzz/$target" "$corpus" "${dict[@]}" -artifact_prefix="$artifacts/" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 > "$log" 2>&1 || true
  # Fork mode's status lines: "#EXECS: cov: N ft: N corp: N exec/s N oom/timeout/crash: A/B/C time: Ns ...".
  local status findings
  status=$(grep -a '^#[0-9]*: cov:' "$log" | tail -n 1 || true)
  find "$artifacts" -type f -newer "$stamp" | sort > "$build/logs/$target.findings"
  findings=$(wc -l < "$build/logs/$target.findings")
  awk -v target="$target" -v seconds=$((SECONDS - start)) -v findings="$findings" '
    { for (i = 1; i <= NF; ++i) field[$i] = $(i + 1); execs = substr($1, 2, length($1) - 2) }
    END { printf "%-16s %5d s %12s executions %8s exec/s   coverage %6s  features %6s  corpus %5s   findings %d\n",
            target, seconds, execs == "" ? "?" : execs, field["exec/s"] == "" ? "?" : field["exec/s"],
            field["cov:"] == "" ? "?" : field["cov:"], field["ft:"] == "" ? "?" : field["ft:"],
            field["corp:"] == "" ? "?" : field["corp:"], findings }' <<< "$status" > "$build/logs/$target.summary"
  rm -f "$stamp"
}

echo "fuzz: ${targets[*]}, ${seconds} s each, ${jobs} at a time; logs in $build/logs/"
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  fuzz_one "$target" &
done
wait

status=0
for target in "${targets[@]}"; do
  cat "$build/logs/$target.summary"
  if [ -s "$build/logs/$target.findings" ]; then
    sed 's/^/  /' "$build/logs/$target.findings"  # crash-*, leak-*, timeout-*, oom-*: the input that did it
    status=1
  fi
done
exit $status
