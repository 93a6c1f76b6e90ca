"""revolve.sd from Python: loading, building, running, and the same numbers as `revolve sd run`."""
import os

import numpy as np
import pandas as pd
import pytest

import revolve
from conftest import ROOT, run_cli

TEACUP = ROOT / "models/examples/teacup.yaml"
QUEUE = ROOT / "docs/examples/housing_first_queue.xmile"

RANDOM_MODEL = """\
model: Draws
specs: {start: 0, stop: 20, dt: 0.5, method: euler}
variables:
  - aux: shock
    equation: NORMAL(0, 1)
  - aux: share
    equation: UNIFORM(0, 1)
  - aux: arrivals
    equation: POISSON(3)
  - stock: total
    initial: 0
    inflows: [arriving]
  - flow: arriving
    equation: arrivals + shock + share
"""


def cli_results(revolve_cli, tmp_path, model, *options):
    """`revolve sd run` output, read back exactly (round-trip float parsing). The output folder is its own: the
    model file may sit in tmp_path, and an output folder replaces what is in it."""
    run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path / "out", *options)
    return pd.read_csv(tmp_path / "out" / "results.csv", index_col="time", float_precision="round_trip")


def assert_identical(python, cli):
    assert list(python.columns) == list(cli.columns)
    assert np.array_equal(python.index.to_numpy(), cli.index.to_numpy())
    assert np.array_equal(python.to_numpy(), cli.to_numpy(), equal_nan=True)


def conformance_models(data):
    return sorted((data / "sd-conformance").rglob("*.xmile"))


def parameter_values(model):
    """A value for each parameter without a default: the revolving-door system's come from parameters.yaml
    when the model runs it, and any value will do to compare two runs."""
    return {name: 1.5 for name, kind in model.variables["kind"].items() if kind == "parameter" and not model[name].equation}


def teacup_built_in_python():
    m = revolve.sd.Model("Teacup", start=0, stop=30, dt=0.125)
    m.stock("Teacup Temperature", 180, outflows=["Heat Loss to Room"])
    m.flow("Heat Loss to Room", "(Teacup Temperature - Room Temperature) / Characteristic Time")
    m.constant("Room Temperature", 70)
    m.constant("Characteristic Time", 10)
    return m


@pytest.mark.parametrize("model", [TEACUP, QUEUE], ids=["yaml", "xmile"])
def test_load_and_run_gives_the_same_numbers_as_the_cli(revolve_cli, tmp_path, model):
    assert_identical(revolve.sd.load(model).run(), cli_results(revolve_cli, tmp_path, model))


def test_every_conformance_model_matches_the_cli_or_fails_with_its_message(revolve_cli, data_dir, tmp_path):
    models = conformance_models(data_dir)
    assert models, "no XMILE models found in tests/data/sd-conformance"
    for model in models:
        cli = run_cli(revolve_cli, "sd", "run", model, "--out", tmp_path, check=False)
        if cli.returncode == 0:
            expected = pd.read_csv(tmp_path / "results.csv", index_col="time", float_precision="round_trip")
            assert_identical(revolve.sd.load(model).run(), expected)
        else:
            with pytest.raises(revolve.Error) as caught:
                revolve.sd.load(model).run()
            assert cli.stderr.strip() == f"error: {caught.value}", model


@pytest.mark.parametrize("seed", [1, 7])
def test_random_builtins_give_the_cli_numbers_for_the_same_seed(revolve_cli, tmp_path, seed):
    path = tmp_path / "draws.yaml"
    path.write_text(RANDOM_MODEL)
    ours = revolve.sd.load(path).run(seed=seed)
    assert_identical(ours, cli_results(revolve_cli, tmp_path, path, "--seed", seed))


def test_seed_changes_the_draws_and_repeats_them(tmp_path):
    path = tmp_path / "draws.yaml"
    path.write_text(RANDOM_MODEL)
    model = revolve.sd.load(path)
    assert model.run(seed=3).equals(model.run(seed=3))
    assert not model.run(seed=3).equals(model.run(seed=4))


@pytest.mark.parametrize("method", ["rk4", "dopri5"])
def test_method_and_save_match_the_cli_options(revolve_cli, tmp_path, method):
    ours = revolve.sd.load(QUEUE).run(method=method, save=["Waiting", "placements"])
    cli = cli_results(revolve_cli, tmp_path, QUEUE, "--method", method, "--vars", "Waiting,placements")
    assert_identical(ours, cli)


def test_model_built_in_python_equals_the_same_model_from_a_file():
    assert teacup_built_in_python().run().equals(revolve.sd.load(TEACUP).run())


def test_results_are_a_dataframe_indexed_by_time_with_units():
    results = revolve.sd.load(TEACUP).run()
    assert results.index.name == "time"
    assert results.index[0] == 0.0 and results.index[-1] == 30.0 and len(results) == 241
    assert list(results.columns) == ["Teacup Temperature", "Heat Loss to Room", "Room Temperature",
                                     "Characteristic Time"]
    assert results.attrs["units"]["Teacup Temperature"] == "degrees Fahrenheit"
    assert results.dtypes.eq(np.float64).all()


def test_save_accepts_one_name_and_limits_columns():
    results = revolve.sd.load(TEACUP).run(save="teacup_temperature")
    assert list(results.columns) == ["Teacup Temperature"]


def test_overrides_replace_a_constant_and_a_stock_initial_value_for_one_run():
    model = teacup_built_in_python()
    changed = model.run(overrides={"Room Temperature": 20, "Teacup Temperature": 100})
    assert changed["Room Temperature"].eq(20).all()
    assert changed["Teacup Temperature"].iloc[0] == 100
    assert model.run()["Room Temperature"].eq(70).all()


PARAMETERS = """\
specs: {stop: 2}
variables:
  - stock: waiting
    initial: 0
    inflows: [arrivals]
  - parameter: arrivals
  - parameter: delay
    default: 4
"""


def test_parameters_take_overrides_or_their_default_and_say_which_is_missing(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(PARAMETERS)
    model = revolve.sd.load(path)
    assert model.variables.loc[["arrivals", "delay"], "kind"].tolist() == ["parameter", "parameter"]
    assert model["delay"].equation == "4"
    assert model.run(overrides={"arrivals": 2})["waiting"].tolist() == [0, 2, 4]
    with pytest.raises(revolve.errors.ModelError, match=r"m.yaml:6: variable 'arrivals': a parameter without a "
                                                        r"default needs a value for the run"):
        model.run()


def test_parameters_built_in_python_and_their_defaults():
    m = revolve.sd.Model(stop=1)
    assert repr(m.parameter("rate", 0.1, units="per week")) == "Variable(parameter 'rate' = 0.1)"
    m.parameter("share", dimensions=[])
    assert m.run(overrides={"share": 0.5}).iloc[-1].tolist() == [0.1, 0.5]
    with pytest.raises(ValueError, match="the default of parameter 'x' must be a finite number, got inf"):
        m.parameter("x", float("inf"))


def test_arrays_name_columns_by_element():
    m = revolve.sd.Model(stop=2)
    m.dimension("group", ["young", "women"])
    m.dimension("service", ["housing", "health"])
    m.aux("arrivals", {"young": 5, "women": "3 + TIME"}, dimensions="group")
    m.aux("weight", {"housing": 0.25, "health": 0.75}, dimensions=["service"])
    m.stock("queue", 1, inflows="joining", dimensions=["group", "service"])
    m.flow("joining", "arrivals[group] * weight[service]", dimensions=["group", "service"])
    results = m.run(save="queue")
    assert list(results.columns) == ["queue[young,housing]", "queue[young,health]", "queue[women,housing]",
                                     "queue[women,health]"]
    assert results.loc[1.0].tolist() == [1 + 5 * 0.25, 1 + 5 * 0.75, 1 + 3 * 0.25, 1 + 3 * 0.75]


def test_element_keys_may_be_tuples_or_comma_separated():
    m = revolve.sd.Model(stop=0)
    m.dimension("a", ["x", "y"])
    m.dimension("b", ["p", "q"])
    m.aux("v", {("x", "p"): 1, "x, q": 2, "y,p": 3, ("y", "q"): 4}, dimensions=["a", "b"])
    assert m.run().iloc[0].tolist() == [1, 2, 3, 4]


def test_graphical_function_interpolates_between_points():
    m = revolve.sd.Model(stop=4, dt=0.5)
    m.graphical("effect", x=[0, 2, 4], y=[0, 1, 0], input="TIME")
    assert m.run()["effect"].tolist() == [0, 0.25, 0.5, 0.75, 1, 0.75, 0.5, 0.25, 0]
    assert m["effect"].graph.interpolation == "continuous" and m["effect"].graph(1) == 0.5


def test_non_negative_stock_never_goes_below_zero():
    m = revolve.sd.Model(stop=5)
    m.stock("beds", 3, outflows="discharges", non_negative=True)
    m.flow("discharges", 2)
    assert m.run()["beds"].tolist() == [3, 1, 0, 0, 0, 0]


def test_specs_are_live_and_method_is_checked():
    model = revolve.sd.load(TEACUP)
    model.specs.stop = 10
    model.specs.save_step = 1
    assert model.run().index.tolist() == [float(t) for t in range(11)]
    with pytest.raises(ValueError, match="unknown integration method 'heun'"):
        model.specs.method = "heun"


def test_variables_are_listed_and_editable_by_name():
    model = revolve.sd.load(TEACUP)
    table = model.variables
    assert table.index.tolist() == list(model) == ["Teacup Temperature", "Heat Loss to Room", "Room Temperature",
                                                   "Characteristic Time"]
    assert table.loc["Teacup Temperature", "outflows"] == ["Heat Loss to Room"]
    assert table.loc["Heat Loss to Room", "kind"] == "flow"
    assert len(model) == 4 and "room_temperature" in model and "kettle" not in model
    model["Room Temperature"].equation = "60"
    assert model.run()["Room Temperature"].eq(60).all()
    with pytest.raises(KeyError, match="kettle"):
        model["kettle"]


def test_loaded_variables_keep_where_they_were_defined():
    variable = revolve.sd.load(TEACUP)["Heat Loss to Room"]
    assert variable.file.endswith("teacup.yaml") and variable.line > 0


def test_numbers_become_equations_that_read_back_exactly():
    m = revolve.sd.Model(stop=0)
    for name, value in {"a": 0.1, "b": 1e-300, "c": -2.5, "d": np.float32(0.5), "e": 12}.items():
        m.aux(name, value)
    assert m.run().iloc[0].tolist() == [0.1, 1e-300, -2.5, 0.5, 12]
    with pytest.raises(TypeError, match="an equation is a string or a number"):
        m.aux("f", [1, 2])



@pytest.mark.parametrize("equation, message", [
    ("(" * 3000 + "1" + ")" * 3000, "nested more than 100 deep"),
    ("IF TIME > 0 THEN 1 ELSE " * 30000 + "0", "nested more than 100 deep"),
    ("SMTH1(" * 3000 + "TIME" + ", 1)" * 3000, "nested more than 100 deep"),
    ("(" * 60 + "TIME" + ") ^ 2" * 60, "more than 10 million operations"),
], ids=["3,000 parentheses", "30,000 IF", "3,000 SMTH1", "2^60 multiplications"])
def test_hostile_equations_raise_model_error_not_a_crash(equation, message):
    m = revolve.sd.Model(stop=1)
    m.aux("x", equation)
    with pytest.raises(revolve.errors.ModelError, match=message):
        m.run()


@pytest.mark.parametrize("specs, message", [
    ({"dt": 1e-300}, r"'dt' of 1e-300 from 0 to 10 makes 1e\+301 steps"),
    ({"stop": float("inf")}, "'stop' must be a finite number, got inf"),
    ({"stop": float("nan")}, "'stop' must be a finite number, got nan"),
    ({"start": 20}, r"'stop' \(10\) is before 'start' \(20\)"),
    ({"save_step": -1}, "'save_step' must be a positive finite number"),
    ({"abs_tol": 0}, "'abs_tol' must be a positive finite number, got 0"),
    ({"stop": 3e8}, "300000001 saved times x 1 variables, more than the limit of 250000000"),
])
def test_specs_that_cannot_run_raise_model_error_naming_the_field(specs, message):
    m = revolve.sd.Model()
    m.aux("x", "TIME")
    for field, value in specs.items():
        setattr(m.specs, field, value)
    with pytest.raises(revolve.errors.ModelError, match=message):
        m.run()


def test_a_model_file_that_is_not_a_regular_file_raises_input_error(tmp_path):
    fifo = tmp_path / "model.xmile"
    os.mkfifo(fifo)
    with pytest.raises(revolve.errors.InputError, match=r"model.xmile: is a FIFO \(named pipe\), not a regular file"):
        revolve.sd.load(fifo)


def division_by_zero():
    m = revolve.sd.Model("division", stop=3)
    m.stock("s", 1, inflows="f")
    m.flow("f", "1 / (TIME - 1)")
    return m


def test_non_finite_values_are_kept_with_a_warning_naming_the_first():
    with pytest.warns(RuntimeWarning, match="'f' is inf at time 1: the results hold values that are not finite"):
        results = division_by_zero().run()
    assert results["f"].tolist() == [-1, np.inf, 1, 0.5]


def test_strict_raises_at_the_first_non_finite_value():
    with pytest.raises(revolve.errors.ModelError, match="model 'division': 'f' is inf at time 1; a strict run stops"):
        division_by_zero().run(strict=True)


@pytest.mark.parametrize("model", [TEACUP, QUEUE, ROOT / "models/revolving_door/system.yaml"],
                         ids=["teacup", "queue", "revolving door"])
def test_save_xmile_reads_back_to_identical_results(tmp_path, model):
    original = revolve.sd.load(model)
    original.save_xmile(tmp_path / "model.xmile")
    values = parameter_values(original)
    assert_identical(revolve.sd.load(tmp_path / "model.xmile").run(overrides=values), original.run(overrides=values))


def test_save_xmile_of_a_model_built_in_python_keeps_arrays_and_graphs(tmp_path):
    m = revolve.sd.Model("built", stop=4, dt=0.5, method="rk4")
    m.dimension("group", ["young people", "women"])
    m.aux("arrivals", {"young people": 5, "women": "3 + TIME"}, dimensions="group", units="people per week")
    m.stock("queue", 1, inflows="joining", dimensions=["group"], non_negative=True)
    m.flow("joining", "arrivals * effect(TIME)", dimensions=["group"])
    m.graphical("effect", x=[0, 2, 4], y=[1, 0.5, 0.25], interpolation="discrete")
    m.save_xmile(tmp_path / "built.xmile")
    back = revolve.sd.load(tmp_path / "built.xmile")
    assert back.specs.method == "rk4" and back.dimensions == m.dimensions
    assert_identical(back.run(), m.run())


def test_save_xmile_refuses_what_xmile_cannot_hold_and_writes_nothing(tmp_path):
    m = revolve.sd.Model("places")
    m.dimension("place", ["Bristol, city", "Bath"])
    m.aux("x", 1, dimensions="place")
    with pytest.raises(revolve.errors.ModelError, match="element 'Bristol, city' of dimension 'place' has a comma"):
        m.save_xmile(tmp_path / "places.xmile")
    with pytest.raises(revolve.errors.InputError, match="an XMILE file's name ends in .xmile"):
        revolve.sd.load(TEACUP).save_xmile(tmp_path / "teacup.yaml")
    assert list(tmp_path.iterdir()) == []
