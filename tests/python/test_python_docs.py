"""The Python package's documentation runs: docstring examples, docs/python.md and its example scripts."""
import doctest
import inspect
import os
import re
import subprocess
import sys

import pytest

import revolve
import revolve.evaluation
import revolve.output
from conftest import ROOT

MODULES = [revolve, revolve.scenarios, revolve.evaluation, revolve.uncertainty, revolve.sensitivity_analysis,
           revolve.calibration, revolve.sd, revolve.params, revolve.errors, revolve.output, revolve.costs]
EXAMPLES = sorted((ROOT / "docs/examples").glob("*.py"))
TUTORIAL = ROOT / "docs/python.md"
OPTIONS = doctest.NORMALIZE_WHITESPACE


def fenced_blocks(text, language):
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def public_api():
    """(name, object) of every public function, class and method the package defines."""
    for module in MODULES:
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value) or inspect.isclass(value):
                yield f"{module.__name__}.{name}", value
            if inspect.isclass(value):
                for member, attribute in vars(value).items():
                    if not member.startswith("_") and (inspect.isfunction(attribute) or isinstance(attribute, property)):
                        yield f"{module.__name__}.{name}.{member}", attribute


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_run(module, monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples name files from the repository root, as a reader would
    result = doctest.testmod(module, optionflags=OPTIONS)
    assert result.attempted > 0 and result.failed == 0


def test_every_public_function_and_class_has_an_example():
    names = dict(public_api())
    assert "revolve.sd.Model.run" in names and "revolve.params.parameters" in names
    assert "revolve.scenarios.Scenario.with_changes" in names and "revolve.scenarios.compare" in names
    lacking = [name for name, value in names.items()
               if not isinstance(value, property) and "Example:" not in (value.__doc__ or "")]
    undocumented = [name for name, value in names.items() if not (value.__doc__ or "").strip()]
    assert lacking == [] and undocumented == []


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_script_runs(script):
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_tutorial_python_blocks_are_taken_from_the_example_scripts():
    scripts = "\n".join(path.read_text() for path in EXAMPLES)
    blocks = fenced_blocks(TUTORIAL.read_text(), "python")
    assert blocks
    assert [block for block in blocks if block not in scripts] == []


def test_tutorial_pycon_blocks_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=OPTIONS)
    blocks = fenced_blocks(TUTORIAL.read_text(), "pycon")
    assert blocks
    for number, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"python.md pycon block {number + 1}", str(TUTORIAL), 0))
    assert runner.summarize(verbose=False).failed == 0
