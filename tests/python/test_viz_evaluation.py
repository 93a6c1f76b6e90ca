"""The report's section for evaluators (viz/evaluation.py): quarters, reoffending by housing at release, housed all
of the time; left out, with its link, when a comparison holds none of its measures."""
import re

from viz import evaluation
from viz.data import Comparison
from viz_support import small_comparison, small_report


def section(page, name):
    found = re.search(rf'<section id="{name}">(.*?)</section>', page, flags=re.S)
    return found.group(1) if found else None


def test_the_report_has_the_evaluators_section_with_the_first_eight_quarters():
    page = small_report().read_text(encoding="utf-8")
    part = section(page, "evaluation")
    assert part is not None and 'href="#evaluation"' in page
    assert "Quarter by quarter" in part
    assert "Quarter 8" in part and "Quarter 9" not in part


def test_a_comparison_without_the_measures_has_no_section():
    data = Comparison.load(small_comparison())
    data.table = data.table[data.table["measure"].str.startswith(("people.", "cost"))
                            & ~data.table["period"].str.startswith("quarter")]
    assert evaluation.section(data) == "" and evaluation.nav(data) == ""


def test_reoffending_by_housing_at_release_and_housed_all_of_the_time_are_tables_of_every_scenario():
    page = small_report().read_text(encoding="utf-8")
    part = section(page, "evaluation")
    reoffending = part[part.index("Back in court or recalled"):part.index("Housed all of the time")]
    for housing in ("Sleeping rough", "Hostel or temporary accommodation", "Settled home"):
        assert f"<th>{housing}</th>" in reoffending
    assert re.search(r"<td>\d+% <small>of [\d,.]+</small></td>", reoffending)
    housed = part[part.index("Housed all of the time"):]
    assert "weeks 79 to 104" in housed
    assert len(re.findall(r"<tr><th>", housed)) == 1 + len(Comparison.load(small_comparison()).scenarios)  # + header


def test_entry_cohorts_give_weeks_per_person_for_each_cohort_with_people():
    part = section(small_report().read_text(encoding="utf-8"), "evaluation")
    cohorts = part[part.index("Entry cohorts"):part.index("Back in court or recalled")]
    assert "<th>On the Housing First list or in a tenancy</th>" in cohorts
    assert "<th>Weeks sleeping rough</th>" in cohorts and "<th>A&amp;E attendances</th>" in cohorts


def test_entry_cohorts_show_the_same_people_in_the_baseline_under_each_matched_option():
    data = Comparison.load(small_comparison())
    assert data.manifest["scenarios"][1]["entry_cohorts"]["compared_with"] == "same_people"
    part = evaluation._entry_cohorts(data)
    # The same people's weeks housed in the baseline: the option's mean less its paired difference, per person.
    option = data.scenarios[1]
    rows = data.table[(data.table["scenario"] == option) & (data.table["group"] == "")
                      & (data.table["period"] == "total")].set_index("measure")
    people = rows.loc["entry_cohort_52w.housing_first.people", "mean"]
    housed = rows.loc["entry_cohort_52w.housing_first.weeks_housed"]
    same = evaluation._fmt((housed["mean"] - housed["diff_mean"]) / people)
    block = part[part.index(f"<td>{option}</td>"):]
    assert re.search(rf"the same people in [^<]*</td><td>[^<]*</td><td>[^<]*</td><td>{re.escape(same)}</td>", block)
    assert f"the same people in {data.scenarios[0]}" in part and "intention to treat" in part
    assert re.search(r"<td>change for them</td><td></td><td>[+−-]?[\d.,]+ <small>\([+−-]?[\d.,]+ to [+−-]?[\d.,]+\)</small>",
                     part)
    for scenario in data.scenarios[1:]:
        del data.manifest["scenarios"][data.scenarios.index(scenario)]["entry_cohorts"]
    unmatched = evaluation._entry_cohorts(data)
    assert "the same people in" not in unmatched and "not matched person by person." in unmatched
    data.manifest["scenarios"][1]["entry_cohorts"] = {"compared_with": "baseline_own",
                                                      "note": "matching entry cohorts by person was not asked for"}
    assert "not matched person by person (matching entry cohorts by person was not asked for)." in \
        evaluation._entry_cohorts(data)
