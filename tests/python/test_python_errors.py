"""Each C++ error class becomes the Python exception of the same name, with the same message as the CLI's."""
import pytest

import revolve
from conftest import run_cli

CLASSES = ["Error", "ModelError", "InputError", "ParameterError", "ScenarioError", "Cancelled"]


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
