"""The report's section for evaluators (``#evaluation``): the measures published evaluations report, as tables.

It reads only ``comparison.csv`` rows, so a comparison written before a measure existed simply leaves its table out:
- quarters: the change from the baseline in each quarter of the first two years (the early months of a new service);
- entry cohorts: the people who joined the Housing First list, MTAM or a navigator, and their weeks sleeping rough,
  housed and in prison and their A&E attendances in the 52 weeks from then, per person;
- reoffending by housing at release: of the releases followed up for 52 weeks, the share back in court (a new
  custodial or community sentence) or recalled within those weeks, by where the person lived in the week of release;
- housed all of the time: people housed (settled, supported or Housing First; not homeless, not in prison) in every
  one of the last 26 weeks of year 2 (the window of Housing First trials' "stably housed").

Example:
    >>> from viz.data import Comparison
    >>> from viz.evaluation import section
    >>> section(Comparison.load("out/bristol")).startswith('<section id="evaluation">')  # doctest: +SKIP
    True
"""
from __future__ import annotations

import html
import math

import pandas as pd

from . import labels, numbers
from .data import Comparison

QUARTERS_SHOWN = 8  # the first two years
HOUSING_AT_RELEASE = {"rough_sleeping": "Sleeping rough", "temporary": "Hostel or temporary accommodation",
                      "settled": "Settled home", "supported": "Supported housing", "housing_first": "Housing First"}


def nav(data: Comparison) -> str:
    """The contents link to the section, when it has anything to show."""
    return '<a href="#evaluation">For evaluators</a>' if _parts(data) else ""


def section(data: Comparison) -> str:
    """The section's HTML ("" when the comparison holds none of its measures)."""
    parts = _parts(data)
    if not parts:
        return ""
    return ('<section id="evaluation">\n  <h2>For evaluators: the measures published evaluations report</h2>\n'
            + "\n".join(parts) + "\n</section>")


def _parts(data: Comparison) -> list[str]:
    return [part for part in (_quarters(data), _entry_cohorts(data), _reoffending(data), _housed_all(data)) if part]


def _fmt(x: float, signed: bool = False) -> str:
    """A count written as the rest of the report writes numbers (viz/numbers.py): 1,650 not 1.65e+03."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return numbers.text(x, "count", signed)


def _change(row: pd.Series) -> str:
    return f"{_fmt(row['diff_mean'], True)} <small>({_fmt(row['diff_low'], True)} to {_fmt(row['diff_high'], True)})</small>"


def _quarters(data: Comparison) -> str:
    """Change in the first outcome in each of the first eight quarters, with its 90% range."""
    table = data.table
    quarters = [p for p in dict.fromkeys(table["period"]) if p.startswith("quarter ")][:QUARTERS_SHOWN]
    outcomes = data.outcomes()
    if not quarters or not outcomes:
        return ""
    measure = outcomes[0]
    by = table[(table["measure"] == measure) & (table["group"] == "")].set_index(["scenario", "period"])
    head = "".join(f"<th>{html.escape(q.capitalize())}</th>" for q in quarters)
    rows = []
    for s in data.alternatives:
        cells = "".join(f"<td>{_change(by.loc[(s, q)])}</td>" if (s, q) in by.index else "<td>–</td>" for q in quarters)
        rows.append(f"<tr><th>{html.escape(s)}</th>{cells}</tr>")
    return (f"  <h3>Quarter by quarter: {html.escape(labels.measure(measure))}</h3>\n"
            f"  <p>Change from the baseline in each 13-week quarter of the first two years (mean, and 90% of runs). "
            f"<code>summary.csv</code> and <code>comparison.csv</code> hold every quarter of every whole-cohort "
            f"measure, after the yearly rows.</p>\n"
            f'  <div class="table-wrap"><table><thead><tr><th>Option</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _total(data: Comparison, measure: str, period: str = "total") -> pd.DataFrame:
    """Whole-cohort rows of `measure` in `period`, by scenario (empty if absent)."""
    return data.rows(measure, period).set_index("scenario")


def _percent(numerator: float, denominator: float) -> str:
    return "–" if not denominator else f"{100 * numerator / denominator:.0f}%"


def _reoffending(data: Comparison) -> str:
    """Share of releases back in court or recalled within 52 weeks, by housing at release, in every scenario."""
    found = [h for h in HOUSING_AT_RELEASE if not _total(data, f"releases_followed_52w.{h}").empty]
    if not found:
        return ""
    head = "".join(f"<th>{html.escape(s)}</th>" for s in data.scenarios)
    rows = []
    for h in found:
        followed, returned = _total(data, f"releases_followed_52w.{h}"), _total(data, f"releases_returned_52w.{h}")
        cells = "".join(f"<td>{_percent(returned.loc[s, 'mean'], followed.loc[s, 'mean'])} "
                        f"<small>of {_fmt(followed.loc[s, 'mean'])}</small></td>" for s in data.scenarios)
        rows.append(f"<tr><th>{html.escape(HOUSING_AT_RELEASE[h])}</th>{cells}</tr>")
    return ("  <h3>Back in court or recalled within a year of release, by housing at release</h3>\n"
            "  <p>Of the releases from prison followed for 52 weeks over the whole period (mean over runs), the share "
            "in which the person was sentenced again (custody or a community order) or recalled within those weeks, "
            "by where they lived in the week of release. Arrests that lead to no sentence are not counted. The groups "
            "differ in who is in them, so a gap between rows is not the effect of housing.</p>\n"
            f'  <div class="table-wrap"><table><thead><tr><th>Housing at release</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _housed_all(data: Comparison) -> str:
    """People housed in every one of the last 26 weeks of year 2 (or year 1 for a shorter run)."""
    year = "year 2" if not _total(data, "year_end.present_last_26_weeks", "year 2").empty else "year 1"
    present = _total(data, "year_end.present_last_26_weeks", year)
    housed = _total(data, "year_end.housed_all_last_26_weeks", year)
    if present.empty or housed.empty:
        return ""
    rows = [f"<tr><th>{html.escape(s)}</th><td>{_percent(housed.loc[s, 'mean'], present.loc[s, 'mean'])}</td>"
            f"<td>{_fmt(housed.loc[s, 'mean'])}</td>"
            f"<td>{'' if s == data.baseline else _change(housed.loc[s])}</td></tr>" for s in data.scenarios]
    weeks = "79 to 104" if year == "year 2" else "27 to 52"
    return (f"  <h3>Housed all of the time: every week of the last six months of {year}</h3>\n"
            f"  <p>Of the people in the cohort throughout weeks {weeks}, the share housed (settled, supported or "
            "Housing First; not homeless, not in prison) in every one of those weeks, as Housing First trials report "
            "\"stably housed\"; then the number of people, and its change from the baseline (mean, and 90% of runs).</p>\n"
            '  <div class="table-wrap"><table><thead><tr><th>Option</th><th>Share</th><th>People</th>'
            f"<th>Change in people</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


ENTRY_COHORTS = {"housing_first": "On the Housing First list or in a tenancy", "mtam": "With an MTAM worker",
                 "navigator": "With a navigator"}
ENTRY_OUTCOMES = {"weeks_rough_sleeping": "Weeks sleeping rough", "weeks_housed": "Weeks housed",
                  "weeks_in_prison": "Weeks in prison", "ae_attendances": "A&E attendances"}


_MATCHED = ("Under each option, the same people (the same ids, with the same random numbers) followed in the baseline "
            "from the same weeks, and the change for them per person with its 90% range over runs (the range of the "
            "total change, over the mean number of people): what the option changed for the people it took on.")


def _unmatched(data: Comparison) -> str:
    """Why no option's entrants were matched by person, from the manifest's note (e.g. not asked for)."""
    notes = [s.get("entry_cohorts", {}).get("note", "") for s in data.manifest.get("scenarios", [])[1:]]
    why = next((n for n in notes if n), "")
    return "Each option's own entrants, not matched person by person" + (f" ({html.escape(why)})." if why else ".")


def _same_people(data: Comparison, index: int) -> bool:
    """Whether scenario `index`'s entry cohorts were set against the same people followed in the baseline."""
    scenarios = data.manifest.get("scenarios", [])
    return index < len(scenarios) and scenarios[index].get("entry_cohorts", {}).get("compared_with") == "same_people"


def _per_person(change: float, people: float) -> str:
    """A change in weeks per person, to a hundredth of a week (about 2 hours): '−0.12'."""
    return _fmt(round(change / people, 2), True)


def _entry_rows(data: Comparison, cohort: str, label: str) -> tuple[list[str], bool]:
    """One cohort's rows: each scenario with people in it, its weeks per person in each state and, under an
    alternative matched by person, the same people's weeks in the baseline (its mean less the paired difference)
    and the change per person with its 90% range (the total change's, over the mean people)."""
    people = _total(data, f"entry_cohort_52w.{cohort}.people")
    rows, matched = [], False
    if people.empty:
        return rows, matched
    for index, s in enumerate(data.scenarios):
        n = people.loc[s, "mean"]
        if not n:
            continue
        outcomes = [_total(data, f"entry_cohort_52w.{cohort}.{o}").loc[s] for o in ENTRY_OUTCOMES]
        cells = "".join(f"<td>{_fmt(o['mean'] / n)}</td>" for o in outcomes)
        rows.append(f"<tr><th>{html.escape(label)}</th><td>{html.escape(s)}</td><td>{_fmt(n)}</td>{cells}</tr>")
        if not (index and _same_people(data, index)):
            continue
        matched = True
        same = "".join(f"<td>{_fmt((o['mean'] - o['diff_mean']) / n)}</td>" for o in outcomes)
        rows.append(f"<tr class=\"matched\"><th></th><td>the same people in {html.escape(data.scenarios[0])}</td>"
                    f"<td>{_fmt(n)}</td>{same}</tr>")
        change = "".join(f"<td>{_per_person(o['diff_mean'], n)} <small>({_per_person(o['diff_low'], n)} to "
                         f"{_per_person(o['diff_high'], n)})</small></td>" for o in outcomes)
        rows.append(f"<tr class=\"matched\"><th></th><td>change for them</td><td></td>{change}</tr>")
    return rows, matched


def _entry_cohorts(data: Comparison) -> str:
    """Per cohort and scenario: people, and weeks per person in each state in the 52 weeks from entry (_entry_rows)."""
    rows, matched = [], False
    for cohort, label in ENTRY_COHORTS.items():
        more, matched_here = _entry_rows(data, cohort, label)
        rows += more
        matched = matched or matched_here
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(w)}</th>" for w in ENTRY_OUTCOMES.values())
    return ("  <h3>Entry cohorts: the year after joining a service</h3>\n"
            "  <p>The people who joined each service over the whole period (mean over runs), and their weeks in each "
            "state and their A&E attendances in the 52 weeks from the week they joined, per person, counted whether "
            "or not they stayed in the cohort (intention to treat: weeks after a death or a move away count in no "
            "state, weeks after a sustained positive exit as housed). "
            f"{_MATCHED if matched else _unmatched(data)}</p>\n"
            '  <div class="table-wrap"><table><thead><tr><th>Cohort</th><th>Option</th><th>People</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
