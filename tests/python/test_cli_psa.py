"""`revolve psa`, end to end: its files and columns, both kinds of interval, reproducible files, bad input."""
import json
import signal
import subprocess
import time

import pandas as pd

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
SMALL_HF = ROOT / "tests/scenarios/small_housing_first.yaml"


def psa(revolve_cli, out, *args):
    return run_cli(revolve_cli, "psa", SMALL, SMALL_HF, "--draws", "6", "--point-runs", "3", "--out", out, *args)


def test_psa_writes_a_comparison_with_both_intervals_draws_and_cost_effectiveness(revolve_cli, tmp_path):
    out = tmp_path / "psa"
    result = psa(revolve_cli, out)
    assert "chance only" in result.stdout and "chance and parameters" in result.stdout and "wrote" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [".revolve-output", "ceac.csv", "comparison.csv", "cost_effectiveness.csv",
                                                    "draws.csv", "manifest.json", "small_baseline",
                                                    "small_housing_first"]
    comparison = pd.read_csv(out / "comparison.csv", keep_default_na=False)
    assert list(comparison.columns[-7:]) == ["psa_mean", "psa_low", "psa_high", "psa_verdict", "psa_diff_mean",
                                             "psa_diff_low", "psa_diff_high"]
    base = comparison[(comparison.scenario == "Small baseline") & (comparison.measure == "people.alive") &
                      (comparison.group == "") & (comparison.period == "total")].iloc[0]
    # The cohort's size is itself uncertain (5,000 to 6,500 people): chance alone hardly moves it.
    assert float(base["psa_high"]) - float(base["psa_low"]) > 3 * (float(base["high"]) - float(base["low"]))
    draws = pd.read_csv(out / "draws.csv")
    assert list(draws["draw"]) == list(range(6)) and draws.shape[1] > 150
    assert draws["cohort.size"].between(5000, 6500).all()
    ce = pd.read_csv(out / "cost_effectiveness.csv")
    assert list(ce["scenario"]) == ["Small Housing First"]
    assert abs(ce.filter(like="p_").sum(axis=1).iloc[0] - 1) < 1e-12
    ceac = pd.read_csv(out / "ceac.csv")
    assert set(ceac["scenario"]) == {"Small baseline", "Small Housing First"}
    assert (ceac.groupby("wtp")["p_best"].sum().round(12) == 1).all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["runs"] == 3
    assert manifest["psa"]["held"]["Small Housing First"] == ["housing_first.added_places"]
    assert manifest["psa"]["design"] == "lhs" and manifest["psa"]["draws"] == 6


def test_same_seed_and_design_give_identical_files_on_any_thread_count(revolve_cli, tmp_path):
    for name, threads in (("a", "1"), ("b", "2")):
        psa(revolve_cli, tmp_path / name, "--threads", threads, "--design", "sobol", "--seed", "4")
    for f in ["comparison.csv", "draws.csv", "cost_effectiveness.csv", "ceac.csv", "small_baseline/summary.csv"]:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_entry_cohorts_matched_or_not_and_the_note_when_they_cannot_be(revolve_cli, tmp_path):
    held = tmp_path / "held.yaml"  # its own arrivals: other people than the baseline's in every draw
    held.write_text(f"scenario: Held\nextends: {SMALL}\nparameters:\n  flows.arrivals: 520\n"
                    "interventions:\n  mtam: on\n")
    result = run_cli(revolve_cli, "psa", SMALL, SMALL_HF, held, "--draws", "2", "--point-runs", "2",
                     "--out", tmp_path / "psa")
    assert result.stderr.count("note: ") == 1 and "Held and Small baseline do not have the same people" in result.stderr
    entry = json.loads((tmp_path / "psa" / "manifest.json").read_text())["psa"]["entry_cohorts"]
    assert entry["Small Housing First"] == {"compared_with": "same_people", "note": ""}
    assert entry["Held"]["compared_with"] == "baseline_own"
    result = run_cli(revolve_cli, "psa", SMALL, SMALL_HF, "--draws", "2", "--point-runs", "2", "--unmatched-cohorts",
                     "--out", tmp_path / "unmatched")
    assert "note: " not in result.stderr
    entry = json.loads((tmp_path / "unmatched" / "manifest.json").read_text())["psa"]["entry_cohorts"]
    assert entry["Small Housing First"]["compared_with"] == "baseline_own"


def test_bad_options_stop_before_running_and_write_nothing(revolve_cli, tmp_path):
    out = tmp_path / "out"
    checks = [
        (["--design", "random"], "--design: random not in {lhs,sobol}"),
        (["--cost", "cost.everything"], "the model has no measure 'cost.everything'"),
        (["--outcome", "people.rough_sleeping"], "'people.rough_sleeping' is neither better higher nor lower"),
    ]
    for args, message in checks:
        result = run_cli(revolve_cli, "psa", SMALL, SMALL_HF, "--draws", "2", "--out", out, *args, check=False)
        assert result.returncode != 0 and message in result.stderr, result.stderr
        assert not out.exists()
    result = run_cli(revolve_cli, "psa", SMALL, "--out", out, check=False)
    assert result.returncode != 0 and "--draws is required" in result.stderr


def test_help_names_the_options(revolve_cli):
    text = run_cli(revolve_cli, "psa", "--help").stdout
    for option in ["--draws", "--runs", "--point-runs", "--seed", "--design", "--cost", "--outcome", "--wtp-max",
                   "--threads", "--out", "--unmatched-cohorts", "docs/uncertainty.md"]:
        assert option in text


def test_ctrl_c_stops_a_psa_and_writes_nothing(revolve_cli, tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([str(revolve_cli), "psa", str(SMALL), str(SMALL_HF), "--draws", "2000", "--out",
                                str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 1 and "interrupted (Ctrl-C" in stderr
    assert not out.exists() and not any(p.name.startswith("out.partial") for p in tmp_path.iterdir())
