"""What `revolve run`, `compare` and `psa` print: tables a commissioner can read, checked against saved snapshots.

Each snapshot is the whole printed summary of a small deterministic run (the "wrote ..." line, which has the time,
is left out), so any change of format fails here. After a deliberate change of format, or of the model's numbers,
write the snapshots again and read the difference before committing:

    REVOLVE_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/python/test_cli_summary.py
"""
import os
import pathlib

import pytest

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"
SNAPSHOTS = pathlib.Path(__file__).parent / "snapshots"


def printed(result) -> str:
    """The summary on stdout without its last line ("wrote DIR (... s)"), then the warnings on stderr."""
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("wrote "), result.stdout
    return "\n".join(lines[:-1]) + "\n--- stderr ---\n" + result.stderr


def check(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("REVOLVE_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: write it with REVOLVE_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"the printed summary differs from {path}"


@pytest.mark.parametrize("threads", ["1", "2"])
def test_compare_prints_the_snapshot_table_on_any_number_of_threads(revolve_cli, tmp_path, threads):
    result = run_cli(revolve_cli, "compare", SMALL, SMALL_HF, "--runs", "4", "--seed", "1", "--threads", threads,
                     "--out", tmp_path / "out")
    check("compare_small", printed(result))


def test_run_prints_the_snapshot_table(revolve_cli, tmp_path):
    check("run_small", printed(run_cli(revolve_cli, "run", SMALL, "--runs", "4", "--out", tmp_path / "out")))


def test_psa_prints_the_snapshot_table(revolve_cli, tmp_path):
    result = run_cli(revolve_cli, "psa", SMALL, SMALL_HF, "--draws", "6", "--point-runs", "3", "--out", tmp_path / "out")
    check("psa_small", printed(result))


def test_the_compare_table_has_headers_units_intervals_marks_and_who_pays(revolve_cli, tmp_path):
    text = printed(run_cli(revolve_cli, "compare", SMALL, SMALL_HF, "--runs", "4", "--out", tmp_path / "out"))
    header = next(line for line in text.splitlines() if line.strip().startswith("outcome"))
    assert header.split() == ["outcome", "unit", "baseline", "change", "90%", "interval", "change", "%"]
    rough = next(line for line in text.splitlines() if line.strip().startswith("person_weeks.rough_sleeping"))
    assert "person-weeks" in rough and " to " in rough and rough.rstrip().endswith(("~", "better", "worse"))
    assert "who pays and who saves" in text and "all payers: net cost" in text and "£" in text
    assert "value for money" in text and "-£" not in text.split("value for money")[1]  # never a negative ratio
    assert "warning: the 90% intervals rest on 4 runs" in text and "--runs 200" in text


def test_enough_runs_print_no_warning(revolve_cli, tmp_path):
    result = run_cli(revolve_cli, "run", SMALL, "--runs", "200", "--out", tmp_path / "out")
    assert result.stderr == ""
