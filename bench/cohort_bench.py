#!/usr/bin/python3
"""Agent-based benchmark: cohort_bench (tests/data/bench/cohort_bench.md), 1,000,000 people x 520 weeks,
on 1 thread and on every core, through `revolve bench cohort`.

Run from the repository root after `make build`:  /usr/bin/python3 bench/cohort_bench.py [--repeats 3]
Prints each run's JSON line, then the median figures and the speed-up; bench/RESULTS.md records them.
Other processes on the machine slow it down: the load average is printed before each run.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]


def bench(revolve, agents, steps, threads):
    """One run of the benchmark; its JSON figures."""
    command = [str(revolve), "bench", "cohort", "--agents", str(agents), "--steps", str(steps),
               "--threads", str(threads), "--runs", "1"]
    line = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
    print(f"load {os.getloadavg()[0]:.2f}  {' '.join(command[1:])}\n  {line}", flush=True)
    return json.loads(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revolve", default=ROOT / "build" / "revolve", help="the revolve program")
    parser.add_argument("--agents", type=int, default=1_000_000)
    parser.add_argument("--steps", type=int, default=520)
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="the parallel run's threads")
    parser.add_argument("--repeats", type=int, default=3, help="runs per thread count (the median is reported)")
    args = parser.parse_args()

    median = {}
    for threads in [1, args.threads]:
        runs = [bench(args.revolve, args.agents, args.steps, threads) for _ in range(args.repeats)]
        median[threads] = {key: statistics.median(run[key] for run in runs)
                           for key in ["seconds", "agent_steps_per_second", "peak_rss_mb"]}
    for threads, m in median.items():
        print(f"{threads} thread(s): {m['seconds']:.2f} s, {m['agent_steps_per_second']:.3g} agent-steps/s, "
              f"peak RSS {m['peak_rss_mb']:.1f} MB (median of {args.repeats})")
    speed_up = median[1]["seconds"] / median[args.threads]["seconds"]
    print(f"speed-up 1 -> {args.threads} threads: {speed_up:.2f}x")


if __name__ == "__main__":
    main()
