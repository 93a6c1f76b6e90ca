"""The validation page (docs/model/validation.md): every experiment runs and still produces its figure."""
import math
import pathlib
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import validate  # noqa: E402
import validation_cases as vc  # noqa: E402

PAGE = ROOT / "docs" / "model" / "validation.md"


@pytest.fixture(scope="module")
def small_results():
    """Every validation scenario, 2 runs at a quarter of the cohort."""
    return validate.validate(runs=2, seed=1, population_scale=0.25)


@pytest.fixture(scope="module")
def all_cases():
    return vc.cases(validate.load_parameters()["conventions"]["uprating"]["factors"])


def test_every_measured_case_produces_a_finite_figure(small_results):
    measured = [r for r in small_results if r.case.measure is not None]
    assert measured
    for r in measured:
        assert r.measured, f"{r.case.key}: no run measured it ({r.case.scenario})"
        assert all(math.isfinite(v) for v in (r.mean, r.low, r.high)), r.case.key
        assert r.low <= r.mean <= r.high, r.case.key


def test_every_measured_case_says_what_a_miss_on_either_side_means(all_cases):
    for c in all_cases:
        if c.measure is not None:
            assert c.below and c.above, f"{c.key}: say what a model figure below and above the published one suggests"


def test_waiting_cases_say_what_they_need(small_results):
    for r in small_results:
        assert (r.case.measure is None) == bool(r.case.needs), f"{r.case.key}: a measure or a stated need, not both"
        if r.case.measure is None:
            assert not r.measured and "waits for an output" == validate.model_cell(r)


def test_acceptance_at_least_8_measured_results_from_5_sources(all_cases):
    measured = [c for c in all_cases if c.measure is not None]
    assert len(measured) >= 8
    assert len({c.cite for c in measured}) >= 5


def test_every_scenario_is_an_experiment_and_on_the_page(all_cases):
    files = {p.name for p in validate.SCENARIOS.glob("*.yaml")}
    used = {c.scenario for c in all_cases}
    assert files == used, f"scenarios without a case: {files - used}; cases without a file: {used - files}"
    page = PAGE.read_text(encoding="utf-8")
    for name in files:
        assert f"scenarios/validation/{name}" in page, f"{name} is not on {PAGE.name}: run {validate.COMMAND}"
    for case in all_cases:
        assert case.title in page, f"'{case.title}' is not on {PAGE.name}: run {validate.COMMAND}"


def test_no_parameter_is_calibrated_to_a_validation_source(all_cases):
    found = validate.overlaps(all_cases, validate.load_parameters())
    tuned = {key: t for key, (_, t, _) in found.items() if t}
    assert not tuned, f"parameters calibrated to validation results (move the case to calibration): {tuned}"


def test_published_intervals_hold_their_figure(all_cases):
    for c in all_cases:
        p = c.published
        assert p.low <= p.value <= p.high and p.interval, c.key
    assert vc.wilson(0.5, 100).low == pytest.approx(0.404, abs=1e-3)  # the textbook Wilson interval


def _result(case, values):
    r = validate.Result(case, np.asarray(values, dtype=float), float(np.mean(values)), min(values), max(values))
    return r


def test_a_miss_is_explained_and_a_hit_is_not_called_a_miss(all_cases):
    case = next(c for c in all_cases if c.measure is not None)
    p = case.published
    miss = _result(case, [p.high * 2, p.high * 3])
    hit = _result(case, [p.value, p.value])
    assert not miss.inside and hit.inside
    md = validate.markdown([miss], 2, 1, validate.load_parameters())
    assert "**0 of 1 measured results fall inside**" in md and "Outside: the model is higher" in md
    assert case.note in md and case.above and case.above in md and case.below not in md  # the side it missed on
    assert "Outside" not in validate.markdown([hit], 2, 1, validate.load_parameters())


def test_an_unknown_measure_is_named():
    table = vc.RunTable(__import__("pandas").DataFrame(
        {"measure": ["people.alive"], "group": [""], "period": ["year 1"], "run": [0], "value": [1.0]}), 1)
    with pytest.raises(KeyError, match="no measure 'people.nowhere'"):
        table.sum("people.nowhere")


def _table(rows, years=1):
    import pandas as pd
    frame = pd.DataFrame([{"measure": m, "group": "", "period": f"year {y}", "run": 0, "value": v}
                          for m, y, v in rows])
    return vc.RunTable(frame, years)


def test_cost_of_a_homeless_year_leaves_rent_out_and_counts_the_street_and_hostels():
    weeks = vc.WEEKS_PER_YEAR
    rows = [("cost_by_housing.rough_sleeping.total", 1, 1000.0), ("cost_by_housing.temporary.total", 1, 3000.0),
            ("cost_by_housing.rough_sleeping.dwp", 1, 100.0), ("cost_by_housing.temporary.dwp", 1, 200.0),
            ("cost_by_housing.rough_sleeping.tenants", 1, 50.0), ("cost_by_housing.temporary.tenants", 1, 50.0),
            ("cost_by_housing.rough_sleeping.police", 1, 360.0), ("cost_by_housing.temporary.police", 1, 0.0),
            ("person_weeks_by_housing.rough_sleeping", 1, weeks), ("person_weeks_by_housing.temporary", 1, weeks)]
    t = _table(rows)
    assert vc.homeless_cost_per_person_year(t)[0] == pytest.approx((4000 - 400) / 2)  # two person-years
    assert vc.homeless_payer_share(t, ("police",))[0] == pytest.approx(360 / 3600)


def test_returned_share_adds_the_places_named_over_years_2_and_3():
    rows = [(f"releases_{kind}_52w.{place}", y, v) for kind, place, y, v in [
        ("followed", "rough_sleeping", 1, 99), ("returned", "rough_sleeping", 1, 99),
        ("followed", "rough_sleeping", 2, 10), ("returned", "rough_sleeping", 2, 6),
        ("followed", "temporary", 2, 10), ("returned", "temporary", 2, 2),
        ("followed", "rough_sleeping", 3, 0), ("returned", "rough_sleeping", 3, 0),
        ("followed", "temporary", 3, 20), ("returned", "temporary", 3, 4)]]
    t = _table(rows, years=3)
    assert vc.returned_share(t, ("rough_sleeping", "temporary"))[0] == pytest.approx(12 / 40)


def test_closed_cohort_experiments_offer_housing_first_to_everyone():
    import yaml
    for name in ("chez_soi_closed_housing_first.yaml", "toronto_closed_housing_first.yaml"):
        spec = yaml.safe_load((validate.SCENARIOS / name).read_text(encoding="utf-8"))
        cohort = spec["cohort"]
        assert set(cohort["housing"]) <= {"rough_sleeping", "temporary"}, name  # all eligible: homeless in week 1
        assert spec["parameters"]["housing_first.places"] >= cohort["people"], name  # a place for each
        assert spec["interventions"]["housing_first"]["start"] == 0, name
