"""Scenarios from Python: exactly the numbers and files of `revolve run` and `revolve compare`, read as pandas."""
import filecmp
import functools
import json
import operator

import numpy as np
import pandas as pd
import pytest

import revolve
from conftest import ROOT, run_cli

BRISTOL = ROOT / "scenarios/bristol"
NAMES = ["baseline", "housing_first_x2", "mtam"]
RUNS, SEED = 5, 11
TEXT = ["scenario", "measure", "group", "payer", "unit", "aggregation", "period", "verdict", "psa_verdict"]
PERIOD_YEARS = ["period_start", "period_end"]  # in Python tables only: the CLI's files have the label


def read_csv(path):
    """A CSV the CLI wrote, with its numbers exactly (they are in shortest round-trip form) and "" kept as text."""
    header = pd.read_csv(path, nrows=0).columns
    return pd.read_csv(path, dtype={c: str for c in header if c in TEXT}, keep_default_na=False,
                       na_values={c: [""] for c in header if c not in TEXT}, float_precision="round_trip")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Three Bristol scenarios at a tenth of the area for a year and a half, as files that the CLI reads too."""
    folder = tmp_path_factory.mktemp("scenarios")
    for name in NAMES:
        (folder / f"{name}.yaml").write_text(
            f"extends: {BRISTOL / name}.yaml\nhorizon_years: 1.5\npopulation_scale: 0.1\n")
    return [folder / f"{name}.yaml" for name in NAMES]


@pytest.fixture(scope="module")
def cli_comparison(revolve_cli, small, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "comparison"
    run_cli(revolve_cli, "compare", *small, "--runs", RUNS, "--seed", SEED, "--threads", 2, "--out", out)
    return out


@pytest.fixture(scope="module")
def comparison(small):
    return revolve.compare([revolve.Scenario.load(path) for path in small], runs=RUNS, seed=SEED, threads=2)


def test_compare_summary_is_the_cli_comparison_csv_exactly(comparison, cli_comparison):
    summary = comparison.summary()
    pd.testing.assert_frame_equal(summary.drop(columns=PERIOD_YEARS), read_csv(cli_comparison / "comparison.csv"),
                                  check_exact=True)
    assert summary["measure"].str.startswith("net_cost_per.").any()
    assert (summary.loc[summary["scenario"] == "baseline", "diff_mean"] == 0).all()


def test_compare_timeseries_is_each_cli_results_csv_exactly(comparison, cli_comparison):
    cli = pd.concat([read_csv(cli_comparison / name / "results.csv") for name in NAMES], ignore_index=True)
    pd.testing.assert_frame_equal(comparison.timeseries(), cli, check_exact=True)
    rough = comparison.timeseries("people.rough_sleeping")
    assert rough.columns.tolist() == cli.columns.tolist()
    assert len(rough) == 3 * 78 and set(rough["measure"]) == {"people.rough_sleeping"}


def test_saved_comparison_is_the_cli_files_byte_for_byte(comparison, cli_comparison, tmp_path):
    out = comparison.save(tmp_path / "comparison")
    csvs = sorted(p.relative_to(cli_comparison) for p in cli_comparison.rglob("*.csv"))
    assert csvs == sorted(p.relative_to(out) for p in out.rglob("*.csv")) and len(csvs) == 10
    assert all(filecmp.cmp(cli_comparison / csv, out / csv, shallow=False) for csv in csvs)
    for manifest in ["manifest.json", "mtam/manifest.json"]:
        ours, theirs = (json.loads((folder / manifest).read_text()) for folder in (out, cli_comparison))
        assert ours.pop("command").startswith("revolve.compare(['baseline', 'housing_first_x2', 'mtam'], runs=5")
        assert ours.pop("code_version") == revolve._core.git_version  # the CLI's, unless build/ was rebuilt meanwhile
        for key in ["command", "created", "code_version"]:
            theirs.pop(key)
        ours.pop("created")
        assert ours == theirs


def test_run_gives_the_numbers_and_files_of_revolve_run(revolve_cli, small, tmp_path):
    run_cli(revolve_cli, "run", small[1], "--runs", 3, "--seed", 4, "--out", tmp_path / "cli")
    res = revolve.run(small[1], runs=3, seed=4)
    pd.testing.assert_frame_equal(res.summary().drop(columns=PERIOD_YEARS), read_csv(tmp_path / "cli/summary.csv"),
                                  check_exact=True)
    out = res.save(tmp_path / "python")
    assert sorted(p.name for p in out.iterdir()) == [".revolve-output", "lives.csv", "manifest.json", "results.csv", "summary.csv"]
    assert all(filecmp.cmp(tmp_path / "cli" / name, out / name, shallow=False) for name in ["results.csv", "summary.csv"])


def test_runs_are_the_per_run_totals_behind_the_summary(comparison):
    per_run = comparison.runs("person_weeks.rough_sleeping")
    assert per_run.columns.tolist() == ["scenario", "run", "measure", "group", "payer", "unit", "period",
                                        "period_start", "period_end", "value"]
    wide = per_run.pivot(index="run", columns="scenario", values="value")
    assert wide.shape == (RUNS, 3)
    summary = comparison.summary().set_index(["scenario", "measure", "group", "period"])
    for name in NAMES:
        row = summary.loc[(name, "person_weeks.rough_sleeping", "", "total")]
        values = wide[name].tolist()
        assert functools.reduce(operator.add, values) / RUNS == row["mean"]  # the engine sums in run order
        assert np.quantile(values, [0.05, 0.95]) == pytest.approx([row["low"], row["high"]], rel=1e-12)
        differences = (wide[name] - wide["baseline"]).tolist()  # paired by run: common random numbers
        assert functools.reduce(operator.add, differences) / RUNS == pytest.approx(row["diff_mean"], rel=1e-12)


def test_runs_select_periods_groups_and_measures(comparison):
    yearly = comparison.runs("events.arrest", period=None, group=None)
    assert set(yearly["period"]) == {"year 1", "year 2", "total"}
    assert set(yearly["group"]) == {"", "wider", "young_mec_justice", "women_domestic_abuse", "chronic_homeless"}
    assert len(yearly) == 3 * RUNS * 3 * 5
    everything = comparison.runs()
    assert set(everything["period"]) == {"total"} and set(everything["group"]) == {""}
    with pytest.raises(KeyError, match="did you mean events.arrest"):
        comparison.runs("events.arest")


def test_periods_have_numeric_start_and_end_in_years(comparison):
    week = 7 / 365.25
    for table in (comparison.summary(), comparison.runs(period=None)):
        years = table.groupby("period")[PERIOD_YEARS].first()
        assert years.loc["year 1"].tolist() == pytest.approx([0, 52 * week])
        assert years.loc["year 2"].tolist() == pytest.approx([52 * week, 78 * week])  # 18 months: half a year 2
        assert years.loc["total"].tolist() == pytest.approx([0, 78 * week])


def test_results_describe_their_measures_and_manifest(comparison):
    measures = comparison.measures
    assert measures.loc["events.ae_attendance[wider]", ["measure", "group"]].tolist() == ["events.ae_attendance", "wider"]
    assert comparison.scenarios == NAMES
    manifest = comparison.manifest
    assert (manifest["runs"], manifest["seed"], manifest["threads"]) == (RUNS, SEED, 2)
    assert [s["label"] for s in manifest["scenarios"]] == NAMES
    assert manifest["revolve_version"] == revolve.__version__


def test_with_changes_is_a_scenario_file_extending_the_original(small, tmp_path, revolve_cli):
    base = revolve.Scenario.load(small[0])
    changed = base.with_changes(params={"housing_first.added_places": 30},
                                interventions={"housing_first": {"start": 0.5, "scale_up": 1}}, label="HF")
    as_file = revolve.Scenario.load(small[1])
    assert changed.hash == as_file.hash
    assert (changed.parameters, changed.interventions) == (as_file.parameters, as_file.interventions)
    in_python = revolve.compare([base, changed], runs=2, seed=3).summary()
    from_files = revolve.compare([base, as_file], runs=2, seed=3).summary()
    numbers = ["mean", "low", "high", "diff_mean", "diff_low", "diff_high"]
    pd.testing.assert_frame_equal(in_python[numbers], from_files[numbers], check_exact=True)


def test_with_changes_takes_every_form_of_value_and_schedule(small):
    base = revolve.Scenario.load(small[0])
    forms = [30, (30, ""), {"value": 30}, (30, "places"), {"value": 30, "unit": "places"}]
    changed = [base.with_changes(params={"housing_first.added_places": value}) for value in forms]
    assert [c.parameters["housing_first.added_places"] for c in changed] == [30, 30, 30, (30, "places"), (30, "places")]
    assert len({c.hash for c in changed[:3]}) == 1 and len({c.hash for c in changed[3:]}) == 1
    on = base.with_changes(interventions={"mtam": "on", "navigators": True, "contracts": {}})
    assert {name: windows[0]["start"] for name, windows in on.interventions.items()} == {
        "mtam": 0.0, "navigators": 0.0, "contracts": 0.0}
    two = on.with_changes(interventions={"mtam": {"schedule": [{"start": 1}, {"start": 0, "stop": 0.5}]},
                                         "navigators": "off", "contracts": None})
    assert two.interventions == {"mtam": [{"start": 0.0, "scale_up": 0.0, "stop": 0.5, "level": 1.0},
                                          {"start": 1.0, "scale_up": 0.0, "stop": float("inf"), "level": 1.0}]}
    assert two.label == f"{base.label} with mtam, navigators, contracts with mtam, navigators off, contracts off"
    settings = base.with_changes(horizon_years=2, population_scale=0.5, runs=7, seed=9, description="d")
    assert (settings.horizon_years, settings.population_scale, settings.runs, settings.seed) == (2, 0.5, 7, 9)
    assert settings.label == base.label and settings.hash != base.hash
    assert base.interventions == {} and base.parameters == {}, "a scenario never changes"


def test_compare_needs_two_scenarios_with_their_own_labels(small):
    base = revolve.Scenario.load(small[0])
    with pytest.raises(ValueError, match="at least one alternative"):
        revolve.compare([base])
    with pytest.raises(ValueError, match="two scenarios are labelled 'baseline'"):
        revolve.compare([base, base.with_changes(horizon_years=1)])
    with pytest.raises(ValueError, match=r"the same horizon_years, got \[1.5, 2.0\]"):
        revolve.compare([base, base.with_changes(horizon_years=2, label="longer")])
    with pytest.raises(ValueError, match="runs must be a whole number from 1 to 100000, got 0"):
        revolve.run(base, runs=0)
