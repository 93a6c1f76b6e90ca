"""Browser tests (tests/browser/*.mjs): headless Debian Chromium driven by playwright-core from npm.

The report must load with no console error and no request outside the file, with every chart drawn (and, for a
PSA, its section on uncertainty); the workshop's rough-sleeping chart must change within a second of moving the
Housing First slider. Screenshots go to tests/browser/artifacts/.
"""
import pathlib
import shutil
import signal
import subprocess

from viz_support import BUILD, ROOT, SCENARIOS, small_psa_report, small_report

CHROMIUM = pathlib.Path("/usr/bin/chromium")


def node(script: str, *args: str) -> subprocess.CompletedProcess:
    assert shutil.which("node"), "node is missing: scripts/setup.sh installs nodejs (scripts/packages.txt)"
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: scripts/setup.sh installs chromium (scripts/packages.txt)"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), "node_modules is missing: scripts/setup.sh runs npm ci"
    return subprocess.run(["node", str(ROOT / "tests" / "browser" / script), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


def test_report_loads_offline_and_draws_every_chart():
    result = node("report.mjs", str(small_report()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


def test_psa_report_draws_both_kinds_of_range_and_the_acceptability_curves():
    result = node("report.mjs", str(small_psa_report()), "--psa")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "report (PSA):" in result.stdout and "0 problems" in result.stdout


def test_workshop_chart_follows_the_housing_first_slider_within_a_second(tmp_path):
    server = subprocess.Popen([str(BUILD / "revolve"), "workshop", str(SCENARIOS), "--port", "0", "--runs", "8",
                               "--out", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()  # "workshop: http://127.0.0.1:PORT/ (...)" once it serves
        assert first.startswith("workshop: http://127.0.0.1:"), first + server.stderr.read()
        result = node("workshop.mjs", first.split()[1])
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 problems" in result.stdout
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) == 0
