"""Static figures of a comparison for board papers: matplotlib (Agg), PNG and SVG, large type, units on axes.

Every figure follows the project's presentation rules: ranges, not single numbers; ten-year views;
people's outcomes before cost; outcomes by priority group. Colours are Okabe and Ito's palette, which readers
with colour-blindness can tell apart, and nothing is told by colour alone.

Example:
    >>> from viz import figures
    >>> from viz.data import Comparison
    >>> paths = figures.save_all(Comparison.load("out/bristol"), "out/bristol/figures")  # doctest: +SKIP
    >>> sorted(paths)[:2]  # doctest: +SKIP
    ['cohort_all_combined', 'cohort_bristol_like_baseline']
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import multiprocessing
import os
import pathlib
import re
from collections.abc import Callable, Iterable, Iterator

import matplotlib

matplotlib.use("Agg")  # draw to files: no window, works on servers and in tests
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from . import costs, labels, numbers, uncertainty  # noqa: E402
from .data import Comparison  # noqa: E402

#: Okabe and Ito (2008): distinguishable with the common forms of colour-blindness. Black is the baseline.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
BASELINE_COLOUR = "#000000"
SAVES, COSTS = "#0072B2", "#E69F00"
STATE_COLOURS = ["#009E73", "#56B4E9", "#0072B2", "#E69F00", "#D55E00"]

STYLE = {
    "font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15, "xtick.labelsize": 13, "ytick.labelsize": 13,
    "legend.fontsize": 13, "figure.titlesize": 19, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.8,
    "figure.dpi": 100,
}

# Axis numbers by the one rule the page's charts and the command line follow too (viz/numbers.py).
THOUSANDS = FuncFormatter(lambda x, _: numbers.text(x))
MONEY = FuncFormatter(lambda x, _: numbers.text(x, "money", signed=True))
PERCENT = FuncFormatter(lambda x, _: numbers.text(x, "percent", signed=True))


def colours(data: Comparison) -> dict[str, str]:
    """A colour per scenario: black for the baseline, then the palette in scenario order.

    Example:
        >>> from types import SimpleNamespace
        >>> colours(SimpleNamespace(scenarios=["base", "a"]))
        {'base': '#000000', 'a': '#0072B2'}
    """
    return {s: BASELINE_COLOUR if i == 0 else PALETTE[(i - 1) % len(PALETTE)] for i, s in enumerate(data.scenarios)}


def slug(text: str) -> str:
    """A file-name form of a scenario name.

    Example:
        >>> slug("Long contracts (5+5)")
        'long_contracts_5_5'
    """
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def cohort_states(data: Comparison, scenario: str) -> Figure:
    """Where the cohort is over time: people in each housing, justice and mental-health state (mean over runs).

    Args:
        data: the comparison.
        scenario: the scenario to show.

    Returns:
        A figure with one stacked-area panel per domain.

    Example:
        >>> fig = cohort_states(Comparison.load("out/bristol"), "Bristol-like baseline")  # doctest: +SKIP
    """
    domains = {d: {m: n for m, n in states.items() if data.has_series(m)} for d, states in labels.STATES.items()}
    domains = {d: s for d, s in domains.items() if s}
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(domains), figsize=(6.2 * len(domains), 6.6), sharey=True,
                                 layout="constrained", squeeze=False)
        for ax, (domain, states) in zip(axes[0], domains.items()):
            series = [data.series(m, scenario) for m in states]
            time = series[0]["time"].to_numpy()
            ax.stackplot(time, *[s["mean"].to_numpy() for s in series], labels=list(states.values()),
                         colors=STATE_COLOURS[:len(states)], alpha=0.9, linewidth=0)
            ax.set_title(domain, loc="left", fontweight="bold")
            ax.set_xlabel("years from the start")
            ax.set_xlim(0, time.max())
            ax.yaxis.set_major_formatter(THOUSANDS)
            handles, names = ax.get_legend_handles_labels()
            ax.legend(handles[::-1], names[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False,
                      ncol=1)
        axes[0][0].set_ylabel("people (mean over runs)")
        fig.suptitle(f"Where the cohort is, week by week: {scenario}", x=0.01, ha="left")
    return fig


def fan_chart(data: Comparison, measure: str) -> Figure:
    """Fan charts of one measure: each alternative over the baseline, with its median, 50% and 90% bands.

    Args:
        data: the comparison.
        measure: a per-week measure of ``results.csv``, such as ``"people.rough_sleeping"``.

    Returns:
        A figure with one panel per alternative (same scales), the baseline in grey on each.
    """
    palette = colours(data)
    alternatives = data.alternatives
    ncols = min(3, len(alternatives))
    nrows = -(-len(alternatives) // ncols)
    base = data.series(measure, data.baseline)
    unit = base["unit"].iloc[0] if len(base) else ""
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(6.0 * ncols, 4.4 * nrows + 1.4), sharex=True, sharey=True,
                                 layout="constrained", squeeze=False)
        for ax in axes.flat[len(alternatives):]:
            ax.set_visible(False)
        for ax, scenario in zip(axes.flat, alternatives):
            _band(ax, base, "#bbbbbb", "#999999", "--")
            _band(ax, data.series(measure, scenario), palette[scenario], palette[scenario], "-")
            ax.set_title(scenario, loc="left", color=palette[scenario], fontweight="bold")
            ax.yaxis.set_major_formatter(THOUSANDS)
            ax.set_xlim(0, base["time"].max())
            ax.set_ylim(bottom=0)
        for ax in axes[-1]:
            ax.set_xlabel("years from the start")
        for ax in axes[:, 0]:
            ax.set_ylabel(unit)
        legend = [plt.Line2D([], [], color="#666666", ls="--", lw=2.5, label="baseline: median"),
                  Patch(color="#bbbbbb", alpha=0.35, label="baseline: 90% of runs"),
                  plt.Line2D([], [], color="#333333", lw=2.5, label="this option: median"),
                  Patch(color="#333333", alpha=0.45, label="this option: middle 50% of runs"),
                  Patch(color="#333333", alpha=0.18, label="this option: 90% of runs")]
        _legend_below(fig, legend, ncol=3)
        fig.suptitle(f"{labels.measure(measure)}, week by week", x=0.01, ha="left")
    return fig


def _legend_below(fig: Figure, handles: list, names: list[str] | None = None, ncol: int = 3) -> None:
    """The figure's legend under its panels (saving with a tight bounding box keeps it in the file)."""
    names = names if names is not None else [h.get_label() for h in handles]
    fig.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=ncol, frameon=False)


def _band(ax, series, outer: str, line: str, style: str) -> None:
    """Median line with its 50% and 90% bands (the baseline gets only its 90% band)."""
    time = series["time"].to_numpy()
    ax.fill_between(time, series["p05"], series["p95"], color=outer, alpha=0.35 if style == "--" else 0.18, lw=0)
    if style == "-":
        ax.fill_between(time, series["p25"], series["p75"], color=outer, alpha=0.45, lw=0)
    ax.plot(time, series["p50"], color=line, ls=style, lw=2.5)


def differences(data: Comparison) -> Figure:
    """People's outcomes over the horizon: each alternative's change from the baseline in percent, 90% interval.

    Changes beyond +-100% (a small baseline count, such as Housing First tenancies when places double) would
    squash every other row, so they are drawn at the edge with their value written beside them.

    Returns:
        A figure with one row per outcome, one marker and interval per alternative.
    """
    outcomes = data.outcomes()
    palette = colours(data)
    n = len(data.alternatives)
    changes = {m: data.percent_change(m).set_index("scenario") for m in outcomes}
    ends = np.concatenate([c[["pct_low", "pct_high"]].to_numpy().ravel() for c in changes.values()] + [[0.0]])
    ends = np.abs(ends[np.isfinite(ends)])
    limit = 1.12 * max(5.0, ends[ends <= 100].max(initial=0))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(13, 1.4 + 0.95 * len(outcomes)), layout="constrained")
        for row, measure in enumerate(outcomes):
            y = len(outcomes) - 1 - row
            if row % 2 == 0:
                ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0)
            for k, scenario in enumerate(data.alternatives):
                if scenario in changes[measure].index:
                    _change_marker(ax, changes[measure].loc[scenario], y + 0.36 - 0.72 * k / max(1, n - 1),
                                   palette[scenario], limit, scenario if row == 0 else None)
        ax.axvline(0, color="#333333", lw=1.2)
        ax.set_xlim(-limit, limit)
        ax.set_yticks(range(len(outcomes)))
        ax.set_yticklabels([_outcome_tick(data, m) for m in reversed(outcomes)])
        ax.set_ylim(-0.5, len(outcomes) - 0.5)
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(PERCENT)
        years = f"{data.horizon_years:g} years"
        ax.set_xlabel(f"change from the baseline over {years}, % (dot: mean; line: 90% interval)")
        _legend_below(fig, *ax.get_legend_handles_labels(), min(3, n))
        fig.suptitle(f"People's outcomes: what changes with each option over {years}", x=0.01, ha="left")
    return fig


def _intervals(ax, at, low, high, vertical: bool, width: float) -> None:
    """90% intervals as lines with end caps from low to high at each position. Drawn on their own, not around the
    mean: with skewed results over runs the mean can lie outside the central 90% (matplotlib's error bars refuse)."""
    lines, caps = (ax.vlines, ax.hlines) if vertical else (ax.hlines, ax.vlines)
    lines(at, low, high, color="#222222", lw=width, zorder=3)
    for end in (low, high):
        caps(end, np.asarray(at) - 0.06, np.asarray(at) + 0.06, color="#222222", lw=width, zorder=3)


def _change_marker(ax, r, y: float, colour: str, limit: float, label: str | None) -> None:
    """A mean and its interval, clipped to +-limit; a clipped mean is a triangle with its value beside it."""
    mean, low, high = (float(np.clip(r[c], -limit, limit)) for c in ("pct", "pct_low", "pct_high"))
    if not np.isfinite(mean):
        return
    ax.plot([low, high], [y, y], color=colour, lw=2.5, solid_capstyle="butt", zorder=3)
    clipped = abs(r["pct"]) > limit
    marker = (">" if mean > 0 else "<") if clipped else "o"
    ax.plot([mean], [y], marker=marker, ms=9, color=colour, ls="none", zorder=4, label=label)
    if clipped:
        pct = lambda v: numbers.text(v, "percent", signed=True)  # noqa: E731
        ax.annotate(f"{pct(r['pct'])} ({pct(r['pct_low'])} to {pct(r['pct_high'])})", (mean, y),
                    xytext=(-8 if mean > 0 else 8, 0), textcoords="offset points", va="center",
                    ha="right" if mean > 0 else "left", fontsize=12, color=colour)


def _outcome_tick(data: Comparison, measure: str) -> str:
    direction = {-1: "fewer is better", 1: "more is better"}.get(labels.better(measure), "")
    base = data.rows(measure).set_index("scenario")
    amount = f"baseline {numbers.text(base.loc[data.baseline, 'mean'])} {base.loc[data.baseline, 'unit']}" \
        if data.baseline in base.index else ""
    return f"{labels.measure(measure)}\n{amount}; {direction}".rstrip("; ")


def year_by_year(data: Comparison, measures: Iterable[str] = ("person_weeks.rough_sleeping",
                                                                "cost_discounted.total")) -> Figure:
    """Ten years, year by year: each alternative's change from the baseline in each year, with its 90% interval.

    A new service often helps less, or costs more, in its first years (the early dip); totals over the horizon
    hide that, this figure shows it.

    Args:
        data: the comparison.
        measures: one panel each; costs are drawn in pounds (£250k, £1.2m).
    """
    measures = [m for m in measures if len(data.rows(m, period="year 1"))]
    palette = colours(data)
    periods = data.years
    years = np.arange(1, len(periods) + 1)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(measures), figsize=(8.2 * len(measures), 6.4), layout="constrained",
                                 squeeze=False)
        for ax, measure in zip(axes[0], measures):
            money = measure.startswith(("cost", "intervention_cost"))
            for k, scenario in enumerate(data.alternatives):
                rows = [data.rows(measure, period=p).set_index("scenario") for p in periods]
                change = np.array([[r.loc[scenario, c] if scenario in r.index else np.nan
                                    for c in ("diff_mean", "diff_low", "diff_high")] for r in rows])
                x = years + 0.5 * (k / max(1, len(data.alternatives) - 1) - 0.5) * 0.5
                ax.vlines(x, change[:, 1], change[:, 2], color=palette[scenario], lw=1.5)
                ax.plot(x, change[:, 0], "-o", ms=6, lw=2, color=palette[scenario], label=scenario)
            ax.axhline(0, color="#333333", lw=1.2)
            ax.set_xticks(years)
            ax.set_xlabel("year")
            unit = "£" if money else data.rows(measure)["unit"].iloc[0]
            ax.set_ylabel(f"change from the baseline, {unit}")
            title = "Cost to all payers (discounted)" if measure == "cost_discounted.total" else labels.measure(measure)
            ax.set_title(title, loc="left", fontweight="bold")
            ax.yaxis.set_major_formatter(MONEY if money else FuncFormatter(lambda v, _: numbers.text(v, signed=True)))
        _legend_below(fig, *axes[0, 0].get_legend_handles_labels(), min(3, len(data.alternatives)))
        fig.suptitle("Year by year: the change from the baseline (dots: mean; lines: 90% interval)", x=0.01,
                     ha="left")
    return fig


def who_pays(data: Comparison) -> Figure:
    """Who pays and who saves: each payer's change in discounted cost, with its 90% interval, per alternative.

    Beside each payer's change, a hatched bar shows what the intervention itself costs that payer (included in
    the change), so the cost of a service is visible next to the savings it brings elsewhere. Each panel has
    its own scale, written on its axis.
    """
    payers = [p for p in labels.PAYERS if len(data.rows(f"cost_discounted.{p}"))]
    names = [labels.PAYERS[p] for p in payers] + ["All payers"]
    keys = [f"cost_discounted.{p}" for p in payers] + ["cost_discounted.total"]
    spending = _intervention_spending(data)
    alternatives = data.alternatives
    ncols = min(2, len(alternatives))
    nrows = -(-len(alternatives) // ncols)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(8.2 * ncols, 0.62 * len(names) * nrows + 2.8),
                                 layout="constrained", squeeze=False)
        for ax in axes.flat[len(alternatives):]:
            ax.set_visible(False)
        for ax, scenario in zip(axes.flat, alternatives):
            rows = data.rows(prefix="cost_discounted.").query("scenario == @scenario").set_index("measure")
            change = rows.reindex(keys)[["diff_mean", "diff_low", "diff_high"]].to_numpy().T
            spent = [spending.get((scenario, p), 0.0) for p in payers]
            _payer_panel(ax, change, spent + [sum(spent)], names)
            money = lambda v: numbers.text(v, "money", signed=True)  # noqa: E731
            ax.set_title(f"{scenario}\nall payers: {money(change[0][-1])} ({money(change[1][-1])} to "
                         f"{money(change[2][-1])})", loc="left", fontweight="bold", fontsize=14)
        for ax in axes.flat[:len(alternatives)]:
            ax.set_xlabel("change in cost, £")
        legend = [Patch(color=SAVES, label="saves: cost falls"), Patch(color=COSTS, label="pays more"),
                  plt.Line2D([], [], color="#222222", lw=1.8, label="90% interval"),
                  Patch(facecolor="white", hatch="///", edgecolor="#444444",
                        label="the intervention's own cost (discounted), part of the change above it")]
        _legend_below(fig, legend, ncol=2)
        fig.suptitle(f"Who pays and who saves over {data.horizon_years:g} years: change from the baseline "
                     "(2023/24 prices, discounted 3.5% a year)", x=0.01, ha="left", fontsize=17)
    return fig


def _payer_panel(ax, change: np.ndarray, spent: list[float], names: list[str]) -> None:
    """One scenario's payers: change in cost (solid, with interval) above the intervention's cost (hatched)."""
    mean, low, high = change
    y = np.arange(len(names))[::-1].astype(float)
    ax.barh(y + 0.17, mean, color=[SAVES if v < 0 else COSTS for v in mean], height=0.34)
    _intervals(ax, y + 0.17, low, high, vertical=False, width=1.8)
    ax.barh(y - 0.17, spent, height=0.34, facecolor="white", hatch="///", edgecolor="#444444", lw=0.8)
    ax.axhline(0.5, color="#999999", lw=0.8)
    ax.axvline(0, color="#333333", lw=1.2)
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.set_ylim(-0.6, len(names) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(MONEY)
    ax.xaxis.set_major_locator(MaxNLocator(5))  # money ticks are wide: few of them


def _intervention_spending(data: Comparison) -> dict[tuple[str, str], float]:
    """(scenario, payer) -> the change in intervention spending over the horizon [GBP, discounted like the costs]."""
    rows = data.rows(prefix="intervention_cost_discounted.")
    spending: dict[tuple[str, str], float] = {}
    for r in rows.itertuples():
        if r.scenario != data.baseline and r.diff_mean == r.diff_mean:
            spending[(r.scenario, r.payer)] = spending.get((r.scenario, r.payer), 0.0) + float(r.diff_mean)
    return spending


def by_group(data: Comparison, measures: Iterable[str] | None = None) -> Figure:
    """Outcomes by priority group: each alternative's change from the baseline in percent, 90% interval.

    Args:
        data: the comparison.
        measures: outcomes to show, one panel each (default: up to four headline outcomes).
    """
    groups = [g for g in labels.GROUPS if len(data.rows("events.death", group=g)) or g == ""]
    measures = list(measures or _group_outcomes(data))
    palette = colours(data)
    n = len(data.alternatives)
    width = 0.8 / n
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(measures), 1, figsize=(14, 3.9 * len(measures) + 1.2), sharex=True,
                                 layout="constrained", squeeze=False)
        x = np.arange(len(groups))
        for ax, measure in zip(axes[:, 0], measures):
            for k, scenario in enumerate(data.alternatives):
                pct = [_pct(data, measure, g, scenario) for g in groups]
                mean = np.array([p[0] for p in pct])
                err = np.array([[p[0] - p[1] for p in pct], [p[2] - p[0] for p in pct]])
                ax.bar(x - 0.4 + width * (k + 0.5), mean, width, color=palette[scenario], label=scenario)
                _intervals(ax, x - 0.4 + width * (k + 0.5), mean - err[0], mean + err[1], vertical=True, width=1.3)
            ax.axhline(0, color="#333333", lw=1.2)
            direction = {-1: "fewer is better", 1: "more is better"}.get(labels.better(measure), "")
            ax.set_title(f"{labels.measure(measure)} ({direction})", loc="left", fontweight="bold")
            ax.set_ylabel("change from\nbaseline (%)")
            ax.yaxis.set_major_formatter(PERCENT)
            ax.grid(axis="x", visible=False)
        axes[-1, 0].set_xticks(x)
        axes[-1, 0].set_xticklabels([labels.GROUPS_SHORT[g] for g in groups])
        axes[-1, 0].set_xlabel("priority group (bars: mean change; lines: 90% interval)")
        _legend_below(fig, *axes[0, 0].get_legend_handles_labels(), min(3, n))
        fig.suptitle(f"Who benefits: change by priority group over {data.horizon_years:g} years", x=0.01, ha="left")
    return fig


def _group_outcomes(data: Comparison) -> list[str]:
    preferred = ["person_weeks.rough_sleeping", "events.ae_attendance", "events.recall", "events.death"]
    outcomes = data.outcomes()
    return [m for m in preferred if m in outcomes] or outcomes[:4]


def _pct(data: Comparison, measure: str, group: str, scenario: str) -> tuple[float, float, float]:
    change = data.percent_change(measure, group).set_index("scenario")
    if scenario not in change.index:
        return (np.nan, np.nan, np.nan)
    r = change.loc[scenario]
    return float(r["pct"]), float(r["pct_low"]), float(r["pct_high"])


def group_rates(data: Comparison) -> Figure:
    """Inequality in the baseline: each headline outcome per 100 people per year, by priority group.

    Groups differ in size, so counts are divided by the group's people (``people.alive``, averaged over the
    horizon) and the years simulated.
    """
    groups = [g for g in labels.GROUPS if g and len(data.rows("people.alive", group=g))] + [""]
    measures = _group_outcomes(data)
    shades = ["#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#888888"]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(measures), figsize=(4.6 * len(measures) + 2.6, 6.2), layout="constrained",
                                 squeeze=False)
        for ax, measure in zip(axes[0], measures):
            rates = [_rate(data, measure, g) for g in groups]
            y = np.arange(len(groups))[::-1]
            ax.barh(y, [r[0] for r in rates], color=shades[-len(groups):] if len(groups) < 5 else shades,
                    height=0.66)
            _intervals(ax, y, np.array([r[1] for r in rates]), np.array([r[2] for r in rates]), vertical=False,
                       width=1.5)
            ax.set_yticks(y)
            ax.set_yticklabels([labels.GROUPS_SHORT[g] for g in groups] if ax is axes[0][0] else [])
            ax.grid(axis="y", visible=False)
            unit = data.rows(measure)["unit"].iloc[0]
            ax.set_title(labels.measure(measure), loc="left", fontweight="bold", fontsize=15)
            ax.set_xlabel(f"{unit} per 100 people\nper year")
        handles = [Patch(color=c, label=labels.GROUPS[g]) for g, c in zip(groups, shades)]
        _legend_below(fig, handles, ncol=2)
        fig.suptitle(f"Who is most affected now: rates per 100 people in the baseline ({data.baseline}), "
                     "90% interval", x=0.01, ha="left", fontsize=17)
    return fig


def _rate(data: Comparison, measure: str, group: str) -> tuple[float, float, float]:
    """(mean, low, high) of a measure per 100 person-years of the group in the baseline."""
    people = data.rows("people.alive", group=group).set_index("scenario")
    rows = data.rows(measure, group=group).set_index("scenario")
    if data.baseline not in rows.index or data.baseline not in people.index:
        return (np.nan, np.nan, np.nan)
    person_years = float(people.loc[data.baseline, "mean"]) * data.horizon_years / 100
    r = rows.loc[data.baseline]
    return tuple(float(r[c]) / person_years for c in ("mean", "low", "high"))


def _moves_per_year(data: Comparison, scenario: str, states: list[str]) -> np.ndarray:
    """Mean moves a year between housing states, [from, to], over the horizon (the diagonal is 0)."""
    moves = np.zeros((len(states), len(states)))
    for i, a in enumerate(states):
        for j, b in enumerate(states):
            rows = data.rows(f"moves.housing.{a}.{b}").set_index("scenario") if i != j else None
            if rows is not None and scenario in rows.index:
                moves[i, j] = float(rows.loc[scenario, "mean"]) / data.horizon_years
    return moves


def _block_positions(totals: np.ndarray, gap: float) -> np.ndarray:
    """Bottom of each state's block in a column of blocks stacked top to bottom with gaps between."""
    bottoms = np.zeros(len(totals))
    top = float(totals.sum() + gap * (len(totals) - 1))
    for k, total in enumerate(totals):
        top -= total
        bottoms[k] = top
        top -= gap
    return bottoms


def _flow_band(ax, left: tuple[float, float], right: tuple[float, float], colour: str) -> None:
    """A band from a slice of the left column to a slice of the right one, on a smooth S-curve."""
    x = np.linspace(0.0, 1.0, 60)
    ease = x * x * (3 - 2 * x)
    lower = left[0] + (right[0] - left[0]) * ease
    upper = left[1] + (right[1] - left[1]) * ease
    ax.fill_between(0.08 + 0.84 * x, lower, upper, color=colour, alpha=0.55, linewidth=0)


def pathways(data: Comparison, scenario: str) -> Figure:
    """Pathways between housing states: how many people move from each state to each other in a year.

    Each band runs from the state people leave (left) to the state they move to (right); its thickness is the
    mean number of moves a year over the runs and the horizon. Moves into prison are not housing moves (a
    home is held for release, or lost, and that loss shows here when it happens).

    Args:
        data: the comparison.
        scenario: the scenario to show.

    Returns:
        A figure with one alluvial diagram.

    Example:
        >>> fig = pathways(Comparison.load("out/bristol"), "Bristol-like baseline")  # doctest: +SKIP
    """
    names = {m.split(".", 1)[1]: label for m, label in labels.STATES["Housing"].items()}
    states = list(names)
    moves = _moves_per_year(data, scenario, states)
    gap = 0.04 * moves.sum()
    left_bottom = _block_positions(moves.sum(axis=1), gap)
    right_bottom = _block_positions(moves.sum(axis=0), gap)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(14, 8), layout="constrained")
        left_used, right_used = left_bottom + moves.sum(axis=1), right_bottom.copy()
        for i in range(len(states)):
            for j in range(len(states)):
                if moves[i, j] <= 0:
                    continue
                top_left = left_used[i]
                left_used[i] -= moves[i, j]
                _flow_band(ax, (left_used[i], top_left), (right_used[j], right_used[j] + moves[i, j]),
                           STATE_COLOURS[i])
                right_used[j] += moves[i, j]
        for column, bottoms, totals, x in ((0, left_bottom, moves.sum(axis=1), 0.0),
                                            (1, right_bottom, moves.sum(axis=0), 0.92)):
            for k, state in enumerate(states):
                ax.bar(x, totals[k], width=0.08, bottom=bottoms[k], align="edge", color=STATE_COLOURS[k],
                       edgecolor="white")
                if totals[k] > 0:
                    ax.text(-0.01 if column == 0 else 1.01, bottoms[k] + totals[k] / 2,
                            f"{names[state]} ({totals[k]:,.0f})", ha="right" if column == 0 else "left",
                            va="center", fontsize=12)
        ax.set_xlim(-1.0, 1.75)  # room for the state names beside the columns
        ax.set_xticks([0.04, 0.96], ["moving from", "moving to"])
        ax.set_xlabel("housing state before and after a move")
        ax.set_ylabel("moves per year (mean over runs and years)")
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.grid(False)
        handles = [Patch(color=STATE_COLOURS[k], label=names[s]) for k, s in enumerate(states)]
        _legend_below(fig, handles, ncol=3)
        fig.suptitle(f"Pathways between housing states in a year: {scenario}", x=0.01, ha="left")
    return fig


def plans(data: Comparison) -> dict[str, Callable[[], Figure]]:
    """Every static figure of a comparison, not yet drawn, by file name (without extension), people first.

    Pathway diagrams need the model's counts of moves between housing states (``moves.housing.<from>.<to>``).
    """
    out: dict[str, Callable[[], Figure]] = {"outcomes": lambda: differences(data)}
    # Places short of staff show whether support workers, not flats, hold Housing First back (design.md 9.1).
    for measure in ("people.rough_sleeping", "people.homeless", "people.in_prison", "people.mh_crisis",
                    "system.housing_first_places_short_of_staff"):
        if data.has_series(measure):
            out[f"fan_{measure.split('.', 1)[1]}"] = functools.partial(fan_chart, data, measure)
    out["year_by_year"] = lambda: year_by_year(data)
    out["groups_change"] = lambda: by_group(data)
    if len(data.rows("people.alive", group="wider")):
        out["groups_baseline"] = lambda: group_rates(data)
    out["who_pays"] = lambda: who_pays(data)
    if costs.has_costs(data):
        out["costs_by_housing"] = lambda: costs.by_housing(data)
    for scenario in data.scenarios:
        out[f"cohort_{slug(scenario)}"] = functools.partial(cohort_states, data, scenario)
    if len(data.rows("moves.housing.rough_sleeping.temporary")):
        for scenario in data.scenarios:
            out[f"pathways_{slug(scenario)}"] = functools.partial(pathways, data, scenario)
    out.update(uncertainty.plans(data))  # a PSA's figures (none for a plain comparison)
    return out


def figures(data: Comparison) -> dict[str, Figure]:
    """Every static figure of a comparison, drawn, by file name (close them with ``plt.close``)."""
    return {name: draw() for name, draw in plans(data).items()}


def save_all(data: Comparison, folder: str | os.PathLike, jobs: int | None = None) -> dict[str, list[pathlib.Path]]:
    """Draw every figure and save each as PNG and SVG.

    Args:
        data: the comparison.
        folder: where to write them (created if missing).
        jobs: processes drawing at once (default: one per core this process may use); the files are the same for
            any number.

    Returns:
        The paths written, by figure name.

    Example:
        >>> paths = save_all(Comparison.load("out/bristol"), "out/bristol/figures")  # doctest: +SKIP
        >>> [p.suffix for p in paths["outcomes"]]  # doctest: +SKIP
        ['.png', '.svg']
    """
    with drawing_all(data, folder, jobs) as paths:
        pass
    return paths


@contextlib.contextmanager
def drawing_all(data: Comparison, folder: str | os.PathLike,
                jobs: int | None = None) -> Iterator[dict[str, list[pathlib.Path]]]:
    """save_all, while the body of the ``with`` statement runs in this process (the report renders its page).

    Yields the paths save_all returns, known before any is drawn; every file is written when the statement ends, or
    the error of the first figure that failed is raised.
    """
    global _job
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs: {jobs} is not a number of processes of 1 or more (None: one per core)")
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    drawing = plans(data)
    paths = {name: [folder / f"{name}.png", folder / f"{name}.svg"] for name in drawing}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = min(len(drawing), jobs or cores)
    if workers < 2:
        yield paths
        for name, draw in drawing.items():
            _draw_and_save(draw, paths[name])
        return
    # The figures are independent: forked workers draw them side by side, each from the data this process has
    # loaded and indexed (a worker indexing it again would cost each its time), each figure the same as drawn here.
    data.index()
    _job = (drawing, paths)
    try:
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = [pool.submit(_draw_and_save_planned, name) for name in drawing]
            try:
                yield paths
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            for figure in pending:
                if figure.exception() is not None:
                    pool.shutdown(cancel_futures=True)  # the figures not started are not drawn for nothing
                    raise figure.exception()
    finally:
        _job = None


#: What drawing_all's forked workers draw: the plans and the paths (inherited, as the plans cannot be pickled).
_job: tuple[dict[str, Callable[[], Figure]], dict[str, list[pathlib.Path]]] | None = None


def _draw_and_save_planned(name: str) -> None:
    drawing, paths = _job
    _draw_and_save(drawing[name], paths[name])


def _draw_and_save(draw: Callable[[], Figure], paths: list[pathlib.Path]) -> None:
    """Draws one figure and saves it to each path."""
    fig = draw()
    for path in paths:
        save(fig, path)
    plt.close(fig)


def save(fig: Figure, path: str | os.PathLike) -> None:
    """Save a figure as its suffix says (PNG at 150 dpi, SVG with text as text), legends below included. The same
    figure gives the same bytes every time: an SVG has no date, and its ids come from a fixed salt, not a random one.

    Example:
        >>> import tempfile
        >>> fig, ax = plt.subplots()
        >>> save(fig, pathlib.Path(tempfile.mkdtemp()) / "empty.svg")
    """
    svg = pathlib.Path(path).suffix == ".svg"
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "revolve"}):
        fig.savefig(path, dpi=150, bbox_inches="tight", metadata={"Date": None} if svg else None)
