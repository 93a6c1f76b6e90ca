"""The report's costs by housing state and at entry: the tables, the finding and the figure (viz/costs.py)."""
import re

import pytest

from viz import costs
from viz.data import Comparison
from viz_support import small_comparison, small_report


@pytest.fixture(scope="module")
def data():
    return Comparison.load(small_comparison())


def test_families_cover_every_payer_once(data):
    payers = [p for family in costs.FAMILIES.values() for p in family]
    assert sorted(payers) == sorted(set(payers))
    rows = data.rows(prefix="cost.").query("scenario == @data.baseline")
    assert set(payers) == set(rows["payer"]) - {"all"}


def test_the_families_add_up_to_the_total_per_person_year(data):
    for basis in ("housing", "entry"):
        t = costs.families(data, basis)
        assert list(t.index) == list(costs.PLACE_LABELS.values())
        assert t[list(costs.FAMILIES)].sum(axis=1).to_numpy() == pytest.approx(t["Total"].to_numpy(), rel=1e-9)
    now = costs.families(data)
    assert now.loc["In prison", "Justice"] > 0.8 * now.loc["In prison", "Total"]
    assert now.loc["Housing First tenancy", "Rent (housing benefit and tenants)"] > 3000


def test_the_report_shows_both_tables_with_a_finding_and_the_figure():
    page = small_report().read_text()
    section = page[page.index('<section id="payers">'):page.index('<section id="assumptions">')]
    assert section.count('<table class="costs">') == 2
    assert "first year in the cohort" in section and "a year costs all payers" in section
    assert re.search(r"sleeping rough £[\d.]+k", section)
    assert (small_report().parent / "figures" / "costs_by_housing.svg").exists()
