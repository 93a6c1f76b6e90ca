"""What a year costs, and who pays, by where a person is: sleeping rough, in a hostel, in supported accommodation, in a
Housing First or settled tenancy, or in prison; and what people cost in their first year in the cohort by where they
were when they came in (docs/model/design.md section 10, docs/report.md).

Costs are undiscounted, at 2023/24 prices, per person-year (the model's ``cost_by_housing.*`` and ``cost_at_entry.*``
over the whole horizon, divided by the person-years behind them), for the baseline. Payers are gathered into six
families so that the table fits a page; the CSV has every payer.

Example:
    >>> from viz import costs
    >>> costs.FAMILIES["Justice"]
    ['police', 'prisons_probation', 'courts']
"""
from __future__ import annotations

import html

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from revolve import cost_per_person_year  # noqa: E402

from . import numbers  # noqa: E402
from .data import Comparison  # noqa: E402

#: Payers gathered into the families a board asks about, in the order the table and figure show them.
FAMILIES: dict[str, list[str]] = {
    "Homelessness and housing": ["la_homelessness", "la_housing"],
    "Rent (housing benefit and tenants)": ["dwp", "tenants"],
    "Health": ["nhs", "la_public_health"],
    "Justice": ["police", "prisons_probation", "courts"],
    "Social care and charities": ["la_social_care", "voluntary"],
}
COLOURS = ["#0072B2", "#56B4E9", "#009E73", "#D55E00", "#CC79A7"]
PLACE_LABELS = {"rough_sleeping": "Sleeping rough", "temporary": "Hostel or temporary accommodation",
                "supported": "Supported accommodation", "housing_first": "Housing First tenancy",
                "settled": "Settled tenancy", "prison": "In prison"}


def has_costs(data: Comparison) -> bool:
    """True if the results hold costs by housing state (the revolving-door model's)."""
    return bool(data.table["measure"].str.startswith("cost_by_housing.").any())


def families(data: Comparison, basis: str = "housing", scenario: str | None = None) -> pd.DataFrame:
    """Cost per person-year by place (rows) and payer family (columns, then ``Total`` and ``Person-years``).

    Args:
        data: a comparison with the revolving-door model's results.
        basis: ``"housing"`` (where the person is that week) or ``"entry"`` (first year, by where they came in).
        scenario: whose costs (the baseline by default).
    """
    table = cost_per_person_year(data.table, basis=basis)
    table = table[table["scenario"] == (scenario or data.baseline)]
    wide = table.pivot_table(index="place", columns="payer", values="per_person_year", observed=True)
    out = pd.DataFrame({family: wide.reindex(columns=payers).fillna(0).sum(axis=1)
                        for family, payers in FAMILIES.items()})
    out["Total"] = wide["total"]
    out["Person-years"] = table[table["payer"] == "total"].set_index("place")["person_years"]
    return out.rename(index=PLACE_LABELS)


def finding(data: Comparison) -> str:
    """One sentence: what a year sleeping rough, in a hostel and in a Housing First tenancy costs, and the justice
    share for people who came in sleeping rough."""
    now, entry = families(data), families(data, "entry")
    phrases = {"Sleeping rough": "sleeping rough", "Hostel or temporary accommodation": "in a hostel",
               "Housing First tenancy": "in a Housing First tenancy (support and rent)"}
    parts = [f"{phrase} {numbers.text(now.loc[place, 'Total'], 'money')}" for place, phrase in phrases.items()
             if place in now.index]
    text = f"In {data.baseline}, a year costs all payers: " + ", ".join(parts) + "."
    if "Sleeping rough" in entry.index and entry.loc["Sleeping rough", "Total"] > 0:
        share = entry.loc["Sleeping rough", "Justice"] / entry.loc["Sleeping rough", "Total"]
        text += (f" People who came in sleeping rough cost {numbers.text(entry.loc['Sleeping rough', 'Total'], 'money')}"
                 f" in their first year, {share:.0%} of it to police, courts and prisons.")
    return text


def per_person_year(value: float) -> str:
    """A cell of the cost tables: pounds as the report writes them, but "under £1" for the crumbs a place
    collects from rare events, which three significant figures would print as pence (£0.552).

    Example:
        >>> per_person_year(17_700.0), per_person_year(0.552), per_person_year(0.0)
        ('£17.7k', 'under £1', '£0')
    """
    return "under £1" if 0 < abs(value) < 1 else numbers.text(value, "money")


def html_table(data: Comparison) -> str:
    """The report's tables of cost per person-year by housing state and at entry (baseline), or "" without them."""
    if not has_costs(data):
        return ""
    blocks = [f'<p class="finding">{html.escape(finding(data))}</p>']
    for basis, caption in (("housing", "A year in each place (by where people are at the start of each week)"),
                           ("entry", "The first year in the cohort, by where people were when they came in")):
        t = families(data, basis)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in ["", *t.columns])
        rows = "".join(
            "<tr><th>" + html.escape(place) + "</th>" +
            "".join(f"<td>{numbers.text(v) if c == 'Person-years' else per_person_year(v)}</td>" for c, v in r.items())
            + "</tr>" for place, r in t.iterrows())
        blocks.append(f"<table class=\"costs\"><caption>{html.escape(caption)}, {html.escape(data.baseline)}, pounds "
                      f"per person-year</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(blocks)


def by_housing(data: Comparison) -> Figure:
    """Stacked bars: cost per person-year in each place by payer family, for the baseline.

    Example:
        >>> fig = by_housing(Comparison.load("out/bristol"))  # doctest: +SKIP
    """
    t = families(data)
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.subplots()
    left = pd.Series(0.0, index=t.index)
    for family, colour in zip(FAMILIES, COLOURS):
        ax.barh(t.index, t[family], left=left, color=colour, label=family)
        left += t[family]
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: numbers.text(x, "money")))
    ax.set_xlabel("cost per person-year, £ (2023/24 prices, undiscounted)")
    ax.set_title(f"A year's cost by where a person is, and who pays ({data.baseline})", fontsize="medium")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize="small", frameon=False)
    return fig
