"""revolve.calibrate from Python: the files of `revolve calibrate` byte for byte, a perturbed start pulled back,
the fitted scenario reproducing the fit, progress, and errors that name the problem."""
import json

import pandas as pd
import pytest

import revolve
from conftest import run_cli
from test_cli_calibrate import FITTED, SMALL, perturbed  # noqa: F401 (perturbed: the fixture)

TARGETS = [9, 10, 11]


@pytest.fixture(scope="module")
def fit(perturbed):
    return revolve.calibrate(perturbed, FITTED, targets=TARGETS, max_evaluations=15)


def test_the_files_of_revolve_calibrate_byte_for_byte(revolve_cli, perturbed, fit, tmp_path):
    run_cli(revolve_cli, "calibrate", perturbed, "--params", ",".join(FITTED), "--targets", "9,10,11",
            "--max-evaluations", 15, "--out", tmp_path / "cli")
    out = fit.save(tmp_path / "python")
    for name in ["fit.csv", "parameters.csv", "evaluations.csv", "calibrated.yaml"]:
        assert (tmp_path / "cli" / name).read_bytes() == (out / name).read_bytes(), name
    volatile = {"command", "seconds", "threads"}
    cli = json.loads((tmp_path / "cli" / "manifest.json").read_text())
    assert {k: v for k, v in cli.items() if k not in volatile} == {k: v for k, v in fit.manifest.items()
                                                                    if k not in volatile}
    pd.testing.assert_frame_equal(fit.fit(), pd.read_csv(out / "fit.csv", float_precision="round_trip"))
    parameters = pd.read_csv(out / "parameters.csv", float_precision="round_trip").set_index("parameter")
    pd.testing.assert_frame_equal(fit.parameters(), parameters)
    evaluations = pd.read_csv(out / "evaluations.csv", float_precision="round_trip").set_index("evaluation")
    pd.testing.assert_frame_equal(fit.evaluations(), evaluations)


def test_a_perturbed_start_is_pulled_back_and_the_fitted_scenario_reproduces_the_fit(fit):
    assert fit.objective["fitted"] < 0.6 * fit.objective["start"]
    fitted = fit.parameters()["fitted"]
    assert fit.scenario.parameters == {name: fitted[name] for name in FITTED}
    assert fit.scenario.runs == 4 and fit.scenario.label == "Small perturbed (calibrated)"
    again = revolve.calibrate(fit.scenario, FITTED, targets=TARGETS, max_evaluations=2)
    assert again.objective["start"] == fit.objective["fitted"]  # same values, runs and seed: the same means


def test_progress_ends_at_its_total_when_the_fit_stops_early():
    calls = []
    revolve.calibrate(SMALL, FITTED[:1], targets=[9], runs=2, max_evaluations=200,
                      progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (200 * 2 * 104, 200 * 2 * 104)


def test_a_scenario_changed_in_python_is_fitted_but_not_saved_as_a_file_that_would_lose_the_changes(tmp_path):
    changed = revolve.Scenario.load(SMALL).with_changes(params={"justice.arrest_rate": 0.5})
    fit = revolve.calibrate(changed, FITTED[:1], targets=[9], max_evaluations=2)
    assert fit.parameters().loc["justice.arrest_rate", "start"] == 0.5
    with pytest.raises(ValueError, match="changes made in Python"):
        fit.save(tmp_path / "fit")
    assert not (tmp_path / "fit").exists()


@pytest.mark.parametrize("kwargs, error, message", [
    ({"params": ["justice.arest_rate"]}, revolve.Error, "justice.arrest_rate"),
    ({"params": FITTED[:1] * 2}, revolve.Error, "named twice"),
    ({"targets": [19]}, revolve.Error, "numbered 1 to 18"),
    ({"algorithm": "newton"}, ValueError, "'bobyqa' or 'nelder-mead'"),
    ({"max_evaluations": 1}, ValueError, "max_evaluations"),
])
def test_bad_input_names_the_problem(kwargs, error, message):
    args = {"params": FITTED[:1], "targets": [9], **kwargs}
    with pytest.raises(error, match=message):
        revolve.calibrate(SMALL, args.pop("params"), **args)
