"""Shared fixtures: where the repository, the build and ../shared are."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / os.environ.get("REVOLVE_BUILD_DIR", "build")  # e.g. REVOLVE_BUILD_DIR=build-params
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def revolve_cli():
    """Path of the built `revolve` program; `make test` builds it first."""
    exe = BUILD / "revolve"
    assert exe.exists(), f"{exe} is missing: run `make build` first"
    return exe


@pytest.fixture(scope="session")
def shared_dir():
    assert SHARED.is_dir(), f"{SHARED} is missing: the shared files live beside the checkout"
    return SHARED


def run_cli(exe, *args, check=True):
    """Run the CLI and return the CompletedProcess (text mode)."""
    result = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"revolve {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result
