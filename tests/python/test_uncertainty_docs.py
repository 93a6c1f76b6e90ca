"""docs/uncertainty.md runs: its `sh` blocks (the revolve commands psa, sensitivity, calibrate and report, writing
into a temporary folder) and its `pycon` blocks (as doctests), at the small sizes the page uses."""
import doctest
import re
import shlex
import subprocess

from conftest import BUILD, ROOT

PAGE = ROOT / "docs/uncertainty.md"


def blocks(language):
    return re.findall(rf"^```{language}\n(.*?)^```$", PAGE.read_text(), flags=re.MULTILINE | re.DOTALL)


def test_command_blocks_run(tmp_path):
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("build/revolve ")]
    for name in ("psa", "sensitivity", "calibrate", "report"):
        assert any(f" {name} " in c for c in commands), name
    for command in commands:
        words = [str(tmp_path / w.removeprefix("out/")) if w.startswith("out/") else w for w in shlex.split(command)]
        words[0] = str(BUILD / "revolve")
        result = subprocess.run(words, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (tmp_path / "psa_small" / "report.html").is_file() and (tmp_path / "gsa_sobol" / "report.html").is_file()
    assert (tmp_path / "fitted_run" / "summary.csv").is_file()  # the fit's calibrated.yaml runs


def test_python_blocks_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    found = blocks("pycon")
    assert found
    globs = {}  # the blocks run in order, as one session
    for number, block in enumerate(found):
        test = parser.get_doctest(block, globs, f"uncertainty.md pycon block {number + 1}", str(PAGE), 0)
        runner.run(test, clear_globs=False)
        globs = test.globs  # get_doctest copies the names it is given
    assert runner.summarize(verbose=False).failed == 0
