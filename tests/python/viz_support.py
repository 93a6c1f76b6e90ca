"""A small comparison for the viz tests, run once per pytest process with the built CLI.

The scenarios are in tests/browser/scenarios/ (a tenth of the Bristol-like cohort over three years).
"""
import functools
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / os.environ.get("REVOLVE_BUILD_DIR", "build")
SCENARIOS = ROOT / "tests" / "browser" / "scenarios"


@functools.lru_cache(maxsize=None)
def small_comparison() -> pathlib.Path:
    """The output folder of `revolve compare` on the small scenarios."""
    out = pathlib.Path(tempfile.mkdtemp(prefix="revolve-viz-")) / "small"
    files = [SCENARIOS / name for name in ("baseline.yaml", "housing_first.yaml", "combined.yaml")]
    subprocess.run([str(BUILD / "revolve"), "compare", *map(str, files), "--out", str(out)], check=True,
                   capture_output=True, text=True)
    return out


@functools.lru_cache(maxsize=None)
def small_report() -> pathlib.Path:
    """report.html (and its figures) of the small comparison, written by `revolve report`."""
    folder = small_comparison()
    result = subprocess.run([str(BUILD / "revolve"), "report", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return folder / "report.html"


@functools.lru_cache(maxsize=None)
def small_psa() -> pathlib.Path:
    """The output folder of `revolve psa` on the small scenarios: 8 draws, 4 runs at the point values."""
    out = pathlib.Path(tempfile.mkdtemp(prefix="revolve-viz-psa-")) / "psa"
    files = [SCENARIOS / name for name in ("baseline.yaml", "housing_first.yaml", "combined.yaml")]
    subprocess.run([str(BUILD / "revolve"), "psa", *map(str, files), "--draws", "8", "--point-runs", "4", "--out",
                    str(out)], check=True, capture_output=True, text=True)
    return out


@functools.lru_cache(maxsize=None)
def small_psa_report() -> pathlib.Path:
    """report.html of the small PSA (without the static figures, which the figure tests draw themselves)."""
    folder = small_psa()
    result = subprocess.run([str(BUILD / "revolve"), "report", str(folder), "--no-figures"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    return folder / "report.html"

