"""Cost per person-year by housing state, and of people in their first year in the cohort by where they entered.

The revolving-door model records, for the whole cohort, each week's cost by payer split by where each person was at
the start of the week (``cost_by_housing.<place>.<payer>``, with ``person_weeks_by_housing.<place>``) and the cost
of people in their first 52 weeks in the cohort by where they were when they entered it
(``cost_at_entry.<place>.<payer>``, with ``person_weeks_at_entry.<place>``); docs/model/design.md section 10.
:func:`cost_per_person_year` turns those rows of a summary into pounds per person-year.
"""
from __future__ import annotations

import pandas as pd

#: Places in the order the model records them: the housing states, then prison.
PLACES = ["rough_sleeping", "temporary", "supported", "housing_first", "settled", "prison"]

_BASES = {"housing": ("cost_by_housing.", "person_weeks_by_housing."),
          "entry": ("cost_at_entry.", "person_weeks_at_entry.")}
_WEEKS_PER_YEAR = 365.25 / 7


def cost_per_person_year(summary: pd.DataFrame, basis: str = "housing", period: str = "total") -> pd.DataFrame:
    """Mean cost per person-year, by scenario, place and payer (undiscounted, 2023/24 prices).

    Args:
        summary: ``Results.summary()`` (or ``summary.csv`` / ``comparison.csv`` read with pandas).
        basis: ``"housing"``: the cost of a person-week by where the person was at its start (sleeping rough, in
            temporary or supported accommodation, a Housing First or settled tenancy, or prison);
            ``"entry"``: the cost of people in their first year in the cohort by where they were when they
            entered it (the starting cohort's first year and every arrival's).
        period: ``"total"`` (the whole horizon) or a year such as ``"year 1"``.

    Returns:
        One row per scenario, place and payer (``total`` for all payers): ``person_years`` and ``cost`` (means over
        runs of the sums over the period) and ``per_person_year`` (their ratio, GBP), places in :data:`PLACES` order.

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> table = cost_per_person_year(revolve.run(small, runs=2).summary())
        >>> totals = table[table["payer"] == "total"].set_index("place")["per_person_year"]
        >>> totals.idxmax()  # a week in prison costs most (about £51,700 a year per place, MoJ)
        'prison'
        >>> bool(totals["temporary"] > totals["settled"])
        True
    """
    if basis not in _BASES:
        raise ValueError(f"basis must be 'housing' or 'entry', not {basis!r}")
    cost_prefix, weeks_prefix = _BASES[basis]
    rows = summary[(summary["period"] == period) & (summary["group"].fillna("") == "")]
    weeks = rows[rows["measure"].str.startswith(weeks_prefix)].assign(
        place=lambda t: t["measure"].str.slice(len(weeks_prefix)))
    weeks = weeks.set_index(["scenario", "place"])["mean"] / _WEEKS_PER_YEAR
    costs = rows[rows["measure"].str.startswith(cost_prefix)].copy()
    if costs.empty:
        raise ValueError(f"no {cost_prefix}* rows for period {period!r}: results of the revolving-door model needed")
    parts = costs["measure"].str.slice(len(cost_prefix)).str.split(".", n=1, expand=True)
    costs["place"], costs["payer"] = parts[0], parts[1]
    costs["person_years"] = [weeks.get((s, p), float("nan")) for s, p in zip(costs["scenario"], costs["place"])]
    costs["cost"] = costs["mean"]
    costs["per_person_year"] = costs["cost"] / costs["person_years"].where(costs["person_years"] > 0)
    costs["place"] = pd.Categorical(costs["place"], PLACES, ordered=True)
    out = costs[["scenario", "place", "payer", "person_years", "cost", "per_person_year"]]
    return out.sort_values(["scenario", "place"], kind="stable").reset_index(drop=True)
