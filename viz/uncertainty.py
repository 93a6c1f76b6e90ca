"""The report's section on uncertainty about the parameters, for the folder ``revolve psa`` writes, and its figures.

A plain comparison's ranges hold chance alone: the runs differ only in their random events. A PSA also draws the
model's uncertain parameters from their stated distributions, so its "chance and parameters" ranges say how much
the results depend on what we do not know. This module says, in numbers and words, how much wider they are; draws
the two kinds of range side by side; and shows the cost-effectiveness results (quadrants, acceptability curves).
``docs/uncertainty.md`` explains every term.

Example:
    >>> from viz.data import Comparison
    >>> from viz import uncertainty
    >>> data = Comparison.load("out/psa")  # doctest: +SKIP
    >>> uncertainty.widening(data, "person_weeks.rough_sleeping", data.alternatives[0])  # doctest: +SKIP
    3.4
"""
from __future__ import annotations

import html
import math
from collections.abc import Callable

import numpy as np

from . import labels, numbers
from .data import Comparison

CHANCE, BOTH = "chance only", "chance and parameters"
CHANCE_COLOUR, BOTH_COLOUR = "#0072B2", "#D55E00"  # Okabe and Ito: blue and vermilion


def _triple(row, prefix: str) -> list[float | None]:
    values = [row[f"{prefix}diff_mean"], row[f"{prefix}diff_low"], row[f"{prefix}diff_high"]]
    return [float(v) if math.isfinite(float(v)) else None for v in values]


def changes(data: Comparison, measure: str) -> dict[str, dict[str, list[float | None]]]:
    """Each alternative's change in `measure` over the horizon: ``{"chance": [mean, low, high], "both": [...]}``."""
    rows = data.rows(measure).set_index("scenario")
    return {s: {"chance": _triple(rows.loc[s], ""), "both": _triple(rows.loc[s], "psa_")}
            for s in data.alternatives if s in rows.index}


def widening(data: Comparison, measure: str, scenario: str) -> float | None:
    """How many times as wide the 90% range of the change is with chance and parameters as with chance only
    (None when the chance-only range has no width)."""
    c = changes(data, measure).get(scenario)
    if not c or None in c["chance"] or None in c["both"]:
        return None
    chance, both = c["chance"][2] - c["chance"][1], c["both"][2] - c["both"][1]
    return both / chance if chance > 0 else None


def report_data(data: Comparison) -> dict | None:
    """What the section's interactive charts draw, or None for a plain comparison."""
    if data.uncertainty is None:
        return None
    u = data.uncertainty
    outcome = u.settings["outcome"]
    ceac = u.ceac
    curves = {s: [_share(v) for v in ceac.loc[ceac["scenario"] == s, "p_best"]] for s in data.scenarios}
    return {
        "outcomes": [{"measure": m, "label": labels.measure(m), "better": labels.better(m),
                      "unit": data.rows(m)["unit"].iloc[0], "changes": changes(data, m)} for m in data.outcomes()],
        "ceac": {"wtp": [float(w) for w in ceac.loc[ceac["scenario"] == data.baseline, "wtp"]],
                 "unit": f"per {_unit_gained(data)}", "outcome": labels.measure(outcome), "best": curves},
    }


def _share(x: float) -> float | None:
    return None if not math.isfinite(x) else round(float(x), 4)


def _unit_gained(data: Comparison, lost: bool = False) -> str:
    """"person-week avoided (weeks sleeping rough)": one unit of the outcome in its better direction, or with
    `lost` in its worse one ("person-week more (weeks sleeping rough)")."""
    outcome = data.uncertainty.settings["outcome"]
    unit = data.rows(outcome)["unit"].iloc[0]
    fewer = labels.better(outcome) < 0
    verb = ("more" if fewer else "lost") if lost else ("avoided" if fewer else "gained")
    return f"{unit.removesuffix('s')} {verb} ({labels.measure(outcome).lower()})"


# --- HTML ---------------------------------------------------------------------------------------------------------


def nav(data: Comparison) -> str:
    """The contents link to the section, when there is one."""
    return '<a href="#uncertainty">How sure are we?</a>' if data.uncertainty else ""


def section(data: Comparison) -> str:
    """The section's HTML ("" for a plain comparison)."""
    if data.uncertainty is None:
        return ""
    s = data.uncertainty.settings
    return f"""<section id="uncertainty">
  <h2>How sure are we? Chance, and what we do not know</h2>
  {_intro(data)}
  <h3>Two kinds of range, side by side</h3>
  <p>Each option's change from the baseline over {data.horizon_years:g} years. The <strong style="color:{CHANCE_COLOUR}">
    {CHANCE}</strong> bar holds 90% of the runs with the parameters as set; the <strong style="color:{BOTH_COLOUR}">
    {BOTH}</strong> bar holds 90% of the runs over every draw of the parameters. The line across a bar is its mean.</p>
  <div class="controls"><label>Outcome <select id="psa-measure"></select></label></div>
  <div class="chart"><canvas id="chart-psa-ranges" data-chart="psa-ranges" role="img"
    aria-label="Change in an outcome with each option: 90% ranges with chance only and with chance and parameters">
    </canvas></div>
  <p class="download"><a href="#" data-download="psa-ranges">Download these numbers (CSV)</a></p>
  {_widening_text(data)}
  <h3>Value for money</h3>
  {_quadrant_table(data)}
  <h3>Acceptability: which option is best value, for what you would pay</h3>
  <p>Across the bottom, what a commissioner might be willing to pay for one {html.escape(_unit_gained(data))};
    up the side, the share of all runs of all draws in which each option gives the most value for money (the
    outcome valued at that amount, less the cost to all payers, discounted). At £0 only cost counts; far to the
    right only the outcome does. A curve that stays near the middle means the model cannot tell the options apart
    at that price.</p>
  <div class="chart"><canvas id="chart-ceac" data-chart="ceac" role="img"
    aria-label="Cost-effectiveness acceptability curves: chance that each option is best value by willingness to pay">
    </canvas></div>
  <p class="download"><a href="#" data-download="ceac">Download these numbers (CSV)</a></p>
  <p class="small">{s["draws"]} draws of {len(s.get("parameters", []))} parameters ({_design_words(s["design"])}),
    {s["runs_per_draw"]} run(s) of each option under each draw; cost: <code>{html.escape(s["cost"])}</code>,
    outcome: <code>{html.escape(s["outcome"])}</code>.</p>
</section>"""


def _design_words(design: str) -> str:
    return {"lhs": "a Latin hypercube", "sobol": "a shifted Sobol sequence"}.get(design, design)


def _intro(data: Comparison) -> str:
    s = data.uncertainty.settings
    held = "".join(f"<li>{html.escape(label)}: {html.escape(', '.join(names))}</li>"
                   for label, names in s.get("held", {}).items() if names)
    held_text = (f"<p>A number an option sets itself is a decision, not an uncertainty: it keeps the option's value "
                 f"in every draw.</p><ul>{held}</ul>") if held else ""
    return (f"<p>The ranges elsewhere in this report hold <em>chance</em>: the model run many times with the "
            f"parameters as set. But most parameters are uncertain (their ranges are in the assumptions table), and "
            f"this analysis drew {len(s.get('parameters', []))} of them {s['draws']} times from those ranges and ran "
            f"every option under each draw, with the same chance events as the baseline. Its ranges hold both "
            f"<em>chance and parameters</em>: how sure the model can be, given what we do not know. Their means can "
            f"differ from the others' too, because many ranges are lopsided around the value set.</p>{held_text}")


def _widening_text(data: Comparison) -> str:
    """In words: how much wider the ranges are, and which changes are no longer clear."""
    items, ratios = [], []
    for measure in data.outcomes():
        for scenario, c in changes(data, measure).items():
            ratio = widening(data, measure, scenario)
            if ratio is None:
                continue
            ratios.append(ratio)
            if not _clear(c["chance"]) or _clear(c["both"]):
                continue
            items.append(f"<li>{html.escape(scenario)}: {html.escape(labels.measure(measure).lower())} changes by "
                         f"{_fmt(c['chance'][1])} to {_fmt(c['chance'][2])} with chance only, but by "
                         f"{_fmt(c['both'][1])} to {_fmt(c['both'][2])} with the parameters too.</li>")
    if not ratios:
        return ""
    text = (f"<p><strong>What the widening means.</strong> With what we do not know about the parameters included, "
            f"the 90% ranges of the changes are {np.median(ratios):.1f} times as wide as with chance alone (the "
            f"median over outcomes and options; from {min(ratios):.1f} to {max(ratios):.1f} times). A wide range says "
            f"we do not know the size of the effect; where it crosses zero, the model cannot say whether the option "
            f"helps or harms on that outcome.")
    if items:
        text += f" These changes look clear with chance alone but not once the parameters are uncertain:</p>" \
                f"<ul>{''.join(items)}</ul>"
    else:
        text += "</p>"
    return text


def _clear(triple: list[float | None]) -> bool:
    return triple[1] is not None and triple[2] is not None and (triple[1] > 0 or triple[2] < 0)


def _fmt(x: float | None) -> str:
    return numbers.text(x, "count", signed=True)


def _quadrant_table(data: Comparison) -> str:
    ce = data.uncertainty.cost_effectiveness
    if ce.empty:
        return ""
    rows = []
    for _, r in ce.iterrows():
        ratio = "none: one option dominates"
        if math.isfinite(r["ratio"]) and r["verdict"] == "saves, loses":
            ratio = f"{numbers.text(r['ratio'], 'money')} saved per {html.escape(_unit_gained(data, lost=True))}"
        elif math.isfinite(r["ratio"]):
            ratio = f"{numbers.text(r['ratio'], 'money')} per {html.escape(_unit_gained(data))}"
        cells = "".join(f"<td>{100 * r[c]:.0f}%</td>" for c in ("p_better_cheaper", "p_better_costlier",
                                                                 "p_not_better_cheaper", "p_not_better_costlier"))
        rows.append(f'<tr><th scope="row">{html.escape(r["scenario"])}</th>{cells}<td>{html.escape(r["verdict"])}'
                    f"</td><td>{ratio}</td></tr>")
    outcome = labels.measure(data.uncertainty.settings["outcome"]).lower()
    return (f"<p>Against the baseline, in the share of all runs of all draws: is the option better on "
            f"{html.escape(outcome)}, and is it cheaper to all payers together (discounted)? \"Dominates\" means "
            f"better and no dearer on average; the ratio is what each unit of benefit costs (or, when an option "
            f"saves money but does less, what is saved per unit given up). It is never shown as a negative "
            f"number.</p>"
            f'<table class="quadrants"><thead><tr><th scope="col">Option</th><th scope="col">better and cheaper'
            f'</th><th scope="col">better, costs more</th><th scope="col">not better, cheaper</th><th scope="col">'
            f'not better, costs more</th><th scope="col">on average</th><th scope="col">ratio</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


# --- static figures -------------------------------------------------------------------------------------------


def plans(data: Comparison) -> dict[str, Callable]:
    """The section's static figures, not yet drawn, by file name ({} for a plain comparison)."""
    if data.uncertainty is None:
        return {}
    return {"psa_ranges": lambda: ranges_figure(data), "ceac": lambda: ceac_figure(data)}


def ranges_figure(data: Comparison, most: int = 6):
    """Each option's change in the first `most` outcomes (the report's table has them all): the 90% range with
    chance only above that with chance and parameters."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from .figures import STYLE, THOUSANDS, _legend_below
    outcomes = data.outcomes()[:most]
    height = 1.2 + len(outcomes) * (1.0 + 0.4 * len(data.alternatives))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(len(outcomes), 1, figsize=(13, height), layout="constrained", squeeze=False)
        for ax, measure in zip(axes[:, 0], outcomes):
            for k, (scenario, c) in enumerate(changes(data, measure).items()):
                for offset, key, colour in ((0.18, "chance", CHANCE_COLOUR), (-0.18, "both", BOTH_COLOUR)):
                    mean, low, high = c[key]
                    if low is not None:
                        ax.plot([low, high], [-k + offset] * 2, color=colour, lw=4, solid_capstyle="butt")
                        ax.plot([mean], [-k + offset], "|", color="#111111", ms=14, mew=2.5)
            ax.axvline(0, color="#333333", lw=1.2)
            ax.xaxis.set_major_formatter(THOUSANDS)
            ax.set_yticks([-k for k in range(len(data.alternatives))])
            ax.set_yticklabels(data.alternatives)
            ax.grid(axis="y", visible=False)
            ax.set_title(labels.measure(measure), loc="left", fontsize=14)
            ax.set_xlabel(f"change, {data.rows(measure)['unit'].iloc[0]}", fontsize=12)
        handles = [Line2D([], [], color=CHANCE_COLOUR, lw=4, label=f"{CHANCE}: 90% of runs"),
                   Line2D([], [], color=BOTH_COLOUR, lw=4, label=f"{BOTH}: 90% of runs over every draw"),
                   Line2D([], [], color="#111111", marker="|", ls="none", ms=14, mew=2.5, label="mean")]
        _legend_below(fig, handles, ncol=3)
        fig.suptitle(f"Change from the baseline over {data.horizon_years:g} years: chance, and chance and parameters",
                     x=0.01, ha="left")
    return fig


def ceac_figure(data: Comparison):
    """Cost-effectiveness acceptability curves: the chance each option is best value, by willingness to pay."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from .figures import STYLE, colours
    palette = colours(data)
    ceac = data.uncertainty.ceac
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(12, 6.5), layout="constrained")
        for scenario in data.scenarios:
            rows = ceac[ceac["scenario"] == scenario]
            ax.plot(rows["wtp"], 100 * rows["p_best"], color=palette[scenario], lw=2.8, label=scenario,
                    ls="--" if scenario == data.baseline else "-")
        ax.set_ylim(0, 100)
        ax.set_xlim(ceac["wtp"].min(), ceac["wtp"].max())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: numbers.text(v, "money")))
        ax.set_xlabel(f"willingness to pay, £ per {_unit_gained(data)}")
        ax.set_ylabel("chance of being best value, %")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
        fig.suptitle("Which option is best value, for what you would pay", x=0.01, ha="left")
    return fig
