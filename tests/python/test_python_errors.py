"""Each C++ error class becomes the Python exception of the same name, with the same message as the CLI's."""
import pytest

import revolve
from conftest import ROOT, run_cli

CLASSES = ["Error", "ModelError", "InputError", "ParameterError", "ScenarioError", "OutputError", "Cancelled"]


@pytest.mark.parametrize("name", CLASSES)
def test_each_cpp_error_class_becomes_its_python_class_with_its_message(name):
    message = "scenario.yaml:12: in 'housing_first', column 3: unknown key 'places_'"
    with pytest.raises(revolve.Error) as caught:
        revolve._core._raise_error(name, message)
    assert type(caught.value) is getattr(revolve, name)
    assert str(caught.value) == message


def test_python_classes_mirror_the_cpp_hierarchy():
    assert issubclass(revolve.Error, RuntimeError)
    for name in CLASSES[1:]:
        assert getattr(revolve, name).__bases__ == (revolve.Error,)
        assert getattr(revolve, name) is getattr(revolve.errors, name)


def test_model_error_names_variable_and_column_as_the_cli_does(revolve_cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("variables:\n  - aux: rate\n    equation: 2\n  - aux: x\n    equation: rate * (3 +\n")
    with pytest.raises(revolve.ModelError) as caught:
        revolve.sd.load(path).run()
    assert "bad.yaml:4: in the equation of 'x', column 12: syntax error" in str(caught.value)
    cli = run_cli(revolve_cli, "sd", "run", path, "--out", tmp_path, check=False)
    assert cli.stderr.strip() == f"error: {caught.value}"


def test_input_error_names_file_and_line_as_the_cli_does(revolve_cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("variables:\n  - aux: a\n    colour: red\n")
    with pytest.raises(revolve.InputError, match=r"bad\.yaml:3: unknown key 'colour'") as caught:
        revolve.sd.load(path)
    cli = run_cli(revolve_cli, "sd", "run", path, "--out", tmp_path, check=False)
    assert cli.stderr.strip() == f"error: {caught.value}"


def test_parameter_error_names_file_line_and_parameter_as_the_cli_does(revolve_cli, tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text(
        "model: demo\nconventions: {time_unit: week, price_year: 2023/24}\nsections:\n  health:\n"
        "    title: Health\n    parameters:\n      relapse:\n        value: 2\n        unit: probability per year\n"
        "        kind: probability\n        description: Chance of relapse within a year.\n"
        "        source: {citation: A study, where: table 2}\n        status: sourced\n")
    with pytest.raises(revolve.ParameterError, match=r"parameters\.yaml:\d+: .*health\.relapse") as caught:
        revolve.parameters(path)
    cli = run_cli(revolve_cli, "params", "check", path, check=False)
    assert cli.stderr.strip() == f"error: {caught.value}"


SCENARIO_ERRORS = {
    "unknown key": ("horizon: 5\n", r"s\.yaml:3: unknown key 'horizon' \(allowed: cohort, description, extends, "),
    "unknown intervention": ("interventions:\n  navigtors: {start: 0}\n",
                             r"s\.yaml:4: unknown intervention 'navigtors' \(did you mean 'navigators'\?\)"),
    "out of bounds": ("parameters:\n  housing_first.places: 9000\n",
                      r"s\.yaml:4: 'housing_first\.places': value 9000 places is out of bounds \[0, 5000\] places"),
    "overlapping schedule": ("interventions:\n  mtam:\n    schedule:\n      - {start: 0, stop: 3}\n      - {start: 2}\n",
                             r"s\.yaml:7: overlapping schedule: this window of 'mtam' starts at 2 years, before the "
                             r"window at line 6 stops \(3 years\)"),
}


@pytest.mark.parametrize("problem", SCENARIO_ERRORS)
def test_scenario_error_names_file_line_and_key_as_the_cli_does(problem, revolve_cli, tmp_path):
    text, message = SCENARIO_ERRORS[problem]
    path = tmp_path / "s.yaml"
    path.write_text(f"extends: {ROOT}/scenarios/bristol/baseline.yaml\nscenario: s\n{text}")
    with pytest.raises(revolve.ScenarioError, match=message) as caught:
        revolve.Scenario.load(path)
    cli = run_cli(revolve_cli, "run", path, "--out", tmp_path / "out", check=False)
    assert cli.stderr.strip() == f"error: {caught.value}"
    assert not (tmp_path / "out").exists()


WITH_CHANGES_ERRORS = [
    (dict(params={"housing_first.added_places": 9000}),
     "with_changes: 'housing_first.added_places': value 9000 places is out of bounds [0, 5000] places"),
    (dict(params={"housing_first.added_place": 9}),
     "with_changes: unknown parameter 'housing_first.added_place' in revolving_door (did you mean "
     "'housing_first.added_places' or 'housing_first.places'?)"),
    (dict(params={"contracts.term": (3, "kg")}),
     "with_changes: 'contracts.term': unit mismatch: 'kg' does not fit 'years' (a duration; use: "
     "days|weeks|months|years)"),
    (dict(params={"contracts.term": "long"}), "with_changes: 'contracts.term' must be a number, got 'long'"),
    (dict(params={"contracts.term": {"valeu": 5}}),
     "with_changes: unknown key 'valeu' in parameter 'contracts.term' (allowed: value, unit)"),
    (dict(interventions={"navigtors": "on"}),
     "with_changes: unknown intervention 'navigtors' (did you mean 'navigators'?) (known: housing_first, mtam, "
     "navigators, release_accommodation, contracts, payment_by_results, commissioning_for_learning)"),
    (dict(interventions={"mtam": [{"start": 0, "stop": 3}, {"start": 2}]}),
     "with_changes: overlapping schedule: a window of 'mtam' starts at 2 years, before the one starting at 0 years "
     "stops (3 years)"),
    (dict(interventions={"mtam": {"begin": 1}}),
     "with_changes: unknown key 'begin' in the schedule of 'mtam' (allowed: level, scale_up, start, stop)"),
    (dict(interventions={"mtam": {"start": -1}}), "with_changes: 'start' of 'mtam' must not be negative"),
    (dict(interventions={"mtam": "sometimes"}),
     "with_changes: the schedule of 'mtam' must be a window such as {'start': 0.5}, a list of windows, 'on' or "
     "'off', got 'sometimes'"),
    (dict(horizon_years=0), "with_changes: 'horizon_years' must be positive, got 0"),
]


@pytest.mark.parametrize("changes, message", WITH_CHANGES_ERRORS, ids=[m.split(": ")[1][:30] for _, m in WITH_CHANGES_ERRORS])
def test_scenario_error_for_changes_made_in_python(changes, message):
    base = revolve.Scenario.load(ROOT / "scenarios/bristol/baseline.yaml")
    with pytest.raises(revolve.ScenarioError) as caught:
        base.with_changes(**changes)
    assert str(caught.value) == message
