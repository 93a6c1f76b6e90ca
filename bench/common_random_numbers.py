"""What common random numbers are worth to a comparison: the spread of its paired differences with and without them.

Runs the Bristol baseline and an alternative RUNS times with seed 1, as `revolve compare` does (run r of each shares
every draw the two have in common), and the alternative again with seed 2, whose draws share nothing with the
baseline's. For each measure, the ten-year total's difference from the baseline run by run: its mean, its standard
deviation paired (same seed) and unpaired (other seed), and their ratio. A run count (ratio squared) times as large
gives an unpaired comparison the paired one's interval. Any loop that gives a person different draws in two
scenarios for reasons of its own (bench/RESULTS.md, issue 13) gives up part of this.

usage: .venv/bin/python bench/common_random_numbers.py [RUNS]   (after `make build`; needs python3-xarray)
"""
import pathlib
import sys

import revolve

ROOT = pathlib.Path(__file__).resolve().parents[1]
BRISTOL = ROOT / "scenarios" / "bristol"
ALTERNATIVES = ["housing_first_x2", "mtam", "all_combined"]
MEASURES = ["people.rough_sleeping", "events.custody_entry", "events.ae_attendance"]


def ten_year_totals(alternative: revolve.Scenario, runs: int, seed: int):
    """The baseline's and the alternative's ten-year total of each measure, by run: {measure: [2, runs]}."""
    base = revolve.Scenario.load(BRISTOL / "baseline.yaml")
    result = revolve.compare([base, alternative], runs=runs, seed=seed, trajectories=MEASURES, match_entrants=False)
    trajectories = result.trajectories()
    return {m: trajectories[m].sum("step").values for m in MEASURES}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print(f"{runs} runs a scenario; ten-year totals, alternative minus baseline, by run")
    print(f"{'alternative':18} {'measure':24} {'mean':>9} {'sd paired':>10} {'sd unpaired':>12} {'ratio':>6}")
    for name in ALTERNATIVES:
        alternative = revolve.Scenario.load(BRISTOL / f"{name}.yaml")
        same, other = ten_year_totals(alternative, runs, 1), ten_year_totals(alternative, runs, 2)
        for m in MEASURES:
            paired, unpaired = same[m][1] - same[m][0], other[m][1] - same[m][0]
            ratio = unpaired.std(ddof=1) / paired.std(ddof=1)
            print(f"{name:18} {m:24} {paired.mean():9.0f} {paired.std(ddof=1):10.0f} {unpaired.std(ddof=1):12.0f} "
                  f"{ratio:6.2f}")


if __name__ == "__main__":
    main()
