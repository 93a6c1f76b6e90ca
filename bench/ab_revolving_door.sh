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
for _ in $(seq "$repeats"); do
  echo "before $(seconds "$before" "$before_root")"
  echo "after $(seconds "$after" .)"
done | sort -k1,1 -k2n | awk '{s[$1] = s[$1] " " $2} END {print "before:" s["before"]; print "after: " s["after"]}'
