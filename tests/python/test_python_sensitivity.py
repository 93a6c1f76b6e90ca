"""revolve.sensitivity from Python: the files of `revolve sensitivity` byte for byte, tables that hold what the
files hold, progress, and errors that name the problem."""
import json

import pandas as pd
import pytest

import revolve
from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"
PARAMS = ["housing.rough_to_supported", "justice.arrest_rate", "mortality.base_rate"]
MEASURE = "person_weeks.rough_sleeping"


@pytest.mark.parametrize("method, compare", [("morris", False), ("sobol", True)])
def test_the_files_of_revolve_sensitivity_byte_for_byte(revolve_cli, tmp_path, method, compare):
    against = ["--compare", SMALL] if compare else []
    run_cli(revolve_cli, "sensitivity", SMALL_HF, *against, "--method", method, "--samples", 4, "--measure", MEASURE,
            "--params", ",".join(PARAMS), "--seed", 5, "--out", tmp_path / "cli")
    res = revolve.sensitivity(SMALL_HF, MEASURE, baseline=SMALL if compare else None, method=method, samples=4,
                              params=PARAMS, seed=5)
    out = res.save(tmp_path / "python")
    for name in ["sensitivity.csv", "design.csv"]:
        assert (tmp_path / "cli" / name).read_bytes() == (out / name).read_bytes(), name
    volatile = {"command", "seconds", "threads", "processes"}
    cli = json.loads((tmp_path / "cli" / "manifest.json").read_text())
    assert {k: v for k, v in cli.items() if k not in volatile} == {k: v for k, v in res.manifest.items()
                                                                    if k not in volatile}
    # The tables are the files' (read as written), with the row number as the design's index.
    indices = pd.read_csv(out / "sensitivity.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(res.indices(), indices)
    # The output is a mean over runs, a float even when one run's total is whole (and the CSV holds "1234").
    design = pd.read_csv(out / "design.csv", float_precision="round_trip", dtype={"output": float}).set_index("row")
    pd.testing.assert_frame_equal(res.design(), design)
    assert res.parameters.index.tolist() == PARAMS


def test_progress_counts_every_run_step_of_both_scenarios():
    calls = []
    revolve.sensitivity(SMALL_HF, MEASURE, baseline=SMALL, samples=2, params=PARAMS[:1], runs=2,
                        progress=lambda done, total: calls.append((done, total)))
    # 2 trajectories x 2 rows, 2 runs, 2 scenarios, 104 weekly steps.
    assert calls and calls[-1] == (4 * 2 * 2 * 104, 4 * 2 * 2 * 104)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"params": ["justice.arest_rate"]}, revolve.Error, "justice.arrest_rate"),
    ({"params": ["housing_first.added_places"], "scenario": SMALL_HF}, revolve.Error, "a decision"),
    ({"measure": "people.homeles"}, revolve.Error, "no output 'people.homeles'"),
    ({"method": "fast"}, ValueError, "'morris' or 'sobol'"),
    ({"samples": 1}, ValueError, "samples"),
])
def test_bad_input_names_the_problem(kwargs, error, message):
    args = {"scenario": SMALL, "measure": MEASURE, "params": PARAMS[:1], **kwargs}
    with pytest.raises(error, match=message):
        revolve.sensitivity(args.pop("scenario"), args.pop("measure"), **args)
