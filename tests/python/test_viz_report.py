"""revolve report: one self-contained file, the assumptions with their sources, the limitations."""
import html
import re
import subprocess

import revolve

from viz.data import Comparison
from viz_support import BUILD, small_comparison, small_psa, small_psa_report, small_report


def test_report_is_written_with_its_figures():
    report = small_report()
    figures = report.parent / "figures"
    assert report.stat().st_size > 100_000
    assert sorted(p.suffix for p in figures.iterdir()).count(".png") >= 8
    assert len(list(figures.glob("*.png"))) == len(list(figures.glob("*.svg")))


def test_report_needs_nothing_outside_the_file():
    page = small_report().read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page, flags=re.I)
    assert not re.search(r"<link\b", page, flags=re.I)
    assert "default-src 'none'" in page  # the page's content security policy forbids any fetch


def test_assumptions_table_has_a_source_for_every_sourced_parameter():
    page = small_report().read_text(encoding="utf-8")
    table = revolve.parameters(Comparison.load(small_comparison()).parameters_file())
    rows = dict(re.findall(r'<tr data-param="([^"]+)" data-status="[^"]*">(.*?)</tr>', page, flags=re.S))
    assert set(rows) == set(table.index)
    sourced = table[table["status"] == "sourced"]
    assert len(sourced) > 0
    for name, p in table.iterrows():
        source = re.search(r'<td class="source">(.*?)</td>', rows[name], flags=re.S).group(1)
        if p["status"] == "sourced" or p["source"]:
            assert html.escape(p["source"]) in source, f"{name}: source missing"
        assert f'class="status {p["status"]}"' in rows[name], name


def test_limitations_say_learning_aid_and_list_the_model_simplifications():
    page = small_report().read_text(encoding="utf-8")
    limits = re.search(r'<section id="limits">(.*?)</section>', page, flags=re.S).group(1)
    assert "never a forecast" in limits
    assert "Priority groups are exclusive" in limits  # from models/revolving_door/limitations.yaml, via the manifest
    assert limits.count("<li>") >= 8


def test_report_errors_name_the_missing_file(tmp_path):
    folder = tmp_path / "cmp"
    folder.mkdir()
    result = subprocess.run([str(BUILD / "revolve"), "report", str(folder)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{folder / 'manifest.json'}: no such file" in result.stderr


def section(page, name):
    found = re.search(rf'<section id="{name}">(.*?)</section>', page, flags=re.S)
    return found.group(1) if found else None


def test_a_plain_comparison_has_no_uncertainty_section_and_says_its_ranges_are_too_narrow():
    page = small_report().read_text(encoding="utf-8")
    assert section(page, "uncertainty") is None and 'href="#uncertainty"' not in page
    assert "The ranges are too narrow." in section(page, "limits")


def test_a_psa_report_shows_both_kinds_of_range_and_says_what_the_widening_means():
    page = small_psa_report().read_text(encoding="utf-8")
    psa = section(page, "uncertainty")
    assert psa and 'href="#uncertainty"' in page
    assert 'id="chart-psa-ranges"' in psa and 'id="chart-ceac"' in psa
    widening = re.search(r"What the widening means.</strong> (.*?)</p>", psa, flags=re.S).group(1)
    assert re.search(r"ranges of the changes are \d+\.\d times as wide as with chance alone", widening)
    assert "we do not know the size of the effect" in widening
    assert psa.count("<tr><th scope=\"row\">") == 2  # a quadrant row for each alternative
    outcomes = section(page, "outcomes")
    assert outcomes.count("chance only, 90%") == outcomes.count("chance and parameters") > 0
    assert "Even the wider ranges leave things out." in section(page, "limits")
    assert "Parameter draws" in section(page, "reproduce")


def test_the_widening_words_follow_the_numbers():
    from viz import uncertainty
    data = Comparison.load(small_psa())
    measure, scenario = "person_weeks.rough_sleeping", data.alternatives[-1]
    row = data.rows(measure).set_index("scenario").loc[scenario]
    expected = (row["psa_diff_high"] - row["psa_diff_low"]) / (row["diff_high"] - row["diff_low"])
    assert uncertainty.widening(data, measure, scenario) == expected
    assert data.uncertainty.settings["draws"] == 8
    assert list(data.uncertainty.ceac.columns) == ["wtp", "wtp_unit", "scenario", "p_beats_baseline", "p_best"]



def payload(page):
    import json
    return json.loads(re.search(r'<script id="report-data" type="application/json">(.*?)</script>', page, flags=re.S)
                      .group(1).replace("<\\/", "</"))


def test_every_chart_has_a_finding_as_its_title_and_a_download_of_its_numbers():
    page = small_report().read_text(encoding="utf-8")
    data = Comparison.load(small_comparison())
    board = payload(page)["board"]
    assert board["highlight"] in data.alternatives
    for option, titles in board["titles"].items():
        assert titles["outcomes"].startswith(f"{option} is better on")
        assert all(t.startswith((option, f"In year")) for t in titles["yearly"].values())
    for chart in ("outcomes", "series", "yearly", "groups", "payers"):
        assert f'id="title-{chart}"' in page and f'data-download="{chart}"' in page
    assert '<script id="number-format" type="application/json">' in page


def test_the_outcomes_table_headlines_s136_ambulance_and_admissions():
    table = re.search(r'<table class="outcomes">(.*?)</table>', small_report().read_text(encoding="utf-8"),
                      flags=re.S).group(1)
    for words in ("Section 136 detentions", "Ambulance call-outs", "Emergency hospital admissions",
                  "Mental-health hospital admissions"):
        assert words in table
    assert table.count('data-label="') >= 2 * 17  # every cell names its option, for the phone layout


def test_example_lives_are_in_the_report_beside_the_aggregates():
    page = small_report().read_text(encoding="utf-8")
    assert section(page, "lives") and 'href="#lives"' in page
    lives = payload(page)["lives"]
    data = Comparison.load(small_comparison())
    assert set(lives["lives"]) == set(data.scenarios)
    people = [p for p, _ in lives["people"]]
    assert 1 <= len(people) <= 4 and people[0] == "A"
    for scenario in data.scenarios:
        for person in people:
            for column, episodes in lives["lives"][scenario][person].items():
                assert episodes[0][1] == 1 and episodes[-1][2] == lives["steps"]  # every week, start to end
                assert all(a[2] + 1 == b[1] for a, b in zip(episodes, episodes[1:]))
    # The people start homeless, in a priority group, and are the same people in every option.
    assert all("at the start" in about and "in the group" in about for _, about in lives["people"])
    first = {s: lives["lives"][s]["A"]["housing"][0] for s in data.scenarios}
    assert len({e[0] for e in first.values()}) == 1
