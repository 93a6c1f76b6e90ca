"""`revolve bench cohort`, end to end: one JSON line of figures, reproducible files."""
import csv
import json

import pytest

from conftest import run_cli

SMALL = ["bench", "cohort", "--agents", "2000", "--steps", "12", "--runs", "3", "--seed", "5"]


def test_bench_cohort_prints_one_json_line_of_figures(revolve_cli):
    result = run_cli(revolve_cli, *SMALL, "--threads", "2")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert list(figures) == ["agents", "steps", "threads", "runs", "seconds", "agent_steps_per_second", "peak_rss_mb"]
    assert (figures["agents"], figures["steps"], figures["threads"], figures["runs"]) == (2000, 12, 2, 3)
    assert figures["agent_steps_per_second"] == pytest.approx(2000 * 12 * 3 / figures["seconds"], rel=1e-6)
    assert 0 < figures["peak_rss_mb"] < 150


def test_bench_cohort_files_are_identical_for_any_thread_count(revolve_cli, tmp_path):
    files = {}
    for threads in [1, 2, 8]:
        out = tmp_path / f"threads{threads}"
        run_cli(revolve_cli, *SMALL, "--threads", threads, "--out", out)
        files[threads] = [(out / name).read_bytes() for name in ["mean.csv", "exact.csv"]]
    assert files[1] == files[2] == files[8]


def test_bench_cohort_writes_mean_and_exact_tables(revolve_cli, tmp_path):
    run_cli(revolve_cli, *SMALL, "--out", tmp_path)
    with open(tmp_path / "mean.csv") as f:
        mean = list(csv.DictReader(f))
    with open(tmp_path / "exact.csv") as f:
        exact = list(csv.DictReader(f))
    assert list(mean[0]) == ["step", "output", "mean", "sd"]
    assert list(exact[0]) == ["step", "output", "expected"]
    assert len(mean) == len(exact) == 12 * 14
    assert {row["output"] for row in mean} == {row["output"] for row in exact} == {
        "housing.rough", "housing.temporary", "housing.supported", "housing.settled",
        "justice.community", "justice.custody", "justice.licence", "mh.stable", "mh.crisis", "mh.inpatient",
        "deaths", "recalls", "releases", "ae_attendances"}
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("command", [["bench"], ["bench", "cohort"]])
def test_bench_commands_have_help(revolve_cli, command):
    result = run_cli(revolve_cli, *command, "--help")
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()
