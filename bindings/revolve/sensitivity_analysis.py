"""Global sensitivity: which uncertain parameters move an outcome, or a difference between options, the most.

:func:`sensitivity` runs a Morris screening or Sobol indices in C++, exactly as ``revolve sensitivity`` does, and
gives the indices, the design and every design row's output as pandas DataFrames. ``docs/uncertainty.md`` says
what each index means and how many runs each method needs.

Example:
    >>> import revolve
    >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
    >>> res = revolve.sensitivity(small, "person_weeks.rough_sleeping", samples=3,
    ...                           params=["housing.rough_to_supported", "justice.arrest_rate"])
    >>> res
    <revolve.SensitivityResults: morris of person_weeks.rough_sleeping in 'Small baseline', 2 parameters, 9 rows>
"""
from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterable

import pandas as pd

from . import _core, _progress, _tables
from ._changes import _MAX_RUNS, _MAX_SEED, _whole
from ._progress import ProgressOption
from .scenarios import Scenario, _as_scenario


def sensitivity(scenario: Scenario | str | os.PathLike, measure: str, *,
                baseline: Scenario | str | os.PathLike | None = None, method: str = "morris", samples: int = 10,
                params: Iterable[str] | None = None, runs: int = 1, seed: int | None = None, levels: int = 4,
                resamples: int = 1000, threads: int | None = None,
                progress: ProgressOption = None) -> SensitivityResults:
    """Run a global sensitivity analysis in C++, as ``revolve sensitivity`` does (GIL released; Ctrl-C stops it).

    Each design row sets the chosen parameters to values from their stated uncertainty and runs the scenario `runs`
    times, every row with the same seed and run numbers (common random numbers), so rows differ only by their
    parameter values. A row's output is the mean over runs of `measure` totalled over the horizon, or, with a
    `baseline`, the scenario's minus the baseline's under the same values.

    Args:
        scenario: a :class:`revolve.Scenario` or the path of a scenario file.
        measure: an output column (``"person_weeks.rough_sleeping"``, ``"cost_discounted.total"``, or a group's:
            ``"events.ae_attendance[chronic_homeless]"``).
        baseline: compare with this scenario: the output is the paired difference, scenario minus baseline.
        method: ``"morris"`` (elementary effects: few runs, a ranking) or ``"sobol"`` (shares of the variance).
        samples: Morris trajectories (``samples x (parameters + 1)`` rows) or Sobol base rows N
            (``N x (parameters + 2)`` rows).
        params: the parameters to vary; default: every one with a stated uncertainty that the scenarios leave free.
        runs: runs of each design row.
        seed: seed of the design, the runs and the bootstrap; default: the scenario's ``seed``.
        levels: Morris grid levels (even).
        resamples: bootstrap resamples for the 95% intervals.
        threads: worker threads; default: every core.
        progress: True for a progress bar on stderr, or a function called as ``progress(done, total)`` with the
            run-steps done, about every 50 ms.

    Returns:
        The results: :meth:`SensitivityResults.indices`, :meth:`SensitivityResults.design`, and
        :meth:`SensitivityResults.save` for ``revolve report``.

    Raises:
        revolve.Error: an unknown measure or parameter, a parameter without a stated uncertainty or set by a
            scenario (a decision, held at its value), a baseline of another model or horizon; the message names it.
        ValueError: bad numbers or method.
        KeyboardInterrupt: Ctrl-C: the analysis stops within about 50 ms, returning nothing.

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
        >>> hf = revolve.Scenario.load("tests/scenarios/small_housing_first.yaml")
        >>> res = revolve.sensitivity(hf, "person_weeks.rough_sleeping", baseline=small, method="sobol",
        ...                           samples=4, params=["housing.rough_to_supported", "justice.arrest_rate"])
        >>> res.indices()["index"].unique().tolist(), len(res.design())
        (['first', 'total'], 16)
    """
    scenario = _as_scenario(scenario)
    baseline = None if baseline is None else _as_scenario(baseline)
    if method not in ("morris", "sobol"):
        raise ValueError(f"method must be 'morris' or 'sobol', got {method!r}")
    names = [] if params is None else [params] if isinstance(params, str) else [str(p) for p in params]
    settings = {"method": method, "measure": str(measure), "samples": _whole(samples, "samples", 2, _MAX_RUNS),
                "runs": _whole(runs, "runs", 1, _MAX_RUNS),
                "seed": scenario.seed if seed is None else _whole(seed, "seed", 0, _MAX_SEED),
                "levels": _whole(levels, "levels", 2, 1000), "resamples": _whole(resamples, "resamples", 2, 10**7),
                "parameters": names}
    threads = _core.default_threads() if threads is None else _whole(threads, "threads", 1)
    core = _core.run_sensitivity(scenario._core, None if baseline is None else baseline._core, settings, threads,
                                 _progress.callback(progress))
    against = "" if baseline is None else f", baseline={baseline.label!r}"
    command = (f"revolve.sensitivity({scenario.label!r}, {measure!r}{against}, method={method!r}, "
               f"samples={settings['samples']}, runs={settings['runs']}, seed={settings['seed']}, threads={threads})")
    return SensitivityResults(core, json.loads(core.manifest(command, threads)))


class SensitivityResults:
    """The results of :func:`sensitivity`: the indices with 95% intervals, the design and its outputs.

    Attributes:
        method: ``"morris"`` or ``"sobol"``.
        measure: the output analysed.
        manifest: how to reproduce every number (``revolve sensitivity``'s ``manifest.json``).

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
        >>> res = revolve.sensitivity(small, "events.death", samples=2, params=["mortality.base_rate"])
        >>> res.method, res.manifest["design_rows"]
        ('morris', 4)
    """

    def __init__(self, core: _core.SensitivityRun, manifest: dict) -> None:
        self._core = core
        self.manifest = manifest
        self.method = core.method
        self.measure = manifest["measure"]

    def __repr__(self) -> str:
        label = self.manifest["scenarios"][-1]["label"]
        return (f"<revolve.SensitivityResults: {self.method} of {self.measure} in {label!r}, "
                f"{len(self.manifest['parameters'])} parameters, {self.manifest['design_rows']} rows>")

    @property
    def parameters(self) -> pd.DataFrame:
        """The parameters varied: one row each (index ``parameter``) with its ``unit`` and ``distribution``."""
        return pd.DataFrame(self._core.parameters, columns=["parameter", "unit", "distribution"]).set_index("parameter")

    def indices(self) -> pd.DataFrame:
        """The indices (``sensitivity.csv``), tidy: one row per parameter and index.

        Returns:
            Columns ``parameter``, ``index`` (Morris: ``mu_star``, ``mu``, ``sigma``, in output units; Sobol:
            ``first``, ``total``, shares of the variance), ``estimate``, ``low`` and ``high`` (95% bootstrap).

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> res = revolve.sensitivity(small, "person_weeks.rough_sleeping", samples=3,
            ...                           params=["housing.rough_to_supported", "mortality.base_rate"])
            >>> ranking = res.indices().query("index == 'mu_star'").sort_values("estimate", ascending=False)
            >>> ranking["parameter"].iloc[0]
            'housing.rough_to_supported'
        """
        return _tables.frame(self._core.indices())

    def design(self) -> pd.DataFrame:
        """Every design row (``design.csv``): its parameter values, each in its own unit, and its output.

        Returns:
            One row per design row (index ``row``), one column per parameter, then ``output``: X and Y for any
            analysis of your own.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> design = revolve.sensitivity(small, "events.death", samples=2, params=["mortality.base_rate"]).design()
            >>> design.columns.tolist(), design.index.name
            (['mortality.base_rate', 'output'], 'row')
        """
        table = _tables.frame(self._core.design())
        return table.astype({"row": int}).set_index("row")

    def save(self, folder: str | os.PathLike, force: bool = False) -> pathlib.Path:
        """Write ``sensitivity.csv``, ``design.csv`` and ``manifest.json`` as ``revolve sensitivity`` does, for
        ``revolve report`` to draw. The folder appears once every file is written, replacing an earlier one.

        Args:
            folder: where to write: a new or empty folder, or one revolve wrote (``docs/reliability.md``).
            force: also replace a folder revolve did not write (never a file, link or device).

        Raises:
            OutputError: ``folder`` exists and is not revolve's (without ``force``), or is not a folder.

        Example:
            >>> import pathlib, tempfile
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> res = revolve.sensitivity(small, "events.death", samples=2, params=["mortality.base_rate"])
            >>> sorted(p.name for p in res.save(pathlib.Path(tempfile.mkdtemp()) / "gsa").iterdir())
            ['.revolve-output', 'design.csv', 'manifest.json', 'sensitivity.csv']
        """
        path = pathlib.Path(folder)
        self._core.save(path, json.dumps(self.manifest), force)
        return path
