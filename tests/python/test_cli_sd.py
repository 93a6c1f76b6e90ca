"""The `revolve sd run` command, end to end: files in, results.csv out."""
import pandas as pd
import pytest

from conftest import ROOT, run_cli


def test_teacup_model_file_matches_stella(revolve_cli, data_dir, tmp_path):
    """The CLI's results.csv against Stella 10.0.6's 12-digit output (see teacup_test.cpp for why
    output.csv, a 6-digit single-precision print, is only good to 1.5e-5)."""
    run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", tmp_path)
    ours = pd.read_csv(tmp_path / "results.csv")
    stella = pd.read_csv(data_dir / "sd-conformance/samples/teacup/output_stella1006.csv")
    assert list(ours["time"]) == pytest.approx(list(stella["Time"]))
    for column in ["Teacup Temperature", "Heat Loss to Room"]:
        assert ours[column].to_numpy() == pytest.approx(stella[column.lower()].to_numpy(), rel=1e-6)


def test_sd_run_prints_one_line_summary(revolve_cli, tmp_path):
    result = run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", tmp_path)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "Teacup" in lines[0] and "results.csv" in lines[0]


def test_sd_run_vars_limits_columns(revolve_cli, tmp_path):
    run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", tmp_path,
            "--vars", "Teacup Temperature")
    assert list(pd.read_csv(tmp_path / "results.csv").columns) == ["time", "Teacup Temperature"]


def test_bad_model_file_names_file_and_line(revolve_cli, tmp_path):
    model = tmp_path / "bad.yaml"
    model.write_text("variables:\n  - aux: a\n    equation: 1 +\n")
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path, check=False)
    assert result.returncode != 0
    assert "bad.yaml:2" in result.stderr and "syntax error" in result.stderr
    assert not (tmp_path / "results.csv").exists()


@pytest.mark.parametrize("option, value, message", [
    ("--seed", "-1", "--seed: '-1' is not a whole number of 0 or more"),
    ("--method", "rk5", "--method: rk5 not in {euler,rk4,dopri5}"),
    ("--vars", "nope", "model 'Teacup' has no variable 'nope'"),
])
def test_bad_options_are_refused_with_what_is_wanted(revolve_cli, tmp_path, option, value, message):
    result = run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", tmp_path / "out",
                     option, value, check=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [[], ["sd"], ["sd", "run"]])
def test_every_command_has_help(revolve_cli, command):
    result = run_cli(revolve_cli, *command, "--help")
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()
