"""Titles that state what a chart shows, computed from the results, so a board reads the finding first.

Every claim rests on the 90% intervals of paired changes: a year, group or payer counts as "more" or "less" only
when its interval is clear of zero, and a change whose interval crosses zero is said to be unclear. So a title never
says more than the ranges support; the chart below it shows the ranges.

Example:
    >>> story([+1, +1, +1, 0, -1, -1, -1, -1, -1, -1], "MTAM", "costs more", "saves")
    'MTAM costs more for three years, then saves from year 5'
    >>> story([0, -1, -1], "Housing First x2", "means more weeks sleeping rough", "means fewer weeks sleeping rough")
    'Housing First x2 means fewer weeks sleeping rough from year 2'
"""
from __future__ import annotations

import math

from . import labels, numbers
from .data import Comparison

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
COST_TOTAL = "cost_discounted.total"


def clear_sign(low: float | None, high: float | None) -> int:
    """+1 when a 90% interval lies above zero, -1 below, 0 when it crosses zero (or is missing)."""
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return 0
    return 1 if low > 0 else -1 if high < 0 else 0


def _runs(signs: list[int]) -> list[tuple[int, int, int]]:
    """The stretches of years with one clear sign: (sign, first year, last year), years from 1, unclear ones left out."""
    out: list[tuple[int, int, int]] = []
    for year, s in enumerate(signs, start=1):
        if s and out and out[-1][0] == s and out[-1][2] == year - 1:
            out[-1] = (s, out[-1][1], year)
        elif s:
            out.append((s, year, year))
    return out


def _years(n: int) -> str:
    return f"{WORDS[n] if n < len(WORDS) else n} year{'s' if n != 1 else ''}"


def _span(first: int, last: int) -> str:
    return f"in year {first}" if first == last else f"in years {first} to {last}"


def story(signs: list[int], option: str, up: str, down: str) -> str:
    """What an option does year by year, from each year's clear sign (+1 up, -1 down, 0 unclear).

    Args:
        signs: one per year.
        option: the option's name.
        up, down: what a clear rise or fall means ("costs more", "saves").

    Example:
        >>> story([1, 1, 0, -1], "MTAM", "costs more", "saves")
        'MTAM costs more for two years, then saves from year 4'
        >>> story([1, -1, 1, 0], "MTAM", "costs more", "saves")
        'MTAM costs more in 2 of 4 years and saves in 1'
    """
    runs, years = _runs(signs), len(signs)
    verb = {1: up, -1: down}
    if not runs:
        return f"{option}: no clear change in any year"
    first, last = runs[0], runs[-1]
    if all(r[0] == first[0] for r in runs):  # one direction only
        if len(runs) == 1 and first[2] == years:
            return f"{option} {verb[first[0]]} {'in every year' if first[1] == 1 else f'from year {first[1]}'}"
        return f"{option} {verb[first[0]]} in {signs.count(first[0])} of {years} years; the others are unclear"
    if first[0] == last[0]:  # back and forth
        return f"{option} {up} in {signs.count(1)} of {years} years and {down.split(' ')[0]} in {signs.count(-1)}"
    start = f"for {_years(first[2])}" if first[1] == 1 else _span(first[1], first[2])
    if last[2] != years:
        end = f" {_span(last[1], last[2])}"
    else:
        end = "" if last[1] == first[2] + 1 else f" from year {last[1]}"
    then = verb[last[0]]
    if then.split(" ")[0] == verb[first[0]].split(" ")[0]:  # "means more X, then fewer X"
        then = then.split(" ", 1)[1]
    return f"{option} {verb[first[0]]} {start}, then {then}{end}"


def noun(measure: str) -> str:
    """A measure's name inside a sentence: "weeks sleeping rough", "A&E attendances", "Housing First tenancies"."""
    name = labels.measure(measure)
    words = name.split(" ")
    keep = words[0].isupper() or "&" in words[0] or (len(words) > 1 and words[1][:1].isupper())
    return name if keep else name[0].lower() + name[1:]


def verbs(measure: str) -> tuple[str, str]:
    """What a clear rise and a clear fall of a measure mean, in words."""
    if measure.startswith(("cost", "intervention_cost")):
        return "costs more", "saves"
    return f"means more {noun(measure)}", f"means fewer {noun(measure)}"


def yearly_signs(data: Comparison, measure: str, option: str) -> list[int]:
    """Each year's clear sign of an option's change from the baseline."""
    signs = []
    for period in data.years:
        rows = data.rows(measure, period=period).set_index("scenario")
        row = rows.loc[option] if option in rows.index else None
        signs.append(0 if row is None else clear_sign(row["diff_low"], row["diff_high"]))
    return signs


def yearly_story(data: Comparison, measure: str, option: str) -> str:
    """The title of the year-by-year chart of `measure` with `option` highlighted."""
    return story(yearly_signs(data, measure, option), option, *verbs(measure))


def has_dip(data: Comparison, measure: str, option: str) -> bool:
    """Whether an option is clearly worse in its first clear years and clearly better in its last (the early dip of
    a service being set up). Worse is costlier for a cost, and the wrong way for an outcome."""
    runs = _runs(yearly_signs(data, measure, option))
    worse = 1 if measure.startswith("cost") else -labels.better(measure)
    return len(runs) >= 2 and worse != 0 and runs[0][0] == worse and runs[-1][0] == -worse


def opening_view(data: Comparison, measures: list[str]) -> tuple[str, str]:
    """The option to highlight and the year-by-year measure the page opens on: one that shows an early dip if any
    option has one (discounted cost first), else the cost to all payers and the option that does most for the
    first outcome."""
    for measure in [m for m in (COST_TOTAL,) if m in measures] + [m for m in measures if m != COST_TOTAL]:
        for option in data.alternatives:
            if has_dip(data, measure, option):
                return option, measure
    first = data.outcomes()[0] if data.outcomes() else measures[0]
    change = data.percent_change(first).set_index("scenario")["pct"] * -labels.better(first)
    best = change.dropna().idxmax() if change.notna().any() else data.alternatives[-1]
    return best, COST_TOTAL if COST_TOTAL in measures else measures[0]


def _pct_text(row) -> str:
    p = lambda v: numbers.text(v, "percent", signed=True)  # noqa: E731
    return f"{p(row['pct'])} (90%: {p(row['pct_low'])} to {p(row['pct_high'])})"


def outcomes_title(data: Comparison, option: str) -> str:
    """How an option does on people's outcomes: how many are clearly better and worse, and its first outcome."""
    outcomes = data.outcomes()
    better = worse = 0
    for m in outcomes:
        row = data.percent_change(m).set_index("scenario")
        if option in row.index:
            s = clear_sign(row.loc[option, "diff_low"], row.loc[option, "diff_high"]) * labels.better(m)
            better, worse = better + (s > 0), worse + (s < 0)
    text = f"{option} is better on {better} of {len(outcomes)} outcomes and worse on {worse or 'none'}"
    if outcomes:
        row = data.percent_change(outcomes[0]).set_index("scenario")
        if option in row.index:
            text += f"; {noun(outcomes[0])}: {_pct_text(row.loc[option])}"
    return text


def level_title(data: Comparison, measure: str, option: str) -> str:
    """The week-by-week chart's title: the option against the baseline in the last year, from that year's paired
    change of the measure (a level averaged over the year)."""
    years = data.years
    row = data.percent_change(measure, period=years[-1]).set_index("scenario") if years else None
    name = noun(measure)
    if row is None or option not in row.index:
        return f"{labels.measure(measure)}, week by week"
    r = row.loc[option]
    sign = clear_sign(r["diff_low"], r["diff_high"])
    if sign == 0:
        return f"In {years[-1]}, {option} cannot be told from the baseline on {name}"
    more = "more" if sign > 0 else "fewer"
    return f"In {years[-1]}, {option} has {more} {name}: {_pct_text(r)} against the baseline"


def groups_title(data: Comparison, measure: str, option: str, groups: list[str]) -> str:
    """Who gains most and least from an option on one outcome, among the groups whose change is clear."""
    name, direction = noun(measure), labels.better(measure)
    clear = {}
    for g in groups:
        row = data.percent_change(measure, g).set_index("scenario")
        if option in row.index and clear_sign(row.loc[option, "diff_low"], row.loc[option, "diff_high"]) == -direction:
            clear[g] = float(row.loc[option, "pct"])
    unclear = len([g for g in groups if g]) - len([g for g in clear if g])
    if not [g for g in clear if g]:
        return f"{option}: no group's {name} improve clearly"
    ranked = sorted((g for g in clear if g), key=lambda g: clear[g] * -direction, reverse=True)
    pct = lambda g: numbers.text(clear[g], "percent", signed=True)  # noqa: E731
    text = f"{option} helps {labels.GROUPS[ranked[0]].lower()} most on {name} ({pct(ranked[0])})"
    if len(ranked) > 1:
        text += f", {labels.GROUPS[ranked[-1]].lower()} least ({pct(ranked[-1])})"
    if unclear:
        text += f"; {WORDS[unclear] if unclear < 11 else unclear} group{'s' if unclear > 1 else ''} without a clear change"
    return text


def payers_title(data: Comparison, option: str) -> str:
    """Who pays and who saves with an option: the net cost to all payers, the payer who pays most and who saves most
    (only clear changes)."""
    money = lambda v: numbers.text(v, "money")  # noqa: E731
    rows = data.rows(prefix="cost_discounted.").query("scenario == @option").set_index("measure")
    if COST_TOTAL not in rows.index:
        return f"Who pays and who saves with {option}"
    total = rows.loc[COST_TOTAL]
    sign = clear_sign(total["diff_low"], total["diff_high"])
    net = {1: f"{option} costs all payers {money(total['diff_mean'])} more",
           -1: f"{option} saves all payers {money(-total['diff_mean'])}",
           0: f"{option}: no clear net cost to all payers"}[sign]
    payers = {p: rows.loc[f"cost_discounted.{p}"] for p in labels.PAYERS if f"cost_discounted.{p}" in rows.index}
    clear = {p: r["diff_mean"] for p, r in payers.items() if clear_sign(r["diff_low"], r["diff_high"])}
    parts = []
    if any(v > 0 for v in clear.values()):
        p = max(clear, key=clear.get)
        parts.append(f"{_payer(p)} pays {money(clear[p])} more")
    if any(v < 0 for v in clear.values()):
        p = min(clear, key=clear.get)
        parts.append(f"{_payer(p)} saves {money(-clear[p])}")
    return net + ("; " + " and ".join(parts) if parts else "")


def _payer(payer: str) -> str:
    """A payer's name inside a sentence: "council social care", "NHS"."""
    name = labels.PAYERS[payer].replace(": ", " ")
    return name if name.split(" ")[0].isupper() else name[0].lower() + name[1:]
