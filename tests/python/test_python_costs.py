"""Cost per person-year by housing state and at entry (revolve.cost_per_person_year) from a run's summary."""
import pytest

import revolve

SMALL = dict(horizon_years=2, population_scale=0.1)


@pytest.fixture(scope="module")
def summary():
    base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(**SMALL)
    return revolve.run(base, runs=2, seed=3).summary()


def test_costs_by_housing_state_add_up_to_the_cost_to_all_payers(summary):
    table = revolve.cost_per_person_year(summary)
    assert list(table["place"].cat.categories) == revolve.costs.PLACES
    total = summary.query("measure == 'cost.total' and group == '' and period == 'total'")["mean"].item()
    assert table[table["payer"] == "total"]["cost"].sum() == pytest.approx(total, rel=1e-9)
    payers = table[table["payer"] != "total"].groupby("place", observed=True)["cost"].sum()
    assert payers.to_numpy() == pytest.approx(table[table["payer"] == "total"]["cost"].to_numpy(), rel=1e-9)


def test_rent_shows_in_housing_first_and_settled_weeks_not_on_the_street(summary):
    table = revolve.cost_per_person_year(summary).set_index(["place", "payer"])["per_person_year"]
    assert table[("settled", "dwp")] > 4000  # about £103 a week, 93% of it housing benefit
    assert table[("rough_sleeping", "dwp")] < 0.2 * table[("settled", "dwp")]
    assert table[("temporary", "la_homelessness")] > 15000


def test_at_entry_covers_the_first_year_only(summary):
    entry = revolve.cost_per_person_year(summary, basis="entry", period="year 2")
    housing = revolve.cost_per_person_year(summary, basis="housing", period="year 2")
    assert entry["person_years"].sum() < 0.2 * housing["person_years"].sum()  # by year 2 only the arrivals
    year1 = revolve.cost_per_person_year(summary, basis="entry", period="year 1")
    assert year1["person_years"].sum() == pytest.approx(
        revolve.cost_per_person_year(summary, period="year 1")["person_years"].sum())


def test_a_wrong_basis_is_named():
    with pytest.raises(ValueError, match="basis must be 'housing' or 'entry'"):
        revolve.cost_per_person_year(None, basis="place")
