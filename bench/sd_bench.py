#!/usr/bin/python3
"""Stock-flow benchmarks: the engine on a generated 10,000-equation chain, and XMILE file-to-result.

Run from the repository root after `make build`:  /usr/bin/python3 bench/sd_bench.py
Prints what it measured; bench/RESULTS.md records the figures with this command.
"""
import pathlib
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "data" / "bench"  # copied from the shared benchmark files
REVOLVE = ROOT / "build" / "revolve"


def wall_times(command, repeats):
    """Wall-clock seconds of `repeats` runs of a command, process start included."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def report(label, times):
    print(f"{label}: min {min(times):.3f} s, median {statistics.median(times):.3f} s over {len(times)} runs")


def main():
    print("== engine: generated chain, 2,000 stocks (10,002 equations), 1,000 Euler steps, one core")
    subprocess.run([ROOT / "build/bench/bench_sd_chain", "--stocks", "2000", "--steps", "1000", "--repeats", "7"],
                   check=True)

    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        results = out / "results"  # an output folder of its own: sd run replaces it as a whole
        print("== XMILE: chain1000.xmile (4,002 equations x 1,600 Euler steps), file to result")
        report("revolve sd run chain1000.xmile --vars S1000",
               wall_times([REVOLVE, "sd", "run", SHARED / "chain1000.xmile", "--vars", "S1000", "--out", results], 15))

        subprocess.run([sys.executable, SHARED / "gen_chain_model.py", "--k", "2500", "--outdir", out],
                       check=True, stdout=subprocess.DEVNULL)
        summary = subprocess.run([REVOLVE, "sd", "run", out / "chain2500.xmile", "--vars", "S2500", "--out", results],
                                 check=True, capture_output=True, text=True).stdout
        load_ms = float(re.search(r"load ([0-9.]+) ms", summary).group(1))
        print(f"== XMILE: chain2500.xmile (10,002 equations): load and compile {load_ms / 1000:.3f} s")
        report("revolve sd run chain2500.xmile --vars S2500",
               wall_times([REVOLVE, "sd", "run", out / "chain2500.xmile", "--vars", "S2500", "--out", results], 5))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory of any child process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
