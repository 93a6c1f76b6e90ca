"""bench/revolving_door_bench.cpp, the model's speed benchmark: it runs, reports what it counted, and every vector
width of the random draws gives the same people (the draws are the same bits)."""
import json
import subprocess

import pytest

from conftest import BUILD, ROOT

SMALL = ["--runs", "2", "--threads", "1", "--statistics", "none"]


def bench(*args):
    exe = BUILD / "bench" / "bench_revolving_door"
    assert exe.exists(), f"{exe} is missing: run `make build` first"
    result = subprocess.run([exe, *SMALL, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def test_bench_reports_person_weeks_a_second():
    figures = bench()
    assert (figures["runs"], figures["threads"], figures["steps"], figures["statistics"]) == (2, 1, 522, "none")
    assert figures["person_weeks"] > 2 * 522 * 1000
    assert figures["person_weeks_per_second"] == pytest.approx(figures["person_weeks"] / figures["seconds"])


def test_every_vector_width_simulates_the_same_people():
    counted = {width: bench("--vector-width", width)["person_weeks"] for width in ["widest", "avx2", "scalar"]}
    assert counted["widest"] == counted["avx2"] == counted["scalar"]


def test_bench_rejects_an_unknown_vector_width():
    exe = BUILD / "bench" / "bench_revolving_door"
    result = subprocess.run([exe, "--vector-width", "sse9"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--vector-width" in result.stderr and "sse9" in result.stderr
