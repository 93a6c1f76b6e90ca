"""``revolve report DIR``: one self-contained HTML file for a comparison, and its figures as PNG and SVG.

The page works offline and asks for nothing outside itself: Chart.js (from the npm registry, pinned in
``package-lock.json``), the page's script, its style and the data are all inlined. It follows DESIGN.md
section 1: people's outcomes before cost, ranges not single numbers, ten-year views, outcomes by priority
group, and every assumption with its source.

Example:
    >>> from viz.report import write_report
    >>> write_report("out/bristol")  # doctest: +SKIP
    PosixPath('out/bristol/report.html')
"""
from __future__ import annotations

import argparse
import html
import json
import math
import os
import pathlib
import re
import string
import sys

import numpy as np
import pandas as pd

from revolve.errors import Error, OutputError
from revolve.output import check_file, output_folder, write_text

from . import board, costs, evaluation, labels, numbers, uncertainty
from .data import Comparison, DataError

ROOT = pathlib.Path(__file__).resolve().parents[1]
ASSETS = pathlib.Path(__file__).resolve().parent / "assets"
CHART_JS = ROOT / "node_modules" / "chart.js" / "dist" / "chart.umd.min.js"
STATUS_ORDER = ["sourced", "derived", "calibrated", "assumption"]
GENERATOR = '<meta name="generator" content="revolve report">'  # in every page written here: one revolve may replace


def write_report(folder: str | os.PathLike, out: str | os.PathLike | None = None, figures: bool = True,
                 title: str | None = None, force: bool = False) -> pathlib.Path:
    """Write ``report.html`` (and the static figures beside it) for a comparison folder.

    Each appears in full or not at all (``docs/reliability.md``): the figures folder is written aside and swapped in,
    the page is written under a temporary name and renamed. An existing page is replaced only if this function
    wrote it, an existing figures folder only if revolve wrote it, unless ``force``; both are checked before
    anything is drawn.

    Args:
        folder: the ``--out`` folder of ``revolve compare`` (or of ``revolve.Results.save``); a
            ``revolve sensitivity`` folder gets its own page (viz.sensitivity).
        out: the HTML file to write (default: ``folder/report.html``).
        figures: also draw the static figures into ``figures/`` beside the page, as PNG and SVG.
        title: the page's title (default: from the baseline's name).
        force: replace a page or figures folder that revolve did not write (never a folder by a page, nor a
            link or device).

    Returns:
        The path of the report.

    Raises:
        DataError: a file of the comparison, or Chart.js, is missing or malformed; the message names it.
        OutputError: ``out`` or its figures folder must not be replaced; the message says what is there.

    Example:
        >>> write_report("out/bristol", figures=False)  # doctest: +SKIP
        PosixPath('out/bristol/report.html')
    """
    if (pathlib.Path(folder) / "sensitivity.csv").is_file():  # a `revolve sensitivity` folder
        from . import sensitivity
        return sensitivity.write_report(folder, out, figures, title, force)
    data = Comparison.load(folder)
    out = pathlib.Path(out) if out else data.folder / "report.html"
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; the report is one HTML file: name it, for example {out / 'report.html'}")
    check_file(out, GENERATOR, force)
    if figures:
        from . import figures as static  # matplotlib only when figures are wanted
        with output_folder(out.parent / "figures", force) as aside, static.drawing_all(data, aside) as paths:
            page = render(data, {name: [f"figures/{p.name}" for p in files] for name, files in paths.items()}, title)
    else:
        page = render(data, {}, title)
    write_text(out, page, GENERATOR, force)
    return out


def render(data: Comparison, figure_files: dict[str, list[str]] | None = None, title: str | None = None) -> str:
    """The report's HTML for a comparison (a string: everything inlined).

    Args:
        data: the comparison.
        figure_files: static figures to link to, by name: their paths relative to the report.
        title: the page's title.

    Example:
        >>> page = render(Comparison.load("out/bristol"))  # doctest: +SKIP
        >>> page.startswith("<!DOCTYPE html>")  # doctest: +SKIP
        True
    """
    payload = report_data(data)
    params = parameter_table(data)
    title = title or f"What could change: {data.baseline} and {len(data.alternatives)} options"
    fields = {
        "title": html.escape(title),
        "style": _asset("style.css"),
        "chartjs": _script(_chart_js()),
        "charts": _script(_asset("charts.js")),
        "script": _script(_asset("report.js")),
        "data": _script(json.dumps(payload, separators=(",", ":"), allow_nan=False)),
        "meta": _meta(data),
        "scenarios": _scenario_list(data, payload["scenarios"]),
        "outcome_table": _outcome_table(data),
        "assumptions_summary": _status_summary(params),
        "assumptions": _assumptions(params, data),
        "limitations": _limitations(params, data),
        "figures": _figure_links(figure_files or {}),
        "needs": _needs(data),
        "housing_costs": costs.html_table(data),
        "uncertainty": uncertainty.section(data),
        "uncertainty_nav": uncertainty.nav(data),
        "evaluation": evaluation.section(data),
        "evaluation_nav": evaluation.nav(data),
        **_board_fields(data, payload),
    }
    return string.Template(_asset("report.html")).substitute(fields)


def report_data(data: Comparison) -> dict:
    """Everything the interactive charts draw, as plain JSON-able lists (numbers rounded for size)."""
    from .figures import colours
    palette = colours(data)
    payload = {
        "baseline": data.baseline,
        "horizon": data.horizon_years,
        "scenarios": [{"name": s, "colour": palette[s], "description": _description(data, i)}
                      for i, s in enumerate(data.scenarios)],
        "outcomes": [_outcome(data, m) for m in data.outcomes()],
        "yearly": _yearly(data),
        "series": _series(data),
        "states": _states(data),
        "payers": _payers(data),
        "groups": _groups(data),
        "psa": uncertainty.report_data(data),
    }
    payload["board"] = board.report_data(data, list(payload["yearly"]), list(payload["series"]["measures"]),
                                         list(payload["groups"]["measures"]))
    payload["lives"] = board.lives_data(data)
    return payload


def _num(x: float, digits: int = 4) -> float | None:
    """A number rounded to `digits` significant figures for the page, or None (JSON null) when missing."""
    if x is None or not math.isfinite(float(x)):
        return None
    x = float(x)
    return 0.0 if x == 0 else round(x, max(0, digits - 1 - int(math.floor(math.log10(abs(x))))))


def _nums(values, digits: int = 4) -> list:
    return [_num(v, digits) for v in values]


def _outcome(data: Comparison, measure: str, parameters: bool = False) -> dict:
    """An outcome's baseline range and each option's change; with `parameters`, over every draw of a PSA."""
    prefix = "psa_" if parameters else ""
    base = data.rows(measure).set_index("scenario").loc[data.baseline]
    change = data.percent_change(measure, parameters=parameters).set_index("scenario")
    return {
        "measure": measure, "label": labels.measure(measure), "unit": base["unit"], "better": labels.better(measure),
        "base": _nums([base[f"{prefix}mean"], base[f"{prefix}low"], base[f"{prefix}high"]]),
        "changes": {s: _nums(change.loc[s, ["diff_mean", "diff_low", "diff_high", "pct", "pct_low", "pct_high"]])
                    for s in change.index},
    }


def _yearly(data: Comparison) -> dict:
    """Per-year change from the baseline of each outcome and of total cost: the early dip shows here."""
    measures = data.outcomes() + ["cost_discounted.total", "cost.total"]
    names = {"cost_discounted.total": "Cost to all payers (discounted)", "cost.total": "Cost to all payers"}
    table = data.table[(data.table["group"] == "") & data.table["period"].str.startswith("year ")]
    periods = sorted(table["period"].unique(), key=lambda p: int(p.split()[-1]))
    out = {}
    for measure in measures:
        rows = table[table["measure"] == measure]
        if rows.empty:
            continue
        by = rows.set_index(["scenario", "period"])
        out[measure] = {
            "label": names.get(measure, labels.measure(measure)), "unit": rows["unit"].iloc[0],
            "better": labels.better(measure), "periods": periods,
            "scenarios": {s: [_nums(by.loc[(s, p), ["diff_mean", "diff_low", "diff_high"]]) if (s, p) in by.index
                              else [None, None, None] for p in periods] for s in data.alternatives},
        }
    return out


def _series(data: Comparison) -> dict:
    time = data.series(next(iter(labels.TRAJECTORIES)), data.baseline)["time"]
    measures = {}
    for measure, label in labels.TRAJECTORIES.items():
        if not data.has_series(measure):
            continue
        scenarios = {}
        for s in data.scenarios:
            series = data.series(measure, s)
            scenarios[s] = {q: [round(v, 1) for v in series[q]] for q in ("p05", "p25", "p50", "p75", "p95")}
        measures[measure] = {"label": label, "unit": data.series(measure, data.baseline)["unit"].iloc[0],
                             "scenarios": scenarios}
    return {"time": [round(t, 3) for t in time], "measures": measures}


def _states(data: Comparison) -> dict:
    out = {}
    for domain, states in labels.STATES.items():
        present = {m: n for m, n in states.items() if data.has_series(m)}
        if present:
            out[domain] = {"states": [[m, n] for m, n in present.items()],
                           "scenarios": {s: {m: [round(v, 1) for v in data.series(m, s)["mean"]] for m in present}
                                         for s in data.scenarios}}
    return out


def _payers(data: Comparison) -> dict:
    from .figures import _intervention_spending
    payers = [p for p in labels.PAYERS if len(data.rows(f"cost_discounted.{p}"))]
    spending = _intervention_spending(data)
    out = {"names": [labels.PAYERS[p] for p in payers] + ["All payers"], "scenarios": {}}
    for s in data.alternatives:
        rows = data.rows(prefix="cost_discounted.").query("scenario == @s").set_index("measure")
        keys = [f"cost_discounted.{p}" for p in payers] + ["cost_discounted.total"]
        change = rows.reindex(keys)[["diff_mean", "diff_low", "diff_high"]].to_numpy()
        spent = [spending.get((s, p), 0.0) for p in payers]
        out["scenarios"][s] = {"change": [_nums(r) for r in change], "spent": _nums(spent + [sum(spent)])}
    return out


def _groups(data: Comparison) -> dict:
    groups = [g for g in labels.GROUPS if g == "" or len(data.rows("events.death", group=g))]
    out = {"names": [labels.GROUPS_SHORT[g].split("\n") for g in groups], "measures": {}}
    for measure in data.outcomes():
        per = {}
        for s in data.alternatives:
            values = []
            for g in groups:
                change = data.percent_change(measure, g).set_index("scenario")
                values.append(_nums(change.loc[s, ["pct", "pct_low", "pct_high"]]) if s in change.index
                              else [None, None, None])
            per[s] = values
        out["measures"][measure] = {"label": labels.measure(measure), "better": labels.better(measure),
                                    "scenarios": per}
    return out


def _description(data: Comparison, index: int) -> str:
    """A scenario's description from its file, when the file can still be read."""
    entry = data.manifest["scenarios"][index]
    for base in (pathlib.Path.cwd(), ROOT):
        path = base / entry.get("file", "")
        if entry.get("file") and path.is_file():
            try:
                import revolve
                return revolve.Scenario.load(path).description
            except Exception:  # a file changed since the run: the report still stands without it
                return ""
    return ""


def parameter_table(data: Comparison) -> pd.DataFrame:
    """Every parameter with its value in each scenario (from the manifest) and its source (from the model file).

    Returns:
        One row per parameter, indexed by name: ``description``, ``value``, ``unit``, ``status``, ``source``,
        ``source_location``, ``derivation``, ``rationale``, ``uncertainty`` and ``changed`` (a dict: scenario ->
        the value it sets where it differs from the baseline).

    Raises:
        DataError: the model's parameters file is gone.
    """
    import revolve
    resolved = data.parameters(0)
    path = data.parameters_file()
    model = data.manifest["scenarios"][0].get("model", "")
    try:
        table = revolve.parameters(path if path else model)
    except revolve.Error as e:
        raise DataError(f"{data.folder / 'manifest.json'}: cannot read the model's parameters ({e})") from None
    table = table.reindex(list(resolved.index) + [n for n in table.index if n not in resolved.index])
    if len(resolved):
        table["value"] = resolved["value"].combine_first(table["value"])
        table["unit"] = resolved["unit"].combine_first(table["unit"])
        table["status"] = resolved["status"].combine_first(table["status"])  # as it was when the run was made
    changed = {name: {} for name in table.index}
    for i, scenario in enumerate(data.scenarios[1:], start=1):
        other = data.parameters(i)
        for name in other.index.intersection(table.index):
            if other.loc[name, "value"] != table.loc[name, "value"]:
                changed[name][scenario] = f"{_value(other.loc[name, 'value'])} {other.loc[name, 'unit']}"
    table["changed"] = pd.Series(changed)
    return table.fillna("")


def _value(v) -> str:
    return f"{float(v):,.6g}" if isinstance(v, (int, float, np.floating)) and v != "" else str(v)


# --- HTML pieces (escaped here; the template holds the fixed text) -----------------------------------------------


def _meta(data: Comparison) -> str:
    m = data.manifest
    items = [("Runs per scenario", m.get("runs")), ("Seed", m.get("seed")), ("Years simulated", f"{data.horizon_years:g}"),
             ("Run on", m.get("created", "")), ("Code version", m.get("code_version", "")),
             ("revolve", m.get("revolve_version", "")), ("Command", m.get("command", ""))]
    if "psa" in m:
        p = m["psa"]
        items[1:1] = [("Parameter draws", f"{p['draws']} ({p['design']} design), {p['runs_per_draw']} run(s) each")]
    return "\n".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in items)


def _scenario_list(data: Comparison, scenarios: list[dict]) -> str:
    rows = []
    for i, s in enumerate(scenarios):
        role = "<em>(the baseline: every option is compared with it)</em> " if i == 0 else ""
        text = html.escape(s["description"])
        rows.append(f'<li><span class="swatch" style="background:{s["colour"]}"></span><strong>'
                    f'{html.escape(s["name"])}</strong> {role}{text}</li>')
    return "\n".join(rows)


def _outcome_table(data: Comparison) -> str:
    """The headline outcomes in numbers: the baseline's range, each option's change with its interval in words."""
    head = "".join(f'<th scope="col">{html.escape(s)}</th>' for s in data.alternatives)
    body = []
    psa = data.uncertainty is not None
    for measure in data.outcomes():
        o = _outcome(data, measure)
        both = _outcome(data, measure, parameters=True) if psa else None
        base = _base_cell(o["base"], both["base"] if both else None)
        cells = "".join(_change_cell(o, s, both) for s in data.alternatives)
        body.append(f'<tr><th scope="row">{html.escape(o["label"])}<br><small>{html.escape(o["unit"])}; '
                    f'{_direction(o["better"])}</small></th><td data-label="{html.escape(data.baseline)}">{base}</td>'
                    f'{cells}</tr>')
    return (f'<table class="outcomes"><thead><tr><th scope="col">Outcome over {data.horizon_years:g} years</th>'
            f'<th scope="col">{html.escape(data.baseline)}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _base_cell(chance: list, both: list | None) -> str:
    """The baseline's mean and range; in a PSA, a line for each kind of range."""
    if both is None:
        return f"{_fmt(chance[0])}<br><small>90%: {_fmt(chance[1])} to {_fmt(chance[2])}</small>"
    return (f"{_fmt(chance[0])}<br><small>{uncertainty.CHANCE}, 90%: {_fmt(chance[1])} to {_fmt(chance[2])}</small>"
            f"<br><small>{uncertainty.BOTH}: {_fmt(both[0])}, 90%: {_fmt(both[1])} to {_fmt(both[2])}</small>")


def _change_cell(outcome: dict, scenario: str, both: dict | None = None) -> str:
    """An option's change: its mean, 90% range and what it means. In a PSA a line for each kind of range, and the
    verdict from the wider one (chance and parameters)."""
    mean, low, high, pct, _, _ = outcome["changes"].get(scenario, [None] * 6)
    if mean is None:
        return "<td>n/a</td>"
    ranges = f"<small>90%: {_fmt(low, True)} to {_fmt(high, True)}</small>"
    sign = mean
    if both is not None:
        ranges = ranges.replace("<small>", f"<small>{uncertainty.CHANCE}, ")
        sign, low, high = both["changes"].get(scenario, [None] * 6)[:3]
        ranges += f"<br><small>{uncertainty.BOTH}: {_fmt(sign, True)}, 90%: {_fmt(low, True)} to {_fmt(high, True)}</small>"
    clear = sign is not None and low is not None and high is not None and (low > 0 or high < 0)
    verdict, css = "no clear change", "unclear"
    if clear and outcome["better"]:
        good = (sign < 0) == (outcome["better"] < 0)
        verdict, css = ("better", "better") if good else ("worse", "worse")
    elif clear:
        verdict, css = ("higher" if sign > 0 else "lower"), "unclear"
    percent = f" ({numbers.text(pct, 'percent', signed=True)})" if pct is not None else ""
    return (f'<td class="{css}" data-label="{html.escape(scenario)}"><strong>{_fmt(mean, signed=True)}</strong>'
            f'{percent}<br>{ranges}<br><em>{verdict}</em></td>')


def _direction(better: int) -> str:
    return {-1: "fewer is better", 1: "more is better"}.get(better, "")


def _fmt(x: float | None, signed: bool = False) -> str:
    return numbers.text(x, "count", signed)


def _status_summary(params: pd.DataFrame) -> str:
    counts = params["status"].value_counts()
    parts = [f'<li><span class="status {s}">{s}</span> {counts.get(s, 0)}</li>' for s in STATUS_ORDER]
    parts += [f'<li><span class="status">{html.escape(s)}</span> {n}</li>' for s, n in counts.items()
              if s not in STATUS_ORDER]
    return f'<ul class="counts">{"".join(parts)}</ul>'


def _assumptions(params: pd.DataFrame, data: Comparison) -> str:
    rows = []
    for name, p in params.iterrows():
        source = " ".join(t for t in (p["source"], f'({p["source_location"]})' if p["source_location"] else "") if t)
        notes = " ".join(t for t in (p["derivation"] and f'Derivation: {p["derivation"]}',
                                     p["rationale"] and f'Rationale: {p["rationale"]}',
                                     p["uncertainty"] and f'Range: {p["uncertainty"]}.') if t)
        changed = "".join(f"<li>{html.escape(s)}: {html.escape(v)}</li>" for s, v in p["changed"].items())
        rows.append(
            f'<tr data-param="{html.escape(name)}" data-status="{html.escape(p["status"])}">'
            f'<td><code>{html.escape(name)}</code><br><small>{html.escape(p["description"])}</small></td>'
            f'<td class="value">{html.escape(_value(p["value"]))} {html.escape(p["unit"])}'
            f'{f"<ul>{changed}</ul>" if changed else ""}</td>'
            f'<td><span class="status {html.escape(p["status"])}">{html.escape(p["status"])}</span></td>'
            f'<td class="source">{html.escape(source) or "<em>none: an assumption</em>"}</td>'
            f'<td class="notes"><small>{html.escape(notes)}</small></td></tr>')
    return "\n".join(rows)


def _ranges_caveat(psa: bool) -> str:
    """What the ranges leave out: uncertainty about the parameters unless this is a PSA, and always the model's form."""
    if not psa:
        return ("<strong>The ranges are too narrow.</strong> The intervals show the model's randomness over runs with "
                "the parameters as set. They do not include uncertainty about the parameters themselves, which is "
                "larger: <code>revolve psa</code> adds it.")
    return ("<strong>Even the wider ranges leave things out.</strong> The \"chance and parameters\" ranges include "
            "uncertainty about the parameters within their stated ranges, but not ranges that are themselves wrong, "
            "links between parameters, or a model of the wrong shape. The \"chance only\" ranges are narrower still.")


def _limitations(params: pd.DataFrame, data: Comparison) -> str:
    """What every reader must know, then the model's own limitations as its results' manifest records them."""
    counts = params["status"].value_counts()
    known = counts.get("sourced", 0) + counts.get("derived", 0)
    items = [
        "<strong>A learning aid, never a forecast.</strong> The model shows how the options compare under its "
        "assumptions; it does not predict what will happen in the area, and its numbers are not targets.",
        f"<strong>Most numbers are judgements.</strong> {known} of {len(params)} parameters are read or derived "
        f"from a source; {counts.get('calibrated', 0)} are tuned to match known figures and "
        f"{counts.get('assumption', 0)} are assumptions with a stated rationale (see the table above). Most sizes "
        "of effects are assumptions: the evidence describes the mechanisms and their direction, not their size.",
        _ranges_caveat(data.uncertainty is not None),
        "<strong>Outcomes belong to the system.</strong> Changes come from how services work together; they are "
        "not the results of any one provider.",
    ]
    items += [_markdown(t) for t in _model_limitations(data)]
    return "\n".join(f"<li>{t}</li>" for t in items)


def _model_limitations(data: Comparison) -> list[str]:
    """The model's limitations (its limitations.yaml) as the baseline's manifest recorded them."""
    model = data.manifest["scenarios"][0].get("model_manifest", {})
    if "limitations" not in model:
        raise DataError(f"{data.folder / 'manifest.json'}: no model limitations recorded (results written by an "
                        "older revolve: run the comparison again)")
    return list(model["limitations"])


def _markdown(text: str) -> str:
    """Escape, then the inline markdown design.md uses: `code` and **bold**."""
    text = html.escape(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)


FIGURE_TITLES = {
    "outcomes": "People's outcomes: change with each option",
    "fan_rough_sleeping": "People sleeping rough, week by week",
    "fan_homeless": "People homeless, week by week",
    "fan_in_prison": "People in prison, week by week",
    "fan_mh_crisis": "People in a mental-health crisis, week by week",
    "fan_housing_first_places_short_of_staff": "Housing First places ready but short of support staff, week by week",
    "year_by_year": "Year by year: change from the baseline, with the early dip",
    "groups_change": "Who benefits: change by priority group",
    "groups_baseline": "Who is most affected now: rates by priority group",
    "who_pays": "Who pays and who saves",
    "costs_by_housing": "What a year costs, and who pays, by where a person is",
    "psa_ranges": "Change with chance only, and with chance and parameters",
    "ceac": "Which option is best value, for what you would pay",
}


def _per_scenario_title(name: str) -> str:
    """The title of a figure drawn for each scenario: "cohort_mtam" or "pathways_mtam"."""
    kind, _, scenario = name.partition("_")
    what = {"cohort": "Where the cohort is", "pathways": "Pathways between housing states in a year"}.get(kind, kind)
    return f"{what}: {scenario.replace('_', ' ')}"


def _figure_links(files: dict[str, list[str]]) -> str:
    if not files:
        return "<p>Static figures were not drawn for this report (<code>--no-figures</code>).</p>"
    items = []
    for name, paths in files.items():
        title = FIGURE_TITLES.get(name) or _per_scenario_title(name)
        links = " ".join(f'<a href="{html.escape(p)}">{pathlib.PurePath(p).suffix[1:].upper()}</a>' for p in paths)
        items.append(f"<li>{html.escape(title)}: {links}</li>")
    return f'<ul class="figures">{"".join(items)}</ul>'


def _needs(data: Comparison) -> str:
    """What the page cannot show yet because the model does not count it."""
    if (data.table["measure"].str.startswith("moves.housing.")).any():
        return ""
    return ("<p class=\"note\">A diagram of moves between housing states over a year will appear here when the "
            "model counts them (measures <code>moves.housing.&lt;from&gt;.&lt;to&gt;</code>); it does not yet, and "
            "this report does not invent them.</p>")


# --- what the page adds for a board: the highlighted option, example lives, the number rule (viz/board.py) --------


def _board_fields(data: Comparison, payload: dict) -> dict[str, str]:
    """The template's fields for the highlight control, the example lives and the shared rule for numbers."""
    lives = payload["lives"]
    return {
        "number_format": _script(numbers.SPEC_FILE.read_text(encoding="utf-8")),
        "lives_script": _script(_asset("lives.js")),
        "lives_nav": '<a href="#lives">Example lives</a>' if lives else "",
        "lives_section": _lives_section(data, len(lives["people"])) if lives else "",
    }


def _lives_section(data: Comparison, people: int) -> str:
    """The section of example lives (drawn by lives.js from the page's data)."""
    return f"""<section id="lives">
  <h2>Example lives: a few simulated people, week by week</h2>
  <p>Behind the totals are people. These are {people} of the simulated people who
    were homeless at the start, chosen at random from a priority group, followed through one run over
    {data.horizon_years:g} years: in the baseline, and under the option highlighted above. They are the same
    people with the same chance events: only the option differs. Each strip shows where the person lives, their
    contact with the justice system, their mental health and the support they have; hover over a stretch to read
    it. They are made up by the model, not real people, and one run is one story among many: the ranges above say
    what is typical.</p>
  <div id="lives-legend"></div>
  <div id="lives-people"></div>
</section>"""


# --- assets -------------------------------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _chart_js() -> str:
    if not CHART_JS.is_file():
        raise DataError(f"{CHART_JS}: no such file (the report inlines Chart.js from npm: run scripts/setup.sh, "
                        "which runs npm ci)")
    return CHART_JS.read_text(encoding="utf-8")


def _script(text: str) -> str:
    """Text safe inside a <script> element: no early end tag."""
    return text.replace("</", "<\\/")


def main(argv: list[str] | None = None) -> int:
    """``revolve report DIR``: write DIR/report.html and its figures; errors name the file at fault."""
    parser = argparse.ArgumentParser(prog="revolve report", description="Turn a comparison's output folder into "
                                     "DIR/report.html (self-contained, works offline) and DIR/figures/*.png|svg.")
    parser.add_argument("folder", metavar="DIR", help="the --out folder of revolve compare (or revolve sensitivity)")
    parser.add_argument("--out", help="the HTML file to write (default: DIR/report.html); figures go in figures/ "
                                      "beside it. An existing file is replaced only if revolve report wrote it")
    parser.add_argument("--no-figures", action="store_true", help="skip the static PNG and SVG figures")
    parser.add_argument("--title", help="the report's title")
    parser.add_argument("--force", action="store_true", help="replace the HTML file or figures folder even if revolve "
                                                             "did not write them (never a link or device)")
    args = parser.parse_args(argv)
    try:
        path = write_report(args.folder, args.out, figures=not args.no_figures, title=args.title, force=args.force)
    except (DataError, Error, OSError) as e:  # OSError: a folder that cannot be created or written
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0
