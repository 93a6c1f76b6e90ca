"""revolve.psa and per-run results from Python: the CLI's numbers, draws joined to totals, progress, trajectories."""
import filecmp

import numpy as np
import pandas as pd
import pytest

import revolve
from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"
DRAWS, POINT_RUNS, SEED = 5, 3, 2


@pytest.fixture(scope="module")
def scenarios():
    return [revolve.Scenario.load(SMALL), revolve.Scenario.load(SMALL_HF)]


@pytest.fixture(scope="module")
def result(scenarios):
    return revolve.psa(scenarios, draws=DRAWS, runs=2, seed=SEED, point_runs=POINT_RUNS, threads=2)


def test_psa_writes_the_files_of_revolve_psa_byte_for_byte(result, revolve_cli, tmp_path):
    run_cli(revolve_cli, "psa", SMALL, SMALL_HF, "--draws", DRAWS, "--runs", 2, "--seed", SEED, "--point-runs",
            POINT_RUNS, "--out", tmp_path / "cli")
    out = result.save(tmp_path / "python")
    for name in ["comparison.csv", "draws.csv", "cost_effectiveness.csv", "ceac.csv", "small_baseline/results.csv"]:
        assert filecmp.cmp(tmp_path / "cli" / name, out / name, shallow=False), name


def test_draws_are_a_dataframe_of_parameter_values_in_their_own_units(result):
    draws = result.draws
    assert draws.index.name == "draw" and draws.index.tolist() == list(range(DRAWS))
    assert draws.columns.tolist() == result.parameters.index.tolist()
    assert result.parameters.loc["cohort.size"].tolist() == ["people", "uniform 5000 to 6500"]
    assert draws["cohort.size"].between(5000, 6500).all()
    # A Latin hypercube: one draw in each fifth of the range.
    assert sorted(((draws["cohort.size"] - 5000) // 300).astype(int)) == [0, 1, 2, 3, 4]
    assert result.held == {"Small baseline": [], "Small Housing First": ["housing_first.added_places"]}


def test_totals_join_the_draws_for_sensitivity_analysis(result):
    totals = result.totals("person_weeks.rough_sleeping")
    assert totals.columns.tolist() == ["scenario", "draw", "run", "measure", "group", "payer", "unit", "period",
                                       "period_start", "period_end", "value", "diff"]
    assert len(totals) == 2 * DRAWS * 2
    assert (totals.loc[totals.scenario == "Small baseline", "diff"] == 0).all()
    hf = totals[totals.scenario == "Small Housing First"].set_index(["draw", "run"])
    base = totals[totals.scenario == "Small baseline"].set_index(["draw", "run"])
    assert (hf["diff"] == hf["value"] - base["value"]).all()  # paired by draw and run
    per_draw = hf.groupby("draw")["diff"].mean()
    joined = result.draws.join(per_draw)
    assert joined.shape == (DRAWS, result.draws.shape[1] + 1) and joined["diff"].notna().all()
    # The summary's "chance and parameters" interval is over exactly these values.
    row = result.summary().query("scenario == 'Small Housing First' and measure == 'person_weeks.rough_sleeping' "
                                 "and group == '' and period == 'total'").iloc[0]
    assert row["psa_mean"] == pytest.approx(hf["value"].mean(), rel=1e-12)
    assert [row["psa_diff_low"], row["psa_diff_high"]] == pytest.approx(np.quantile(hf["diff"], [0.05, 0.95]))


def test_summary_has_both_kinds_of_interval_and_the_point_runs_are_a_comparison(result):
    summary = result.summary()
    assert summary.columns.tolist()[-7:] == ["psa_mean", "psa_low", "psa_high", "psa_verdict", "psa_diff_mean",
                                             "psa_diff_low", "psa_diff_high"]
    chance = result.point.summary()
    pd.testing.assert_frame_equal(summary[chance.columns], chance, check_exact=True)
    assert result.point.manifest["runs"] == POINT_RUNS


def test_entry_cohorts_are_set_against_the_same_people_in_each_draws_baseline(scenarios):
    # MTAM: the baseline has none, so its own MTAM entrants are nobody, while the same people followed there are many.
    mtam = scenarios[0].with_changes(interventions={"mtam": "on"}, label="Small MTAM")
    people, housed = "entry_cohort_52w.mtam.people", "entry_cohort_52w.mtam.weeks_housed"
    query = (f"scenario == 'Small MTAM' and group == '' and period == 'total' and measure in "
             f"['{people}', '{housed}', 'person_weeks.rough_sleeping']")
    rows = {}
    for match in (True, False):
        result = revolve.psa([scenarios[0], mtam], draws=3, point_runs=2, match_entrants=match)
        rows[match] = result.summary().query(query).set_index("measure")
        totals = result.totals(people).query("scenario == 'Small MTAM'")
        assert (totals["value"] > 0).all()
        # Matched: the same people, draw by draw and run by run; not: against nobody.
        assert ((totals["diff"] == 0) if match else (totals["diff"] == totals["value"])).all()
        assert result.manifest["scenarios"][1]["entry_cohorts"]["compared_with"] == (
            "same_people" if match else "baseline_own")
        assert result.manifest["psa"]["entry_cohorts"] == {"Small MTAM": {
            "compared_with": "same_people" if match else "baseline_own",
            "note": "" if match else "matching entry cohorts by person was not asked for"}}
    assert rows[True].loc[people, ["diff_mean", "psa_diff_mean", "psa_diff_low", "psa_diff_high"]].tolist() == [0] * 4
    assert rows[False].loc[people, "psa_diff_mean"] == rows[False].loc[people, "psa_mean"] > 0
    assert rows[True].loc[housed, "psa_diff_mean"] != rows[False].loc[housed, "psa_diff_mean"]
    # Every other row is the same either way.
    columns = ["mean", "diff_mean", "psa_mean", "psa_diff_mean", "psa_diff_low", "psa_diff_high"]
    weeks = "person_weeks.rough_sleeping"
    assert rows[True].loc[weeks, columns].tolist() == rows[False].loc[weeks, columns].tolist()


def test_an_alternative_holding_who_its_people_are_is_not_matched_and_says_why(scenarios):
    # Arrivals set to the baseline's own value: the same people at the point values, but the baseline draws arrivals
    # and this one keeps them, so in every draw they are other people.
    held = scenarios[0].with_changes(params={"flows.arrivals": 520}, interventions={"mtam": "on"}, label="Held")
    with pytest.warns(UserWarning, match=r"Held and Small baseline do not have the same people \(arrivals\)"):
        result = revolve.psa([scenarios[0], held], draws=2, point_runs=2)
    assert result.manifest["psa"]["entry_cohorts"]["Held"]["compared_with"] == "baseline_own"
    assert result.manifest["scenarios"][1]["entry_cohorts"]["compared_with"] == "same_people"  # at the point values
    totals = result.totals("entry_cohort_52w.mtam.people").query("scenario == 'Held'")
    assert (totals["diff"] == totals["value"]).all()  # against the baseline's own MTAM entrants: nobody


def test_cost_effectiveness_and_acceptability_curves(result):
    ce = result.cost_effectiveness()
    assert ce.columns.tolist() == ["scenario", "cost", "outcome", "outcome_unit", "cost_change", "gain",
                                   "p_better_cheaper", "p_better_costlier", "p_not_better_cheaper",
                                   "p_not_better_costlier", "verdict", "ratio", "ratio_unit"]
    row = ce.iloc[0]
    assert row["verdict"] in {"dominates", "dominated", "costs more, gains", "saves, loses", "no difference"}
    assert np.isnan(row["ratio"]) or row["ratio"] > 0  # never a negative ratio
    totals = result.totals(["person_weeks.rough_sleeping", "cost_discounted.total"])
    hf = totals[totals.scenario == "Small Housing First"].pivot_table(index=["draw", "run"], columns="measure",
                                                                       values="diff")
    gain = -hf["person_weeks.rough_sleeping"]
    assert row["p_better_cheaper"] == pytest.approx(((gain > 0) & (hf["cost_discounted.total"] < 0)).mean())
    curves = result.ceac()
    assert curves.columns.tolist() == ["wtp", "scenario", "p_beats_baseline", "p_best"]
    assert curves["p_beats_baseline"].isna().tolist() == [s == "Small baseline" for s in curves["scenario"]]
    assert curves["wtp"].iloc[0] == 0 and curves["wtp"].is_monotonic_increasing
    at_zero = curves[(curves.wtp == 0) & (curves.scenario == "Small Housing First")].iloc[0]
    assert at_zero["p_beats_baseline"] == pytest.approx((hf["cost_discounted.total"] < 0).mean())


def test_progress_is_reported_to_a_callable_and_as_a_bar(scenarios, capsys):
    seen = []
    small = [s.with_changes(horizon_years=0.5) for s in scenarios]
    revolve.psa(small, draws=2, point_runs=2, progress=lambda done, total: seen.append((done, total)))
    # (scenarios + the baseline following Housing First's entrants) x steps x (point runs + draws)
    assert seen and seen[-1][0] == seen[-1][1] == 3 * 26 * (2 + 2)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    revolve.compare(small, runs=2, progress=True)
    assert "100%" in capsys.readouterr().err
    with pytest.raises(TypeError, match="progress must be True, False, None or a callable"):
        revolve.run(small[0], runs=1, progress="yes")


def test_bad_arguments_are_named(scenarios):
    with pytest.raises(ValueError, match="design must be 'lhs' or 'sobol'"):
        revolve.psa(scenarios, draws=2, design="random")
    with pytest.raises(ValueError, match="draws must be a whole number from 1 to"):
        revolve.psa(scenarios, draws=0)
    with pytest.raises(ValueError, match="two scenarios are labelled"):
        revolve.psa([scenarios[0], scenarios[0]], draws=2)
    with pytest.raises(revolve.Error, match="no measure 'cost.nothing'"):
        revolve.psa(scenarios, draws=2, point_runs=1, cost="cost.nothing")


def test_trajectories_are_an_xarray_dataset_of_every_run_and_step(scenarios):
    res = revolve.compare(scenarios, runs=3, trajectories=["events.ae_attendance", "people.rough_sleeping[wider]"])
    data = res.trajectories()
    assert sorted(data.data_vars) == ["events.ae_attendance", "people.rough_sleeping[wider]"]
    ae = data["events.ae_attendance"]
    assert ae.dims == ("scenario", "run", "step") and ae.shape == (2, 3, 104) and ae.attrs["unit"] == "attendances"
    assert data["time"].values[-1] == pytest.approx(104 * 7 / 365.25)
    # A flow's steps add up to each run's total over the horizon.
    totals = res.runs("events.ae_attendance").set_index(["scenario", "run"])["value"]
    for scenario in res.scenarios:
        assert ae.sel(scenario=scenario).sum("step").values == pytest.approx(totals.loc[scenario].to_numpy())
    assert list(res.trajectories("people.rough_sleeping[wider]").data_vars) == ["people.rough_sleeping[wider]"]


def test_trajectories_not_kept_or_unknown_are_named(scenarios):
    with pytest.raises(ValueError, match="no trajectories were kept"):
        revolve.run(scenarios[0], runs=1).trajectories()
    with pytest.raises(revolve.Error, match="no measure 'people.rough_sleepin'.*did you mean"):
        revolve.run(scenarios[0], runs=1, trajectories=["people.rough_sleepin"])
    res = revolve.run(scenarios[0], runs=1, trajectories="people.rough_sleeping")
    with pytest.raises(KeyError, match="no kept trajectory 'events.death'"):
        res.trajectories("events.death")
