"""Titles that state the finding: they follow the 90% intervals and never claim more than the intervals support."""
import pandas as pd
import pytest

from viz import findings, labels
from viz.data import Comparison
from viz_support import small_comparison


@pytest.mark.parametrize("signs, text", [
    ([1, 1, 1, 0, -1, -1, -1, -1, -1, -1], "MTAM costs more for three years, then saves from year 5"),
    ([1, 1, 1, -1, -1, -1, -1, -1, -1, -1], "MTAM costs more for three years, then saves"),
    ([0, 0, 0], "MTAM: no clear change in any year"),
    ([-1, -1, -1], "MTAM saves in every year"),
    ([0, -1, -1], "MTAM saves from year 2"),
    ([-1, 0, -1], "MTAM saves in 2 of 3 years; the others are unclear"),
    ([1, -1, 1, 0], "MTAM costs more in 2 of 4 years and saves in 1"),
    ([0, 1, 1, -1, 0], "MTAM costs more in years 2 to 3, then saves in year 4"),
])
def test_a_year_by_year_story_says_only_what_each_year_shows(signs, text):
    assert findings.story(signs, "MTAM", "costs more", "saves") == text


def test_an_outcome_story_drops_the_repeated_verb():
    assert findings.story([1, -1], "X", *findings.verbs("person_weeks.rough_sleeping")) == \
        "X means more weeks sleeping rough for one year, then fewer weeks sleeping rough"


def test_a_change_is_clear_only_when_its_interval_is_clear_of_zero():
    assert [findings.clear_sign(1, 2), findings.clear_sign(-2, -1), findings.clear_sign(-1, 1),
            findings.clear_sign(0, 1), findings.clear_sign(None, 1)] == [1, -1, 0, 0, 0]


@pytest.fixture(scope="module")
def data():
    return Comparison.load(small_comparison())


def test_the_outcomes_title_counts_the_clear_changes(data):
    for option in data.alternatives:
        better = worse = 0
        for m in data.outcomes():
            row = data.percent_change(m).set_index("scenario").loc[option]
            s = findings.clear_sign(row["diff_low"], row["diff_high"]) * labels.better(m)
            better, worse = better + (s > 0), worse + (s < 0)
        title = findings.outcomes_title(data, option)
        assert title.startswith(f"{option} is better on {better} of {len(data.outcomes())} outcomes")


def test_the_payers_title_calls_an_unclear_net_cost_unclear(data):
    for option in data.alternatives:
        row = data.rows("cost_discounted.total").set_index("scenario").loc[option]
        title = findings.payers_title(data, option)
        if findings.clear_sign(row["diff_low"], row["diff_high"]) == 0:
            assert "no clear net cost" in title
        else:
            assert "no clear" not in title


def test_the_page_opens_on_an_early_dip_when_there_is_one():
    # Two options over three years of cost: the second costs more at first, then saves.
    periods = ["year 1", "year 2", "year 3"]
    rows = [{"scenario": s, "measure": "cost_discounted.total", "group": "", "period": p, "diff_low": lo,
             "diff_high": hi, "diff_mean": (lo + hi) / 2}
            for s, ends in (("A", [(-2, -1)] * 3), ("B", [(1, 2), (-1, 1), (-3, -2)])) for p, (lo, hi) in zip(periods, ends)]
    rows += [{"scenario": "base", "measure": "cost_discounted.total", "group": "", "period": p, "diff_low": 0,
              "diff_high": 0, "diff_mean": 0} for p in periods]
    data = Comparison(folder=None, manifest={}, table=pd.DataFrame(rows), steps=pd.DataFrame(),
                      scenarios=["base", "A", "B"])
    assert findings.opening_view(data, ["cost_discounted.total"]) == ("B", "cost_discounted.total")
    assert findings.yearly_story(data, "cost_discounted.total", "B") == "B costs more for one year, then saves from year 3"


def test_looked_up_rows_are_computed_once_and_a_caller_changing_them_changes_no_later_answer():
    data = Comparison.load(small_comparison())
    assert data.years == sorted(data.years, key=lambda p: int(p.split()[1])) and data.years[0] == "year 1"
    measure = data.outcomes()[0]
    first = data.percent_change(measure)
    assert data.percent_change(measure) is not first  # a copy each time, from one computation
    first["pct"] = 0.0
    first.drop(first.index, inplace=True)
    again = data.percent_change(measure)
    assert len(again) == len(data.alternatives) and (again["pct"] != 0.0).any()
    table = data.table
    expected = table[table["measure"].str.startswith("people.") & (table["period"] == "total") & (table["group"] == "")]
    assert data.rows(prefix="people.").equals(expected)  # the rows and their order as a scan of the table gives
