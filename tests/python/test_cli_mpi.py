"""`revolve psa` and `revolve sensitivity` under `mpirun -n K`: the same files for K = 1 and K = 3, one error message
from every process, nothing written on a refusal. Skipped, with the reason, without mpirun or an MPI build."""
import json
import shutil
import subprocess

import pytest

from test_cli_sensitivity import MPI_ENV, SMALL, SMALL_HF, sensitivity

VOLATILE = {"command", "created", "processes", "seconds", "threads", "code_version"}


@pytest.fixture(scope="module")
def mpirun(revolve_cli, tmp_path_factory):
    if shutil.which("mpirun") is None:
        pytest.skip("mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev)")
    out = tmp_path_factory.mktemp("probe") / "out"
    probe = sensitivity(revolve_cli, out, "--samples", "2", processes=2, check=False)
    if probe.returncode != 0 or json.loads((out / "manifest.json").read_text())["processes"] != 2:
        pytest.skip("this revolve was built without MPI (REVOLVE_WITH_MPI off)")


def same_folders(one, three):
    """Every file byte for byte, manifests apart from what records the run itself (processes, time, command)."""
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(three) for p in three.rglob("*") if p.is_file())
    for f in files:
        if f.name == "manifest.json":
            strip = lambda path: {k: v for k, v in json.loads(path.read_text()).items() if k not in VOLATILE}  # noqa
            assert strip(one / f) == strip(three / f), f
        else:
            assert (one / f).read_bytes() == (three / f).read_bytes(), f


def test_sensitivity_on_one_and_three_processes_writes_identical_files(revolve_cli, mpirun, tmp_path):
    for k in (1, 3):
        sensitivity(revolve_cli, tmp_path / str(k), "--method", "sobol", "--samples", "5", processes=k)
    assert json.loads((tmp_path / "3" / "manifest.json").read_text())["processes"] == 3
    same_folders(tmp_path / "1", tmp_path / "3")


def test_psa_on_one_and_three_processes_writes_identical_files(revolve_cli, mpirun, tmp_path):
    # Two alternatives: Housing First, whose entrants each draw's baseline follows, and one that holds its own
    # arrivals, which it cannot follow: every process sends both kinds of result.
    held = tmp_path / "held.yaml"
    held.write_text(f"scenario: Held\nextends: {SMALL}\nparameters:\n  flows.arrivals: 520\n"
                    "interventions:\n  mtam: on\n")
    for k in (1, 3):
        args = ["mpirun", "-n", str(k), "--oversubscribe", str(revolve_cli), "psa", str(SMALL), str(SMALL_HF),
                str(held), "--draws", "7", "--point-runs", "3", "--out", str(tmp_path / str(k))]
        result = subprocess.run(args, capture_output=True, text=True, env=MPI_ENV)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("wrote ") == 1  # rank 0 alone prints
    entry = json.loads((tmp_path / "3" / "manifest.json").read_text())["psa"]["entry_cohorts"]
    assert [entry[s]["compared_with"] for s in ("Small Housing First", "Held")] == ["same_people", "baseline_own"]
    same_folders(tmp_path / "1", tmp_path / "3")


def test_an_error_on_every_process_is_reported_once(revolve_cli, mpirun, tmp_path):
    result = sensitivity(revolve_cli, tmp_path / "x", "--params", "justice.arest_rate", processes=3, check=False)
    assert result.returncode != 0 and result.stderr.count("error: unknown parameter 'justice.arest_rate'") == 1
    assert not (tmp_path / "x").exists()


def test_a_folder_revolve_did_not_write_is_refused_before_any_run_on_every_process(revolve_cli, mpirun, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("not revolve's")
    result = sensitivity(revolve_cli, out, "--samples", "2", processes=3, check=False)
    assert result.returncode != 0 and result.stderr.count("error: ") == 1 and "--force" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    sensitivity(revolve_cli, out, "--samples", "2", "--force", processes=3)
    assert (out / "sensitivity.csv").is_file()


def test_calibrate_under_mpirun_is_refused_once_with_nothing_written(revolve_cli, mpirun, tmp_path):
    args = ["mpirun", "-n", "2", "--oversubscribe", str(revolve_cli), "calibrate", str(SMALL), "--params",
            "justice.arrest_rate", "--out", str(tmp_path / "fit")]
    result = subprocess.run(args, capture_output=True, text=True, env=MPI_ENV)
    assert result.returncode != 0 and result.stderr.count("error: revolve calibrate runs in one process (2") == 1
    assert not (tmp_path / "fit").exists()


@pytest.mark.parametrize("command", ["run", "compare"])
def test_run_and_compare_under_mpirun_are_refused_once_with_nothing_written(revolve_cli, mpirun, tmp_path, command):
    """Their runs are not shared among processes: each process would run them all and write the same folder."""
    scenarios = [str(SMALL)] if command == "run" else [str(SMALL), str(SMALL_HF)]
    args = ["mpirun", "-n", "2", "--oversubscribe", str(revolve_cli), command, *scenarios, "--runs", "2",
            "--out", str(tmp_path / "x")]
    result = subprocess.run(args, capture_output=True, text=True, env=MPI_ENV)
    assert result.returncode != 0
    assert result.stderr.count(f"error: revolve {command} runs in one process (2 were started by mpirun)") == 1
    assert not (tmp_path / "x").exists()
