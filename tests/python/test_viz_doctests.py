"""The examples in viz's docstrings run (those that need a finished comparison in out/ are marked to skip)."""
import doctest
import importlib

import pytest

MODULES = ["viz", "viz.labels", "viz.data", "viz.figures", "viz.report", "viz.uncertainty", "viz.workshop", "viz.__main__",
           "viz.costs", "viz.numbers", "viz.findings", "viz.board", "viz.workshop_controls",
           "viz.sensitivity"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
