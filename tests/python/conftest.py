"""Shared fixtures: where the repository, the build and the test data (tests/data) are."""
import os
import pathlib
import signal
import subprocess

import pytest

# A shell without job control starts a background command with Ctrl-C (SIGINT) ignored, and the programs it starts
# inherit that: the tests of what Ctrl-C stops would then fail for a reason that is not the code's. Python's own
# handler puts it back for this process, and a program it starts gets the default again.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / os.environ.get("REVOLVE_BUILD_DIR", "build")  # e.g. REVOLVE_BUILD_DIR=build-params
DATA = ROOT / "tests" / "data"  # upstream files the tests read, with their licences


@pytest.fixture(scope="session")
def revolve_cli():
    """Path of the built `revolve` program; `make test` builds it first."""
    exe = BUILD / "revolve"
    assert exe.exists(), f"{exe} is missing: run `make build` first"
    return exe


@pytest.fixture(scope="session")
def data_dir():
    assert DATA.is_dir(), f"{DATA} is missing"
    return DATA


def run_cli(exe, *args, check=True):
    """Run the CLI and return the CompletedProcess (text mode)."""
    result = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"revolve {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result
