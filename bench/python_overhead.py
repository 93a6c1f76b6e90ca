#!/usr/bin/python3
"""Python overhead of a stock-flow run: revolve.sd.load(model).run() against `revolve sd run model`.

Run from the repository root after `make build`:  .venv/bin/python bench/python_overhead.py
Prints the fastest of several runs (the least disturbed by other processes); bench/RESULTS.md ("Python overhead")
records them with this command.
"""
import pathlib
import re
import subprocess
import tempfile
import time

import revolve

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODEL = ROOT.parent / "shared" / "bench" / "chain1000.xmile"
REVOLVE = ROOT / "build" / "revolve"
REPEATS = 15


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


def main():
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


if __name__ == "__main__":
    main()
