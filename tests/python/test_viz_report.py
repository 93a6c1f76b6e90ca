"""revolve report: one self-contained file, the assumptions with their sources, the limitations."""
import html
import re
import subprocess

import revolve

from viz.data import Comparison
from viz_support import BUILD, small_comparison, small_report


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
    assert "Priority groups are exclusive" in limits  # from docs/model/design.md section 13
    assert limits.count("<li>") >= 8


def test_report_errors_name_the_missing_file(tmp_path):
    folder = tmp_path / "cmp"
    folder.mkdir()
    result = subprocess.run([str(BUILD / "revolve"), "report", str(folder)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{folder / 'manifest.json'}: no such file" in result.stderr
