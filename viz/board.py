"""What the report adds for a board: each chart's title as a finding for every option (viz/findings.py), the option
and measure the page opens on, and a few simulated people's lives beside the aggregates.

The lives come from ``lives.csv`` in each scenario's folder (sim/abm/example_lives.hpp): a few people chosen at the
start by a seeded rule, named A, B, C ..., followed week by week through the first run. Run r of every option
shares its chance events with the baseline, so person A of an option is person A of the baseline, living under
that option.

Example:
    >>> from viz.data import Comparison
    >>> from viz import board
    >>> view = board.report_data(Comparison.load("out/bristol"), ["cost_discounted.total"], [], [])  # doctest: +SKIP
    >>> view["highlight"], view["yearly"]  # doctest: +SKIP
    ('MTAM', 'cost_discounted.total')
"""
from __future__ import annotations

import pandas as pd

from . import findings, labels
from .data import Comparison

#: Colours of a life's states, best placed first (Okabe and Ito), and of having left the cohort.
LIFE_COLOURS = ["#009E73", "#56B4E9", "#0072B2", "#E69F00", "#D55E00"]
LEFT_COLOUR = "#4d4d4d"


def report_data(data: Comparison, yearly: list[str], series: list[str], groups: list[str]) -> dict:
    """The page's opening view and every option's chart titles.

    Args:
        data: the comparison.
        yearly, series, groups: the measures of the year-by-year, week-by-week and by-group charts.

    Returns:
        ``highlight`` (an option) and ``yearly`` (a measure) to open on, and ``titles``: per option, the titles of
        ``outcomes``, ``payers``, and per measure of ``yearly``, ``series`` and ``groups``.
    """
    option, measure = findings.opening_view(data, yearly)
    names = [g for g in labels.GROUPS if g == "" or len(data.rows("events.death", group=g))]
    titles = {s: {"outcomes": findings.outcomes_title(data, s),
                  "payers": findings.payers_title(data, s),
                  "yearly": {m: findings.yearly_story(data, m, s) for m in yearly},
                  "series": {m: findings.level_title(data, m, s) for m in series},
                  "groups": {m: findings.groups_title(data, m, s, names) for m in groups}}
              for s in data.alternatives}
    return {"highlight": option, "yearly": measure, "titles": titles}


def lives_data(data: Comparison) -> dict | None:
    """The example lives for the page, or None when the comparison has none.

    Returns:
        ``step_years``, ``steps``; ``columns``: [column, title, [[label, colour] per state, the last "left"]];
        ``people``: [[name, about]]; ``lives``: scenario -> person -> column -> [[state, first step, last step]]
        (state an index into the column's states); ``stories``: scenario -> person -> a sentence.
    """
    if data.baseline not in data.lives:
        return None
    present = set(data.lives[data.baseline]["column"])
    columns = [c for c in labels.LIFE_STATES if c in present]
    out = {"step_years": _step_years(data), "steps": int(data.steps["step"].max()),
           "columns": [[c, labels.LIFE_STATES[c][0], _state_legend(c)] for c in columns],
           "people": [[p, _about(data.lives[data.baseline], p)] for p in _people(data.lives[data.baseline])],
           "lives": {}, "stories": {}}
    for scenario, table in data.lives.items():
        out["lives"][scenario] = {p: {c: _episodes(table, p, c) for c in columns} for p in _people(table)}
        out["stories"][scenario] = {p: _story(table, p, out["step_years"]) for p in _people(table)}
    return out


def _step_years(data: Comparison) -> float:
    first = data.steps.iloc[0]
    return float(first["time"]) / float(first["step"])


def _people(table: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(table["person"]))


def _state_legend(column: str) -> list[list[str]]:
    states = labels.LIFE_STATES[column][1]
    return [[label, LIFE_COLOURS[i % len(LIFE_COLOURS)]] for i, label in enumerate(states.values())] + \
        [[labels.LEFT, LEFT_COLOUR]]


def _episodes(table: pd.DataFrame, person: str, column: str) -> list[list[int]]:
    states = list(labels.LIFE_STATES[column][1])
    rows = table[(table["person"] == person) & (table["column"] == column)]
    return [[states.index(r.state) if r.state in states else len(states), int(r.first_step), int(r.last_step)]
            for r in rows.itertuples()]


def _first_state(table: pd.DataFrame, person: str, column: str) -> str:
    rows = table[(table["person"] == person) & (table["column"] == column)]
    return rows["state"].iloc[0] if len(rows) else ""


def _about(table: pd.DataFrame, person: str) -> str:
    """Who a person is at the start: their priority group and where they live ("in the group: people chronically
    homeless; sleeping rough at the start")."""
    group = _first_state(table, person, "priority_group")
    home = labels.LIFE_STATES["housing"][1].get(_first_state(table, person, "housing"), "")
    parts = [f"in the group {labels.GROUPS.get(group, group).lower()}" if group and group != "wider" else "",
             f"{home.lower()} at the start" if home else ""]
    return "; ".join(p for p in parts if p)


def _weeks(table: pd.DataFrame, person: str, column: str, states: set[str]) -> tuple[int, int]:
    """Weeks a person spends in `states` of a column, and the number of separate spells."""
    rows = table[(table["person"] == person) & (table["column"] == column) & table["state"].isin(states)]
    return int((rows["last_step"] - rows["first_step"] + 1).sum()), len(rows)


def _story(table: pd.DataFrame, person: str, step_years: float) -> str:
    """A person's life under one option in a sentence: years sleeping rough, spells in prison, crises, and leaving."""
    rough, _ = _weeks(table, person, "housing", {"rough_sleeping"})
    _, prison = _weeks(table, person, "justice", {"custody", "recalled"})
    _, crises = _weeks(table, person, "mental_health", {"crisis"})
    parts = [f"{rough * step_years:.1f} years sleeping rough" if rough else "never sleeps rough",
             f"{prison} spell{'s' if prison != 1 else ''} in prison",
             f"{crises} mental-health cris{'es' if crises != 1 else 'is'}"]
    left = table[(table["person"] == person) & (table["state"] == "left")]
    if len(left):
        parts.append(f"leaves the cohort in year {int(left['first_step'].min() * step_years) + 1}")
    return ", ".join(parts)
