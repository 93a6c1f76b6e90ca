#!/usr/bin/python3
"""Python overhead against the CLI, for a stock-flow run and for the Bristol comparison.

  sd:       revolve.sd.load(model).run() against `revolve sd run model`
  bristol:  revolve.compare([7 Bristol scenarios], runs=N).save(dir) against `revolve compare ... --runs N --out dir`

Run from the repository root after `make build`:  .venv/bin/python bench/python_overhead.py [sd|bristol] [--runs N]
Prints the fastest of several runs (the least disturbed by other processes); bench/RESULTS.md ("Python overhead")
records them with this command.
"""
import argparse
import filecmp
import os
import pathlib
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import revolve

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODEL = ROOT / "tests" / "data" / "bench" / "chain1000.xmile"
REVOLVE = ROOT / os.environ.get("REVOLVE_BUILD_DIR", "build") / "revolve"
REPEATS = 15
BRISTOL = [ROOT / "scenarios/bristol" / f"{name}.yaml" for name in (
    "baseline", "housing_first_x2", "mtam", "long_contracts", "release_accommodation", "navigators", "all_combined")]


def seconds(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cli_summary(out, options):
    command = [REVOLVE, "sd", "run", MODEL, "--out", out, *options]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def cli_engine_seconds(out, options):
    """Load and compile plus run, as the CLI reports them: no process start, no CSV writing."""
    summary = cli_summary(out, options)
    return sum(float(re.search(rf"{step} ([0-9.]+) ms", summary).group(1)) for step in ("load", "run")) / 1000


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bristol(runs, repeats):
    """The demo's comparison, as a process and from Python, both writing the same files; taking turns.

    Wall-clock time on a shared machine varies with what else runs, so CPU time (user + system, every thread) is
    measured too: what each side costs, whatever the others do."""
    print(f"== Bristol comparison: {len(BRISTOL)} scenarios x {runs} runs, writing the files; fastest of {repeats}")
    wall = {"cli": [], "python": [], "python_run": []}
    cpu = {"cli": [], "python": []}
    with tempfile.TemporaryDirectory() as out:
        # Both sides read the model's files from one snapshot, so an edit during the benchmark changes neither.
        shutil.copytree(ROOT / "models", f"{out}/models", ignore=shutil.ignore_patterns("*.[ch]pp", "*.md", "*.txt"))
        os.environ["REVOLVE_MODELS_DIR"] = f"{out}/models"
        command = [REVOLVE, "compare", *BRISTOL, "--runs", str(runs), "--out", f"{out}/cli"]
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), children_cpu_seconds()
            subprocess.run(command, check=True, capture_output=True)
            wall["cli"].append(time.perf_counter() - start)
            cpu["cli"].append(children_cpu_seconds() - start_cpu)
            start, start_cpu = time.perf_counter(), time.process_time()
            results = revolve.compare(BRISTOL, runs=runs)
            wall["python_run"].append(time.perf_counter() - start)
            results.save(f"{out}/python")
            wall["python"].append(time.perf_counter() - start)
            cpu["python"].append(time.process_time() - start_cpu)
            del results
            print(f"  revolve compare {wall['cli'][-1]:.2f} s (CPU {cpu['cli'][-1]:.2f} s); revolve.compare() "
                  f"{wall['python_run'][-1]:.2f} s, + save() {wall['python'][-1]:.2f} s (CPU {cpu['python'][-1]:.2f} s)",
                  flush=True)
        csvs = sorted(p.relative_to(f"{out}/cli") for p in pathlib.Path(f"{out}/cli").rglob("*.csv"))
        same = all(filecmp.cmp(f"{out}/cli/{csv}", f"{out}/python/{csv}", shallow=False) for csv in csvs)
    wall = {k: min(v) for k, v in wall.items()}
    cpu = {k: min(v) for k, v in cpu.items()}
    print(f"wall: revolve compare (process) {wall['cli']:.2f} s; revolve.compare().save() {wall['python']:.2f} s "
          f"({wall['python'] / wall['cli'] - 1:+.1%}); revolve.compare() alone {wall['python_run']:.2f} s")
    print(f"CPU:  revolve compare (process) {cpu['cli']:.2f} s; revolve.compare().save() {cpu['python']:.2f} s "
          f"({cpu['python'] / cpu['cli'] - 1:+.1%})")
    print(f"{len(csvs)} CSV files identical: {same}")


def stock_flow():
    """A stock-flow model's load and run, CLI and Python taking turns."""
    print(f"== {MODEL.name} (4,002 equations x 1,600 Euler steps), fastest of {REPEATS}, CLI and Python taking turns")
    with tempfile.TemporaryDirectory() as out:
        for label, options, save in [("all variables", [], None), ("S1000 only", ["--vars", "S1000"], "S1000")]:
            process, engine, python = [], [], []
            for _ in range(REPEATS):
                process.append(seconds(lambda: cli_summary(out, options)))
                engine.append(cli_engine_seconds(out, options))
                python.append(seconds(lambda: revolve.sd.load(MODEL).run(save=save)))
            process, engine, python = min(process), min(engine), min(python)
            print(f"{label}: revolve sd run {process:.3f} s as a process, of which load+run {engine:.3f} s; "
                  f"revolve.sd.load().run() {python:.3f} s in Python ({python / engine - 1:+.1%} against load+run)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", choices=["sd", "bristol"], help="one benchmark (default: both)")
    parser.add_argument("--runs", type=int, default=20, help="runs per Bristol scenario (default 20)")
    parser.add_argument("--repeats", type=int, default=3, help="Bristol repeats (default 3)")
    args = parser.parse_args()
    if args.which in (None, "sd"):
        stock_flow()
    if args.which in (None, "bristol"):
        bristol(args.runs, args.repeats)


if __name__ == "__main__":
    sys.exit(main())
