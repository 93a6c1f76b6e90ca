"""The Bristol comparison pinned: a refactor or speed-up of the model must leave its numbers exactly as they were.

Runs the seven Bristol scenarios (2 runs each, the full ten years, seed 1) and checks every result file except
the manifests (they hold the code version) byte for byte against the fingerprints in
tests/data/regression/bristol_pin.json. On a mismatch the test names the files and, from the headline table
(tests/data/regression/bristol_headline.csv: whole-cohort totals over the horizon), the measures that moved.

A change that moves results on purpose regenerates both files and says why in its commit message:

    REVOLVE_UPDATE_PIN=1 .venv/bin/python -m pytest tests/python/test_regression_bristol.py
"""
import hashlib
import json
import os
import pathlib

import pandas as pd

from conftest import ROOT, run_cli

PIN = ROOT / "tests/data/regression/bristol_pin.json"
HEADLINE = ROOT / "tests/data/regression/bristol_headline.csv"
SCENARIOS = ["baseline", "housing_first_x2", "mtam", "long_contracts", "release_accommodation", "navigators",
             "all_combined"]


def fingerprints(folder: pathlib.Path) -> dict[str, str]:
    """SHA-256 of every result file under `folder` (not the manifests, nor the marker of a folder revolve wrote),
    by path relative to it."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in ("manifest.json", ".revolve-output")}


def headline(folder: pathlib.Path) -> pd.DataFrame:
    """Whole-cohort totals over the horizon: the numbers a reader checks first."""
    # round_trip: the fast default parser can read the same number written two ways an ulp apart.
    table = pd.read_csv(folder / "comparison.csv", keep_default_na=False, float_precision="round_trip")
    table = table[(table["group"] == "") & (table["period"] == "total")]
    table = table[["scenario", "measure", "mean", "diff_mean"]].reset_index(drop=True)
    for column in ("mean", "diff_mean"):  # blank where undefined (a ratio with no clear change)
        table[column] = pd.to_numeric(table[column], errors="coerce")
    return table


def moved_measures(now: pd.DataFrame, pinned: pd.DataFrame) -> list[str]:
    """One line per headline measure whose mean changed, appeared or disappeared."""
    joined = pinned.merge(now, on=["scenario", "measure"], how="outer", suffixes=("_pinned", "_now"), indicator="where")
    lines = []
    for row in joined.to_dict("records"):
        name = f"{row['scenario']} {row['measure']}"
        if row["where"] != "both":
            lines.append(f"{name}: only in the {'pin' if row['where'] == 'left_only' else 'new run'}")
        elif not (row["mean_pinned"] == row["mean_now"] or pd.isna(row["mean_pinned"]) and pd.isna(row["mean_now"])):
            before, after = row["mean_pinned"], row["mean_now"]
            change = f"{(after - before) / abs(before):+.2%}" if before else "from 0"
            lines.append(f"{name}: {before:.6g} -> {after:.6g} ({change})")
    return lines


def test_bristol_comparison_is_byte_identical_to_the_pin(revolve_cli, tmp_path):
    out = tmp_path / "bristol"
    files = [ROOT / "scenarios/bristol" / f"{name}.yaml" for name in SCENARIOS]
    run_cli(revolve_cli, "compare", *files, "--runs", 2, "--seed", 1, "--out", out)
    now = fingerprints(out)
    if os.environ.get("REVOLVE_UPDATE_PIN"):
        PIN.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
        headline(out).to_csv(HEADLINE, index=False, float_format="%.17g")
    pinned = json.loads(PIN.read_text())
    changed = sorted(name for name in pinned.keys() | now.keys() if pinned.get(name) != now.get(name))
    moved = moved_measures(headline(out), pd.read_csv(HEADLINE, float_precision="round_trip")) if changed else []
    assert not changed, (f"{len(changed)} result files differ from the pin: {', '.join(changed)}\n"
                         f"headline measures that moved ({len(moved)}):\n  " + "\n  ".join(moved[:40]))
