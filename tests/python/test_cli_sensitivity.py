"""`revolve sensitivity`, end to end on a small scenario: files and columns, and bad input (test_cli_mpi.py runs it
under mpirun)."""
import json
import os
import subprocess

import pandas as pd
import pytest

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"
PARAMS = "housing.rough_to_supported,housing.temporary_to_rough,justice.arrest_rate,mortality.base_rate"
# mpirun refuses to run as root without these, and 3 processes on fewer cores need --oversubscribe.
MPI_ENV = {**os.environ, "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"}


def sensitivity(exe, out, *extra, processes=0, check=True):
    args = [str(exe), "sensitivity", str(SMALL), "--measure", "person_weeks.rough_sleeping", "--params", PARAMS,
            "--out", str(out), *map(str, extra)]
    if processes:
        args = ["mpirun", "-n", str(processes), "--oversubscribe", *args]
    result = subprocess.run(args, capture_output=True, text=True, env=MPI_ENV)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{result.stderr}")
    return result


def test_morris_writes_tidy_indices_the_design_and_a_manifest(revolve_cli, tmp_path):
    out = tmp_path / "morris"
    result = sensitivity(revolve_cli, out, "--samples", "4")
    assert "largest mu_star" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [".revolve-output", "design.csv", "manifest.json",
                                                      "sensitivity.csv"]
    indices = pd.read_csv(out / "sensitivity.csv")
    assert list(indices.columns) == ["parameter", "index", "estimate", "low", "high"]
    assert set(indices["index"]) == {"mu_star", "mu", "sigma"} and len(indices) == 3 * 4
    assert (indices["low"] <= indices["estimate"]).all() and (indices["estimate"] <= indices["high"]).all()
    design = pd.read_csv(out / "design.csv")
    assert list(design.columns) == ["row", *PARAMS.split(","), "output"] and len(design) == 4 * 5
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["method"] == "morris" and manifest["design_rows"] == 20 and manifest["runs_per_row"] == 1
    assert [p["name"] for p in manifest["parameters"]] == PARAMS.split(",")


def test_sobol_of_a_paired_difference(revolve_cli, tmp_path):
    out = tmp_path / "sobol"
    run_cli(revolve_cli, "sensitivity", SMALL_HF, "--compare", SMALL, "--method", "sobol", "--samples", "4",
            "--measure", "person_weeks.rough_sleeping", "--params", PARAMS, "--out", out)
    indices = pd.read_csv(out / "sensitivity.csv")
    assert set(indices["index"]) == {"first", "total"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert "scenario minus baseline" in manifest["output"] and len(manifest["scenarios"]) == 2
    assert len(pd.read_csv(out / "design.csv")) == 4 * 6


def test_bad_measure_stops_with_one_line_and_writes_nothing(revolve_cli, tmp_path):
    result = run_cli(revolve_cli, "sensitivity", SMALL, "--measure", "people.homeles", "--out", tmp_path / "x",
                     check=False)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "no output 'people.homeles'" in result.stderr and not (tmp_path / "x").exists()
