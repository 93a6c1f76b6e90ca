"""Shared fixtures: where the repository, the build and the test data (tests/data) are."""
import os
import pathlib
import subprocess

import pytest

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
