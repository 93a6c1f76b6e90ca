"""`revolve calibrate`, end to end on a small scenario: a perturbed start is pulled back towards the targets,
the fitted scenario reproduces the fit, and bad input stops before anything runs."""
import json

import pandas as pd
import pytest

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
FITTED = ["justice.arrest_rate", "justice.recall_breach_rate"]


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory):
    """The small baseline with two calibrated parameters moved 30% off (0.45 -> 0.585, 0.6 -> 0.42 per year)."""
    path = tmp_path_factory.mktemp("scenario") / "perturbed.yaml"
    path.write_text(f"scenario: Small perturbed\nextends: {SMALL}\nruns: 4\nparameters:\n"
                    "  justice.arrest_rate: 0.585\n  justice.recall_breach_rate: 0.42\n")
    return path


@pytest.fixture(scope="module")
def fit(revolve_cli, perturbed, tmp_path_factory):
    out = tmp_path_factory.mktemp("calibrate") / "fit"
    result = run_cli(revolve_cli, "calibrate", perturbed, "--params", ",".join(FITTED), "--targets", "9,10,11",
                     "--max-evaluations", "25", "--out", out)
    return out, result.stdout


def test_calibrate_improves_the_objective_from_a_perturbed_start(fit):
    out, stdout = fit
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["objective"]["fitted"] < 0.5 * manifest["objective"]["start"]
    assert manifest["runs"] == 4 and manifest["evaluations"] <= 25 and manifest["algorithm"] == "bobyqa"
    targets = pd.read_csv(out / "fit.csv")
    assert list(targets["number"]) == [9, 10, 11] and (targets["in_objective"] == "yes").all()
    objective = lambda z: float((z ** 2).sum())  # noqa: E731
    assert objective(targets["z_before"]) == pytest.approx(manifest["objective"]["start"])
    assert objective(targets["z_after"]) == pytest.approx(manifest["objective"]["fitted"])
    parameters = pd.read_csv(out / "parameters.csv").set_index("parameter")
    assert list(parameters.index) == FITTED
    assert parameters.loc["justice.arrest_rate", "start"] == 0.585
    assert (parameters["low"] <= parameters["fitted"]).all() and (parameters["fitted"] <= parameters["high"]).all()
    evaluations = pd.read_csv(out / "evaluations.csv")
    assert evaluations["objective"].min() == pytest.approx(manifest["objective"]["fitted"])
    assert "objective:" in stdout and "justice.arrest_rate: 0.585 ->" in stdout


def test_the_calibrated_scenario_extends_the_input_and_reproduces_the_fit(revolve_cli, fit, tmp_path):
    out, _ = fit
    scenario = (out / "calibrated.yaml").read_text()
    assert 'extends: "../../scenario' in scenario and "runs: 4" in scenario
    fitted = json.loads((out / "manifest.json").read_text())["objective"]["fitted"]
    again = tmp_path / "again"
    run_cli(revolve_cli, "calibrate", out / "calibrated.yaml", "--params", ",".join(FITTED), "--targets", "9,10,11",
            "--max-evaluations", "2", "--out", again)
    # Its starting values are the fitted ones, run with the same runs and seed: the same objective, exactly.
    assert json.loads((again / "manifest.json").read_text())["objective"]["start"] == fitted
    run_cli(revolve_cli, "run", out / "calibrated.yaml", "--out", tmp_path / "run")


@pytest.mark.parametrize("args, message", [
    (["--params", "justice.arest_rate"], "justice.arrest_rate"),
    (["--params", "justice.arrest_rate,justice.arrest_rate"], "'justice.arrest_rate' is named twice"),
    (["--params", "justice.arrest_rate", "--targets", "19"], "numbered 1 to 18"),
])
def test_bad_input_names_the_problem_and_writes_nothing(revolve_cli, tmp_path, args, message):
    out = tmp_path / "out"
    result = run_cli(revolve_cli, "calibrate", SMALL, *args, "--out", out, check=False)
    assert result.returncode == 1 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_folder_revolve_did_not_write_is_refused_before_the_search(revolve_cli, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("not revolve's")
    result = run_cli(revolve_cli, "calibrate", SMALL, "--params", FITTED[0], "--out", out, check=False)
    assert result.returncode == 1 and "--force" in result.stderr and "evaluation" not in result.stdout
