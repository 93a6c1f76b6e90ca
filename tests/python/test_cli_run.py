"""`revolve run` and `revolve compare`, end to end: files, columns, atomic output, Ctrl-C, bad input."""
import json
import signal
import subprocess
import time

import pandas as pd
import pytest

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"


def test_run_writes_results_summary_and_manifest(revolve_cli, tmp_path):
    out = tmp_path / "baseline"
    result = run_cli(revolve_cli, "run", SMALL, "--out", out)
    assert "person_weeks.rough_sleeping" in result.stdout and "wrote" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [".revolve-output", "lives.csv", "manifest.json", "results.csv", "summary.csv"]
    results = pd.read_csv(out / "results.csv")
    assert list(results.columns) == ["scenario", "step", "time", "measure", "unit", "mean", "sd",
                                     "p05", "p25", "p50", "p75", "p95"]
    assert results["step"].max() == 104  # two years of weeks
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False)
    assert {"year 1", "year 2", "total"} <= set(summary["period"])
    assert {"", "young_mec_justice", "women_domestic_abuse", "chronic_homeless", "wider"} <= set(summary["group"])
    rough = summary[(summary.measure == "person_weeks.rough_sleeping") & (summary.group == "") &
                    (summary.period == "total")].iloc[0]
    assert rough["low"] <= rough["mean"] <= rough["high"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["runs"] == 3 and manifest["seed"] == 1
    scenario = manifest["scenarios"][0]
    assert scenario["label"] == "Small baseline" and len(scenario["extends"]) == 2 and scenario["hash"]


def test_compare_pairs_runs_and_writes_differences(revolve_cli, tmp_path):
    out = tmp_path / "cmp"
    run_cli(revolve_cli, "compare", SMALL, SMALL_HF, "--runs", "4", "--out", out)
    assert (out / "small_baseline" / "summary.csv").exists() and (out / "small_housing_first").is_dir()
    comparison = pd.read_csv(out / "comparison.csv", keep_default_na=False)
    base = comparison[comparison.scenario == "Small baseline"]
    assert (base["diff_mean"].astype(float) == 0).all()
    hf = comparison[(comparison.scenario == "Small Housing First") & (comparison.group == "") &
                    (comparison.period == "total")].set_index("measure")
    assert float(hf.loc["events.housing_first_start", "diff_mean"]) > 0
    assert "net_cost_per.person_weeks.rough_sleeping" in hf.index
    assert json.loads((out / "manifest.json").read_text())["runs"] == 4


def test_same_seed_gives_identical_files(revolve_cli, tmp_path):
    for name in ["a", "b"]:
        run_cli(revolve_cli, "run", SMALL, "--out", tmp_path / name, "--threads", "1" if name == "a" else "2")
    for f in ["results.csv", "summary.csv"]:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_bad_scenario_stops_before_running_and_writes_nothing(revolve_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {SMALL}\ninterventions:\n  navigtors: {{start: 1}}\n")
    result = run_cli(revolve_cli, "run", bad, "--out", tmp_path / "out", check=False)
    assert result.returncode == 1
    assert "bad.yaml:3: unknown intervention 'navigtors' (did you mean 'navigators'?)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_stops_cleanly_and_keeps_earlier_results(revolve_cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".revolve-output").write_text("an earlier run's folder, which revolve may replace")
    (out / "earlier.txt").write_text("an earlier complete result")
    process = subprocess.Popen([str(revolve_cli), "run", str(SMALL), "--runs", "400", "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "interrupted (Ctrl-C" in stderr
    assert sorted(p.name for p in out.iterdir()) == [".revolve-output", "earlier.txt"]
    assert not any(p.name.startswith("out.partial") for p in tmp_path.iterdir())


@pytest.mark.parametrize("command", ["run", "compare"])
def test_scenario_commands_have_help(revolve_cli, command):
    result = run_cli(revolve_cli, command, "--help")
    assert "--out" in result.stdout and "--runs" in result.stdout and "--seed" in result.stdout


def test_compare_refuses_scenarios_with_different_horizons(revolve_cli, tmp_path):
    longer = tmp_path / "longer.yaml"
    longer.write_text(f"extends: {SMALL}\nscenario: Longer\nhorizon_years: 3\n")
    result = run_cli(revolve_cli, "compare", SMALL, longer, "--out", tmp_path / "out", check=False)
    assert result.returncode == 1
    assert "longer.yaml: horizon_years 3" in result.stderr and "a comparison needs one horizon" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option, value, message", [
    ("--runs", "0", "--runs: '0' is not a whole number from 1 to 100000"),
    ("--runs", "abc", "--runs: 'abc' is not a whole number from 1 to 100000"),
    ("--runs", "2.5", "--runs: '2.5' is not a whole number from 1 to 100000"),
    ("--runs", "99999999999999999999", "--runs: '99999999999999999999' is not a whole number from 1 to 100000"),
    ("--threads", "-1", "--threads: '-1' is not a whole number of 1 or more"),
    ("--seed", "-3", "--seed: '-3' is not a whole number of 0 or more"),
])
def test_counts_that_are_not_whole_numbers_are_refused_with_what_is_wanted(revolve_cli, tmp_path, option, value,
                                                                           message):
    result = subprocess.run([str(revolve_cli), "run", str(SMALL), option, value, "--out", str(tmp_path / "x")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "x").exists()


def test_compare_sets_entry_cohorts_against_the_same_people_or_says_why_not(revolve_cli, tmp_path):
    out = tmp_path / "cmp"
    result = run_cli(revolve_cli, "compare", SMALL, SMALL_HF, "--runs", "3", "--out", out)
    assert "note:" not in result.stderr
    entry = json.loads((out / "manifest.json").read_text())["scenarios"][1]["entry_cohorts"]
    assert entry["compared_with"] == "same_people"
    more = tmp_path / "more.yaml"
    more.write_text(f"scenario: More arrivals\nextends: {SMALL}\nparameters:\n  flows.arrivals: 700\n")
    result = run_cli(revolve_cli, "compare", SMALL, more, "--runs", "2", "--out", tmp_path / "more_out")
    assert "note: More arrivals and Small baseline do not have the same people (arrivals)" in result.stderr
    assert "compared with the baseline's own entrants" in result.stderr
    entry = json.loads((tmp_path / "more_out" / "manifest.json").read_text())["scenarios"][1]["entry_cohorts"]
    assert entry["compared_with"] == "baseline_own" and "arrivals" in entry["note"]
    unmatched = tmp_path / "unmatched"
    result = run_cli(revolve_cli, "compare", SMALL, SMALL_HF, "--runs", "2", "--unmatched-cohorts", "--out", unmatched)
    assert "note:" not in result.stderr
    entry = json.loads((unmatched / "manifest.json").read_text())["scenarios"][1]["entry_cohorts"]
    assert entry == {"compared_with": "baseline_own", "note": "matching entry cohorts by person was not asked for"}
