"""The outputs evaluations need, from Python: quarterly totals, reoffending by housing at release, housed all of the
time (docs/python.md, 'Outputs for evaluations')."""
import functools
import operator

import numpy as np
import pytest

import revolve
from conftest import ROOT

BRISTOL = ROOT / "scenarios/bristol"
RUNS = 3


@pytest.fixture(scope="module")
def comparison():
    """The Bristol baseline and Housing First x2 at a fifth of the area for two years."""
    scenarios = [revolve.Scenario.load(BRISTOL / f"{name}.yaml").with_changes(horizon_years=2, population_scale=0.2)
                 for name in ("baseline", "housing_first_x2")]
    return revolve.compare(scenarios, runs=RUNS, seed=5, threads=2)


def test_quarters_add_up_to_the_years_run_by_run(comparison):
    quarters = comparison.quarters("events.arrest")
    assert quarters["period"].unique().tolist() == [f"quarter {q}" for q in range(1, 9)]
    assert set(quarters["group"]) == {""}
    years = comparison.runs("events.arrest", period=None).set_index(["scenario", "run", "period"])["value"]
    for (scenario, run), rows in quarters.groupby(["scenario", "run"]):
        values = rows["value"].tolist()
        assert functools.reduce(operator.add, values[:4]) == pytest.approx(years[(scenario, run, "year 1")])
        assert functools.reduce(operator.add, values[4:]) == pytest.approx(years[(scenario, run, "year 2")])
    ends = quarters.groupby("period")["period_end"].first()
    assert ends["quarter 4"] == pytest.approx(52 * 7 / 365.25)
    assert ends["quarter 1"] == pytest.approx(13 * 7 / 365.25)


def test_a_quarter_from_runs_and_the_summary_rows(comparison):
    one = comparison.runs("people.rough_sleeping", period="quarter 3")
    assert set(one["period"]) == {"quarter 3"} and len(one) == 2 * RUNS
    summary = comparison.summary()
    row = summary[(summary["measure"] == "people.rough_sleeping") & (summary["period"] == "quarter 3")]
    for scenario, values in one.groupby("scenario")["value"]:
        mean = row.loc[row["scenario"] == scenario, "mean"].item()
        assert np.mean(values) == pytest.approx(mean)
    # The quarter rows come after every yearly and horizon row.
    first_quarter = summary.index[summary["period"].str.startswith("quarter")].min()
    assert not summary.loc[first_quarter:, "period"].str.startswith(("year", "total")).any()


def test_unknown_quarters_and_group_measures_are_named(comparison):
    with pytest.raises(KeyError, match="no period 'quarter 9'"):
        comparison.quarters("events.arrest", "quarter 9")
    with pytest.raises(KeyError, match="no measure 'events.arest'"):
        comparison.quarters("events.arest")


def test_reoffending_by_release_housing_is_the_run_by_run_share_of_the_counts(comparison):
    table = comparison.reoffending_by_release_housing()
    assert table["housing"].unique().tolist() == ["rough_sleeping", "temporary", "transitional", "supported",
                                                  "settled", "housing_first", "all"]
    runs = comparison.runs(["releases_followed_52w.rough_sleeping", "releases_returned_52w.rough_sleeping"])
    wide = runs.pivot_table(index=["scenario", "run"], columns="measure", values="value")
    shares = wide["releases_returned_52w.rough_sleeping"] / wide["releases_followed_52w.rough_sleeping"]
    row = table[(table["housing"] == "rough_sleeping") & (table["scenario"] == "Housing First x2")].iloc[0]
    assert row["share"] == pytest.approx(shares["Housing First x2"].mean())
    paired = (shares["Housing First x2"] - shares["Bristol-like baseline"]).to_numpy()
    assert row["diff"] == pytest.approx(paired.mean())
    assert [row["diff_low"], row["diff_high"]] == pytest.approx(np.quantile(paired, [0.05, 0.95]))
    everyone = table[table["housing"] == "all"].set_index("scenario")
    by_housing = table[table["housing"] != "all"].groupby("scenario")["denominator"].sum()
    assert everyone["denominator"].to_dict() == pytest.approx(by_housing.to_dict())
    assert (table["share"].dropna().between(0, 1)).all()
    assert table.loc[table["scenario"] == "Bristol-like baseline", "diff"].fillna(0).eq(0).all()


def test_housed_all_of_the_time_is_a_share_of_the_people_present_in_the_window(comparison):
    table = comparison.housed_all_of_the_time(year=2).set_index("scenario")
    assert (table["numerator"] <= table["denominator"]).all()
    assert table["share"].between(0.3, 1).all()
    summary = comparison.summary()
    row = summary[(summary["measure"] == "year_end.housed_all_last_26_weeks") & (summary["period"] == "year 2")
                  & (summary["group"] == "")].set_index("scenario")
    assert table["numerator"].to_dict() == pytest.approx(row["mean"].to_dict())


def test_evaluation_tables_name_what_is_wrong(comparison):
    with pytest.raises(KeyError, match="no period 'year 3'"):
        comparison.housed_all_of_the_time(year=3)
    with pytest.raises(KeyError, match="no measure 'people.nobody'"):
        comparison.share("people.nobody", "people.alive")
    with pytest.raises(KeyError, match="no group 'nobody'"):
        comparison.reoffending_by_release_housing(group="nobody")


def test_a_closed_cohort_from_a_scenario_file(tmp_path):
    path = tmp_path / "closed.yaml"
    path.write_text(f"extends: {BRISTOL / 'baseline.yaml'}\nscenario: Closed\nhorizon_years: 1\ncohort:\n"
                    "  people: 300\n  housing: {rough_sleeping: 0.5, temporary: 0.5}\n  need: {high: 1}\n")
    res = revolve.run(revolve.Scenario.load(path), runs=2)
    first = res.timeseries(["people.alive", "events.arrival"]).query("step == 1").set_index("measure")["mean"]
    assert first["people.alive"] == pytest.approx(300, rel=0.02)
    assert res.runs("events.arrival")["value"].eq(0).all()
    small = revolve.Scenario.load(path).with_changes(population_scale=0.5)  # the cohort passes through extends
    assert revolve.run(small, runs=1).timeseries("people.alive")["mean"].iloc[0] == pytest.approx(150, rel=0.03)


def test_a_closed_cohort_with_bad_shares_names_the_file_line_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(f"extends: {BRISTOL / 'baseline.yaml'}\ncohort:\n  people: 300\n"
                    "  housing: {rough_sleeping: 0.5, temporary: 0.6}\n")
    with pytest.raises(revolve.ScenarioError, match=r"bad.yaml:4: the shares of 'cohort.housing' sum to 1.1, not 1"):
        revolve.Scenario.load(path)


def test_entry_cohorts_are_weeks_per_person_in_the_year_after_joining(comparison):
    table = comparison.entry_cohorts()
    assert set(table["cohort"]) == {"housing_first", "mtam", "navigator"}
    assert set(table["outcome"]) == {"weeks_rough_sleeping", "weeks_housed", "weeks_in_prison", "ae_attendances"}
    hf = table[(table["cohort"] == "housing_first")].set_index(["scenario", "outcome"])
    assert (hf.xs("ae_attendances", level="outcome")["share"] > 0).all()  # attendances per person in the year
    people = comparison.runs("entry_cohort_52w.housing_first.people").groupby("scenario")["value"].mean()
    for scenario in comparison.scenarios:
        assert hf.loc[(scenario, "weeks_housed"), "denominator"] == pytest.approx(people[scenario])
        total = sum(hf.loc[(scenario, o), "share"] for o in ("weeks_rough_sleeping", "weeks_housed", "weeks_in_prison"))
        assert 0 < total <= 52
    # The baseline has no MTAM: no one in its cohort, so no share.
    mtam = table[(table["cohort"] == "mtam") & (table["scenario"] == "Bristol-like baseline")]
    assert mtam["denominator"].eq(0).all() and mtam["share"].isna().all()


def test_entry_cohorts_set_an_alternatives_entrants_against_the_same_people_in_the_baseline(comparison):
    hf_label = comparison.scenarios[1]
    alternative = comparison._results[1]
    assert alternative.entry_match == "same_people" and alternative.entry_match_note == ""
    assert comparison.manifest["scenarios"][1]["entry_cohorts"]["compared_with"] == "same_people"
    matched = alternative.matched_baseline
    column = [m[1] for m in matched.measures].index("entry_cohort_52w.housing_first.people")
    own = comparison.runs("entry_cohort_52w.housing_first.people").query("scenario == @hf_label")["value"]
    assert matched.totals()[:, -1, column].tolist() == own.tolist()  # the same people, run by run
    table = comparison.entry_cohorts().set_index(["scenario", "cohort", "outcome"])
    row = table.loc[(hf_label, "housing_first", "weeks_housed")]
    assert row["diff"] == pytest.approx(row["share"] - row["baseline_share"])
    # baseline_share: the same people's weeks per person in the matched runs, not the baseline's own entrants'.
    housed_column = [m[1] for m in matched.measures].index("entry_cohort_52w.housing_first.weeks_housed")
    matched_share = matched.totals()[:, -1, housed_column] / matched.totals()[:, -1, column]
    assert row["baseline_share"] == pytest.approx(matched_share.mean())
    with pytest.raises(ValueError, match="one period"):
        comparison.entry_cohorts(period=None)
    # Its summary row: the alternative's total less the same people's total in the baseline, run by run.
    summary = comparison.summary().query("measure == 'entry_cohort_52w.housing_first.weeks_housed' and group == '' "
                                         "and period == 'total' and scenario == @hf_label")
    housed = [m[1] for m in matched.measures].index("entry_cohort_52w.housing_first.weeks_housed")
    alone = comparison.runs("entry_cohort_52w.housing_first.weeks_housed").query("scenario == @hf_label")["value"]
    assert summary["diff_mean"].item() == pytest.approx(np.mean(alone.to_numpy() - matched.totals()[:, -1, housed]))
    base = table.loc[(comparison.scenarios[0], "housing_first", "weeks_housed")]
    assert base["diff"] == 0 and base["baseline_share"] == pytest.approx(base["share"])


def test_entry_cohorts_of_scenarios_with_different_people_warn_and_use_the_baseline_own_entrants():
    base = revolve.Scenario.load(BRISTOL / "baseline.yaml").with_changes(horizon_years=1.2, population_scale=0.1)
    more = base.with_changes({"flows.arrivals": 700}, label="More arrivals")
    with pytest.warns(UserWarning, match=r"do not have the same people \(arrivals\).*baseline's own entrants"):
        results = revolve.compare([base, more], runs=2, seed=3, threads=2)
    assert results._results[1].entry_match == "baseline_own" and results._results[1].matched_baseline is None
    assert "arrivals" in results.manifest["scenarios"][1]["entry_cohorts"]["note"]
    table = results.entry_cohorts().set_index(["scenario", "cohort", "outcome"])
    row = table.loc[("More arrivals", "housing_first", "weeks_housed")]
    base_row = table.loc[(base.label, "housing_first", "weeks_housed")]
    assert row["baseline_share"] == pytest.approx(base_row["share"])


def test_entry_cohorts_not_matched_when_not_asked_and_nothing_warns(recwarn):
    base = revolve.Scenario.load(BRISTOL / "baseline.yaml").with_changes(horizon_years=1.2, population_scale=0.1)
    mtam = base.with_changes(interventions={"mtam": "on"}, label="MTAM")
    results = revolve.compare([base, mtam], runs=2, seed=3, threads=2, match_entrants=False)
    assert not [w for w in recwarn if "entry cohorts" in str(w.message)]
    assert results._results[1].entry_match == "baseline_own" and results._results[1].matched_baseline is None
    assert results.manifest["command"].endswith("match_entrants=False)")
    mtam_rows = results.entry_cohorts().query("cohort == 'mtam' and outcome == 'weeks_housed'").set_index("scenario")
    assert mtam_rows.loc["MTAM", "baseline_share"] != mtam_rows.loc["MTAM", "baseline_share"]  # no MTAM there: NaN
