#!/bin/bash
# Times two builds of bench_revolving_door taking turns, so that a busy machine slows both alike. Prints each
# build's seconds (sorted) for the ten-year Bristol baseline, 10 runs on one thread, the runs alone.
#
#   bench/ab_revolving_door.sh BEFORE_BINARY AFTER_BINARY [REPEATS] [BEFORE_ROOT]
#
# Build "before" from a worktree of the older commit (git worktree add ../before COMMIT; cmake as in the README,
# --target bench_revolving_door) and run this from the repository root: both read the same model files. With
# BEFORE_ROOT, "before" runs from that folder instead and reads the model files of its own commit: the model as it
# stood then, as for the commit issue 13 was filed against (bench/RESULTS.md).
set -euo pipefail
if [[ $# -lt 2 || $# -gt 4 ]]; then
  echo "usage: $0 BEFORE_BINARY AFTER_BINARY [REPEATS] [BEFORE_ROOT]" >&2
  exit 2
fi
before=$1 after=$2 repeats=${3:-5} before_root=${4:-.}
for binary in "$before" "$after"; do
  [[ -x $binary ]] || { echo "$0: not an executable: $binary" >&2; exit 2; }
done
[[ -d $before_root ]] || { echo "$0: not a folder: $before_root" >&2; exit 2; }
[[ $repeats =~ ^[1-9][0-9]*$ ]] || { echo "$0: REPEATS must be a positive whole number, not '$repeats'" >&2; exit 2; }
seconds() { (cd "$2" && "$1" --runs 10 --threads 1 --statistics none) | grep -o '"seconds":[0-9.]*' | cut -d: -f2; }
before=$(realpath "$before") after=$(realpath "$after")
# Each turn runs "before" then "after"; besides each build's sorted seconds, the ratio of the two in each turn, in
# turn order: this machine switches between a fast and a slow mode for minutes at a time, and a turn's pair is
# most often run in one mode (bench/RESULTS.md compares such pairs).
turns=$(for _ in $(seq "$repeats"); do echo "$(seconds "$before" "$before_root") $(seconds "$after" .)"; done)
echo "before:$(cut -d' ' -f1 <<<"$turns" | sort -n | awk '{printf " %s", $1}')"
echo "after: $(cut -d' ' -f2 <<<"$turns" | sort -n | awk '{printf " %s", $1}')"
echo "before/after by turn:$(awk '{if ($1 > 0 && $2 > 0) printf " %.3f", $1 / $2; else printf " n/a"}' <<<"$turns")"
