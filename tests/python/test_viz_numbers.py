"""One rule for numbers (viz/assets/number_format.json): Python follows every example, and so do the figures' axes.

The command line is checked against the same examples in tests/cpp/apps, the page's charts in tests/browser.
"""
import matplotlib.pyplot as plt
import pytest

from viz import figures, numbers
from viz.data import Comparison
from viz_support import small_comparison


@pytest.mark.parametrize("example", numbers.spec()["examples"], ids=lambda e: f"{e['value']}-{e['kind']}")
def test_every_example_is_written_as_the_rule_says(example):
    assert numbers.text(example["value"], example["kind"], example["signed"]) == example["text"]


def test_what_is_not_a_number_and_the_kinds_of_units():
    assert numbers.text(None) == numbers.text(float("nan")) == "n/a"
    assert [numbers.kind_of(u) for u in ("GBP", "%", "people")] == ["money", "percent", "count"]


def test_the_figures_axes_write_money_and_percent_by_the_rule():
    # The who-pays figure wrote £250,000 as "+0.2" (million, rounded half to even); it now reads +£250k.
    assert figures.MONEY(250_000, 0) == "+£250k"
    assert figures.PERCENT(-2.14, 0) == "\u22122.1%"
    assert figures.THOUSANDS(58_123.4, 0) == "58,100"


def test_the_who_pays_figure_has_money_ticks_and_titles_in_pounds():
    fig = figures.who_pays(Comparison.load(small_comparison()))
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert all(t == "£0" or "£" in t for t in ticks), ticks
    assert ax.get_xlabel() == "change in cost, £"
    assert "all payers: " in ax.get_title(loc="left") and "£" in ax.get_title(loc="left")
    plt.close(fig)
