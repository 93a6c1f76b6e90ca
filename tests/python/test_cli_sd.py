"""The `revolve sd run` command, end to end: files in, results.csv out."""
import os

import pandas as pd
import pytest

import revolve

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


PARAMETERS = "specs: {stop: 2}\nvariables:\n  - stock: waiting\n    initial: 0\n    inflows: [arrivals]\n" \
             "  - parameter: arrivals\n"


def test_set_gives_parameters_their_values_and_a_missing_one_is_named(revolve_cli, tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(PARAMETERS)
    run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out", "--set", "arrivals=1", "--set", "arrivals=2.5")
    assert pd.read_csv(tmp_path / "out" / "results.csv")["waiting"].tolist() == [0, 2.5, 5]
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "missing", check=False)
    assert (result.returncode, result.stderr) == (1, f"error: {model}:6: variable 'arrivals': a parameter without a "
                                                     "default needs a value for the run: set it (an override; --set "
                                                     "in revolve sd run) or give it a default\n")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("value", ["arrivals", "=2", "arrivals=", "arrivals=two", "arrivals=inf"])
def test_set_needs_a_name_and_a_finite_number(revolve_cli, tmp_path, value):
    result = run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", tmp_path / "out",
                     "--set", value, check=False)
    assert result.returncode != 0
    assert f"--set: '{value}' is not NAME=VALUE with VALUE a finite number" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_existing_file_given_as_out_is_refused_and_kept(revolve_cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    result = run_cli(revolve_cli, "sd", "run", ROOT / "models/examples/teacup.yaml", "--out", notes, check=False)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {notes}: is a regular file, not a folder")
    assert notes.read_text() == "keep me" and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("command", [[], ["sd"], ["sd", "run"], ["sd", "export"]])
def test_every_command_has_help(revolve_cli, command):
    result = run_cli(revolve_cli, *command, "--help")
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()


HOSTILE = {
    # name: (file name, text, what the first line of the error says after "error: FILE:")
    "3,000 nested parentheses": ("m.yaml", "variables:\n  - aux: x\n    equation: \"" + "(" * 3000 + "1" + ")" * 3000
                                 + "\"\n", "2: in the equation of 'x', column 101: syntax error: nested more than 100"),
    "30,000 nested IF": ("m.yaml", "variables:\n  - aux: x\n    equation: \"" + "IF TIME > 0 THEN 1 ELSE " * 30000
                         + "0\"\n", "in the equation of 'x', column 2380: syntax error: nested more than 100 deep"),
    "3,000 nested SMTH1": ("m.yaml", "variables:\n  - aux: x\n    equation: \"" + "SMTH1(" * 3000 + "TIME"
                           + ", 1)" * 3000 + "\"\n", "nested more than 100 deep"),
    "dt 1e-300": ("m.yaml", "specs: {dt: 1e-300, stop: 1}\nvariables: [{aux: x, equation: 1}]\n",
                  "1: 'dt' of 1e-300 from 0 to 1 makes 1e+300 steps, more than the limit of 1000000000"),
    "stop .inf": ("m.yaml", "specs: {stop: .inf}\nvariables: [{aux: x, equation: 1}]\n",
                  "1: 'stop' must be a finite number, got inf"),
    "stop .nan": ("m.yaml", "specs: {stop: .nan}\nvariables: [{aux: x, equation: 1}]\n",
                  "1: 'stop' must be a finite number, got nan"),
    "start after stop": ("m.yaml", "specs: {start: 5, stop: 1}\nvariables: [{aux: x, equation: 1}]\n",
                         "1: 'stop' (1) is before 'start' (5)"),
    "save_step 0": ("m.yaml", "specs: {save_step: 0}\nvariables: [{aux: x, equation: 1}]\n",
                    "1: 'save_step' must be positive; leave it out to save every dt"),
    "negative tolerance": ("m.yaml", "specs: {method: dopri5, rel_tol: -1}\nvariables: [{aux: x, equation: 1}]\n",
                           "1: 'rel_tol' must be a positive finite number, got -1"),
    "list as a key": ("m.yaml", "dimensions: {[a]: [x]}\nvariables: [{aux: x, equation: 1}]\n",
                      "1: a dimension's name must be a single value"),
    "XMILE stop inf": ("m.xmile", "<xmile><sim_specs><start>0</start><stop>inf</stop></sim_specs><model/></xmile>",
                       "1: <stop> must be a finite number, got 'inf'"),
    "XMILE dt 0": ("m.xmile", "<xmile><sim_specs><start>0</start><stop>1</stop><dt>0</dt></sim_specs><model/></xmile>",
                   "1: 'dt' must be a positive finite number, got 0"),
    "XMILE huge dimension": ("m.xmile", "<xmile><sim_specs><start>0</start><stop>1</stop></sim_specs><dimensions>"
                             "<dim name=\"d\" size=\"2000000000\"/></dimensions><model/></xmile>",
                             "1: dimension 'd' has size 2000000000, more than the limit of 1000000"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_models_are_one_clear_error_and_nothing_written(revolve_cli, tmp_path, name):
    file_name, text, message = HOSTILE[name]
    model = tmp_path / file_name
    model.write_text(text)
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out", check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0].startswith(f"error: {model}:")
    assert message in result.stderr.splitlines()[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("target", "kind"), [("fifo", "a FIFO (named pipe)"), ("/dev/zero", "a character device")])
def test_a_model_file_that_is_not_a_regular_file_is_refused_at_once(revolve_cli, tmp_path, target, kind):
    model = tmp_path / "model.yaml"
    if target == "fifo":
        os.mkfifo(model)  # reading it would wait for a writer forever
    else:
        model.symlink_to(target)  # reading it would never end
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out", check=False)
    assert (result.returncode, result.stderr) == (1, f"error: {model}: is {kind}, not a regular file\n")
    assert not (tmp_path / "out").exists()


def test_an_equation_of_100000_terms_runs(revolve_cli, tmp_path):
    model = tmp_path / "long.yaml"
    model.write_text("specs: {stop: 1}\nvariables:\n  - aux: x\n    equation: " + " + ".join(["TIME"] * 100_000) + "\n")
    run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out")
    assert pd.read_csv(tmp_path / "out" / "results.csv")["x"].tolist() == [0, 100_000]


DIVISION = "model: division\nspecs: {stop: 3}\nvariables:\n  - stock: s\n    initial: 1\n    inflows: [f]\n" \
           "  - flow: f\n    equation: 1 / (TIME - 1)\n"


def test_non_finite_values_are_written_with_a_warning_naming_the_first(revolve_cli, tmp_path):
    model = tmp_path / "division.yaml"
    model.write_text(DIVISION)
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out")
    assert result.stderr == ("warning: 'f' is inf at time 1: results.csv holds values that are not finite numbers "
                             "(--strict stops at the first instead)\n")
    assert pd.read_csv(tmp_path / "out" / "results.csv")["f"].tolist() == [-1, float("inf"), 1, 0.5]


def test_strict_stops_at_the_first_non_finite_value_and_writes_nothing(revolve_cli, tmp_path):
    model = tmp_path / "division.yaml"
    model.write_text(DIVISION)
    result = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out", "--strict", check=False)
    assert result.returncode == 1
    assert result.stderr == ("error: model 'division': 'f' is inf at time 1; a strict run stops at the first value "
                             "that is not a finite number (division by zero, LN or SQRT of a negative number, "
                             "overflow)\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("model", ["models/examples/teacup.yaml", "models/revolving_door/system.yaml",
                                   "docs/examples/housing_first_queue.xmile"])
def test_export_writes_xmile_that_runs_to_the_same_results(revolve_cli, tmp_path, model):
    exported = tmp_path / "model.xmile"
    result = run_cli(revolve_cli, "sd", "export", ROOT / model, "--out", exported)
    assert result.stdout.strip().endswith(f"variables -> {exported}")
    model_parameters = revolve.sd.load(ROOT / model).variables.query("kind == 'parameter'").index
    sets = [option for name in model_parameters for option in ("--set", f"{name}=1.5")]  # any value will do
    run_cli(revolve_cli, "sd", "run", ROOT / model, "--out", tmp_path / "original", *sets)
    run_cli(revolve_cli, "sd", "run", exported, "--out", tmp_path / "exported", *sets)
    original = (tmp_path / "original/results.csv").read_text()
    assert original == (tmp_path / "exported/results.csv").read_text()


def test_export_of_what_xmile_cannot_hold_is_an_error_and_writes_nothing(revolve_cli, tmp_path):
    model = tmp_path / "places.yaml"
    model.write_text("model: places\ndimensions:\n  place: ['Bristol, city', Bath]\n"
                     "variables:\n  - aux: x\n    dimensions: [place]\n    equation: 1\n")
    result = run_cli(revolve_cli, "sd", "export", model, "--out", tmp_path / "places.xmile", check=False)
    assert (result.returncode, result.stderr) == (1, "error: model 'places': cannot be written as XMILE: element "
                                                     "'Bristol, city' of dimension 'place' has a comma, and XMILE "
                                                     "lists subscripts with commas\n")
    assert list(tmp_path.iterdir()) == [model]


def test_export_needs_an_xmile_file_name(revolve_cli, tmp_path):
    result = run_cli(revolve_cli, "sd", "export", ROOT / "models/examples/teacup.yaml", "--out", tmp_path / "t.yaml",
                     check=False)
    assert (result.returncode, result.stderr) == (
        1, f"error: {tmp_path / 't.yaml'}: an XMILE file's name ends in .xmile (or .xml, .stmx)\n")
