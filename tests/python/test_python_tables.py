"""Tables from the engine reach pandas as columns, with no file between C++ and Python, and hold what the files
hold: summary() of a run, a comparison and a PSA against the CSV files save() writes."""
import tempfile

import pandas as pd
import pytest

import revolve
from conftest import ROOT

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"
TEXT = ["scenario", "measure", "group", "payer", "unit", "aggregation", "period", "verdict", "psa_verdict"]


def read_csv(path):
    """A result CSV as written: text columns as text (empty is ""), empty numbers NaN, numbers exactly."""
    columns = pd.read_csv(path, nrows=0).columns
    numbers = [c for c in columns if c not in TEXT]
    return pd.read_csv(path, dtype={c: str for c in TEXT if c in columns}, keep_default_na=False,
                       na_values={c: [""] for c in numbers}, float_precision="round_trip")


@pytest.fixture(scope="module")
def scenarios():
    return [revolve.Scenario.load(SMALL), revolve.Scenario.load(SMALL_HF)]


@pytest.mark.parametrize("kind, file", [("run", "summary.csv"), ("compare", "comparison.csv"),
                                        ("psa", "comparison.csv")])
def test_summary_is_the_file_without_writing_one(scenarios, kind, file, tmp_path, monkeypatch):
    results = {"run": lambda: revolve.run(scenarios[0], runs=3),
               "compare": lambda: revolve.compare(scenarios, runs=3),
               "psa": lambda: revolve.psa(scenarios, draws=3, point_runs=2)}[kind]()
    out = results.save(tmp_path / kind)

    def no_files(*args, **kwargs):
        raise AssertionError("summary() made a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_files)
    monkeypatch.setattr(tempfile, "mkdtemp", no_files)
    table = results.summary()
    assert "net_cost_per.person_weeks.rough_sleeping" in set(table["measure"]) or kind == "run"
    expected = read_csv(out / file)
    pd.testing.assert_frame_equal(table.drop(columns=["period_start", "period_end"]), expected, check_dtype=False)
    assert (table.dtypes[[c for c in TEXT if c in table]] == object).all()
