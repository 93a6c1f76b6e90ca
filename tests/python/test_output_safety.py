"""Nothing lost: every output path replaces only what revolve wrote, refuses anything else with one clear line, and
leaves nothing half-written behind (docs/reliability.md). Each case is one a tester found losing files."""
import os
import signal
import subprocess
import time

import pytest

import revolve
from conftest import ROOT, run_cli
from viz_support import small_comparison

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
TEACUP = ROOT / "models/examples/teacup.yaml"
MARKER = ".revolve-output"


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def thesis_folder(tmp_path):
    """A folder of someone's files, which no revolve command may remove."""
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work")
    return folder


def one_error_line(result):
    """The command failed with exactly one line on stderr, no traceback; returns that line."""
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


WRITERS = {
    "run": lambda out, *extra: ["run", SMALL, "--runs", "1", "--out", out, *extra],
    "compare": lambda out, *extra: ["compare", SMALL, ROOT / "tests/scenarios/small_housing_first.yaml", "--runs", "1",
                                    "--out", out, *extra],
    "sd run": lambda out, *extra: ["sd", "run", TEACUP, "--out", out, *extra],
    "bench cohort": lambda out, *extra: ["bench", "cohort", "--agents", "2000", "--steps", "12", "--out", out, *extra],
}


@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_of_other_files_is_refused_and_kept(revolve_cli, tmp_path, command):
    folder = thesis_folder(tmp_path)
    line = one_error_line(run_cli(revolve_cli, *WRITERS[command](folder), check=False))
    assert f"{folder}: is a folder revolve did not write (it holds 'thesis.txt')" in line and "--force" in line
    assert names(folder) == ["thesis.txt"] and (folder / "thesis.txt").read_text() == "years of work"
    assert names(tmp_path) == ["v"], "no temporary folder is left behind"


@pytest.mark.parametrize("command", WRITERS)
def test_force_replaces_a_folder_but_never_a_file_or_fifo(revolve_cli, tmp_path, command):
    folder = thesis_folder(tmp_path)
    run_cli(revolve_cli, *WRITERS[command](folder, "--force"))
    assert MARKER in names(folder) and "thesis.txt" not in names(folder)
    file = tmp_path / "notes.txt"
    file.write_text("keep me")
    line = one_error_line(run_cli(revolve_cli, *WRITERS[command](file, "--force"), check=False))
    assert f"{file}: is a regular file, not a folder" in line and file.read_text() == "keep me"
    os.mkfifo(tmp_path / "pipe")
    line = one_error_line(run_cli(revolve_cli, *WRITERS[command](tmp_path / "pipe", "--force"), check=False))
    assert "pipe: is a FIFO (named pipe), not a folder" in line and (tmp_path / "pipe").is_fifo()


@pytest.mark.parametrize("command", WRITERS)
def test_revolve_replaces_its_own_folder_and_may_use_an_empty_one(revolve_cli, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    run_cli(revolve_cli, *WRITERS[command](out))
    (out / "stale.csv").write_text("from the first run")
    run_cli(revolve_cli, *WRITERS[command](out))
    assert MARKER in names(out) and "stale.csv" not in names(out)
    assert names(tmp_path) == ["out"]


def test_compare_refuses_labels_that_share_a_folder_naming_both_files(revolve_cli, tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(f"extends: {SMALL}\nscenario: A/B\n")
    b.write_text(f"extends: {SMALL}\nscenario: a_b\n")
    line = one_error_line(run_cli(revolve_cli, "compare", a, b, "--out", tmp_path / "out", check=False))
    assert f"{a} and {b}: the labels 'A/B' and 'a_b' both give the folder name 'a_b'" in line
    b.write_text(f"extends: {SMALL}\nscenario: A/B\n")
    line = one_error_line(run_cli(revolve_cli, "compare", a, b, "--out", tmp_path / "out", check=False))
    assert f"{a} and {b}: both scenarios are labelled 'A/B'" in line
    assert not (tmp_path / "out").exists()


def test_python_compare_refuses_labels_that_share_a_folder():
    base = revolve.Scenario.load(SMALL)
    with pytest.raises(ValueError, match=r"the labels 'A/B' and 'a_b' both give the folder name 'a_b' \(.*small_"
                                         r"baseline.yaml and .*small_baseline.yaml\)"):
        revolve.compare([base.with_changes(label="A/B"), base.with_changes(label="a_b")], runs=1)


def test_python_save_follows_the_same_rules(tmp_path):
    results = revolve.run(revolve.Scenario.load(SMALL).with_changes(horizon_years=0.2), runs=1)
    folder = thesis_folder(tmp_path)
    with pytest.raises(revolve.OutputError, match="is a folder revolve did not write .*force=True"):
        results.save(folder)
    assert names(folder) == ["thesis.txt"]
    results.save(folder, force=True)
    assert MARKER in names(folder) and "thesis.txt" not in names(folder)
    file = tmp_path / "notes.txt"
    file.write_text("keep me")
    with pytest.raises(revolve.OutputError, match="is a regular file, not a folder"):
        results.save(file, force=True)
    assert file.read_text() == "keep me"


def test_leftovers_of_a_killed_write_are_removed_by_the_next_one_but_never_a_live_ones(revolve_cli, tmp_path):
    killed = subprocess.Popen(["true"])
    killed.wait()  # its id is now no process's: as if revolve had been killed (SIGKILL) while writing
    for pid in (killed.pid, os.getpid()):  # this test's own process is alive
        partial = tmp_path / f"out.partial-{pid}-0"
        partial.mkdir()
        (partial / MARKER).write_text("")
        (partial / "results.csv").write_text("half written")
    run_cli(revolve_cli, "run", SMALL, "--runs", "1", "--out", tmp_path / "out")
    assert names(tmp_path) == ["out", f"out.partial-{os.getpid()}-0"]


def test_sigterm_stops_a_run_cleanly(revolve_cli, tmp_path):
    out = tmp_path / "out"
    process = subprocess.Popen([str(revolve_cli), "run", str(SMALL), "--runs", "400", "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 1 and "interrupted (Ctrl-C or SIGTERM)" in stderr
    assert names(tmp_path) == []


def test_report_refuses_a_folder_as_its_page_and_other_files(revolve_cli, tmp_path):
    report = [str(revolve_cli), "report", str(small_comparison()), "--no-figures"]
    folder = thesis_folder(tmp_path)
    line = one_error_line(subprocess.run(report + ["--out", str(folder)], capture_output=True, text=True))
    assert f"{folder}: is a folder; the report is one HTML file: name it, for example {folder}/report.html" in line
    assert names(folder) == ["thesis.txt"]
    thesis = folder / "thesis.txt"
    line = one_error_line(subprocess.run(report + ["--out", str(thesis)], capture_output=True, text=True))
    assert f"{thesis}: is a file revolve did not write" in line and thesis.read_text() == "years of work"
    page = tmp_path / "page.html"
    for _ in range(2):  # its own page it replaces
        assert subprocess.run(report + ["--out", str(page)], capture_output=True, text=True).returncode == 0
    assert names(tmp_path) == ["page.html", "v"]


def test_report_refuses_a_figures_folder_it_did_not_write(revolve_cli, tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "my_plot.png").write_bytes(b"mine")
    result = subprocess.run([str(revolve_cli), "report", str(small_comparison()), "--out",
                             str(tmp_path / "report.html")], capture_output=True, text=True)
    assert f"{figures}: is a folder revolve did not write (it holds 'my_plot.png')" in one_error_line(result)
    assert names(tmp_path) == ["figures"] and names(figures) == ["my_plot.png"]


def test_params_doc_replaces_only_its_own_page(revolve_cli, tmp_path):
    parameters = ROOT / "models/revolving_door/parameters.yaml"
    readme = tmp_path / "README.md"
    readme.write_text("# my notes")
    line = one_error_line(run_cli(revolve_cli, "params", "doc", parameters, "--out", readme, check=False))
    assert f"{readme}: is a file revolve did not write" in line and readme.read_text() == "# my notes"
    doc = tmp_path / "parameters.md"
    for _ in range(2):
        run_cli(revolve_cli, "params", "doc", parameters, "--out", doc)
    os.mkfifo(tmp_path / "pipe")
    line = one_error_line(run_cli(revolve_cli, "params", "doc", parameters, "--out", tmp_path / "pipe", "--force",
                                  check=False))
    assert "is a FIFO (named pipe), not a regular file" in line and (tmp_path / "pipe").is_fifo()
    assert names(tmp_path) == ["README.md", "parameters.md", "pipe"]


HOSTILE = {
    "horizon_years: 1e12": "s.yaml:2: 'horizon_years' 1e+12 is above the limit of 100 years",
    "population_scale: 1e9": "people (population_scale 1e+09), above the limit of 20000000 people per run",
    "runs: 99999999999999999999": "s.yaml:2: 'runs' must be a whole number from 1 to 100000",
    "seed: 18446744073709551616": "s.yaml:2: 'seed' must be a whole number from 0 to 18446744073709551615",
    "runs: 3\nruns: 4": "s.yaml:3: repeated key 'runs' (first at line 2)",
}


@pytest.mark.parametrize("setting", HOSTILE)
def test_hostile_scenario_settings_are_one_line_errors_and_write_nothing(revolve_cli, tmp_path, setting):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"extends: {SMALL}\n{setting}\n")
    line = one_error_line(run_cli(revolve_cli, "run", scenario, "--out", tmp_path / "out", check=False))
    assert HOSTILE[setting] in line
    assert names(tmp_path) == ["s.yaml"]


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_extends_reads_only_regular_files(revolve_cli, tmp_path, target):
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"extends: {target}\n")
    result = subprocess.run([str(revolve_cli), "run", str(scenario), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=20)
    assert "not a regular file" in one_error_line(result)


def test_a_seed_too_large_for_a_double_is_kept_exactly(revolve_cli, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"extends: {SMALL}\nseed: 9007199254740993\nhorizon_years: 0.2\n")
    result = run_cli(revolve_cli, "run", scenario, "--runs", "1", "--out", tmp_path / "out")
    assert "seed 9007199254740993" in result.stdout
    assert '"seed": 9007199254740993' in (tmp_path / "out" / "manifest.json").read_text()


def test_hostile_settings_from_python_are_clear_errors():
    base = revolve.Scenario.load(SMALL)
    with pytest.raises(revolve.ScenarioError, match="with_changes: 'horizon_years' 1e\\+12 is above the limit of 100"):
        base.with_changes(horizon_years=1e12)
    with pytest.raises(ValueError, match="runs must be a whole number from 1 to 100000, got 100000000000000000000"):
        base.with_changes(runs=10**20)
    with pytest.raises(ValueError, match="seed must be a whole number from 0 to 18446744073709551615"):
        revolve.run(base, runs=1, seed=2**64)
    with pytest.raises(revolve.ScenarioError, match="above the limit of 20000000 people per run"):
        revolve.run(base.with_changes(population_scale=1e9), runs=1)
    with pytest.raises(revolve.ScenarioError, match="/dev/zero: is a character device, not a regular file"):
        revolve.Scenario.load("/dev/zero")
