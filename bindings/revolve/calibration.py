"""Calibration: fit chosen parameters so that the model reproduces its calibration targets.

:func:`calibrate` runs the fit in C++, exactly as ``revolve calibrate`` does: NLopt minimises the sum over targets
of ((model mean - target) / target sd)^2, with every evaluation run with the same runs and seed (common random
numbers), each parameter searched within its stated uncertainty range. ``docs/uncertainty.md`` describes the
objective, the targets and the files.

Example:
    >>> import revolve
    >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
    >>> fit = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9], max_evaluations=3)
    >>> fit
    <revolve.CalibrationResults: 1 parameter to 1 target, objective 0.39 -> 0.29 in 3 evaluations>
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


def calibrate(scenario: Scenario | str | os.PathLike, params: Iterable[str], *, targets: Iterable[int] | None = None,
              runs: int | None = None, seed: int | None = None, max_evaluations: int = 40,
              algorithm: str = "bobyqa", threads: int | None = None,
              progress: ProgressOption = None) -> CalibrationResults:
    """Fit parameters to the model's calibration targets in C++, as ``revolve calibrate`` does (GIL released).

    Args:
        scenario: the starting point: a :class:`revolve.Scenario` or the path of a scenario file. Each parameter
            starts at this scenario's value.
        params: the parameters to fit, by name (``docs/model/parameters.md``).
        targets: the targets to fit to, by their numbers in the model's list (1 first); default: all.
        runs: runs of every evaluation; default: the scenario's ``runs``.
        seed: seed of every evaluation; default: the scenario's ``seed``.
        max_evaluations: the most evaluations of the objective (each one a whole ensemble).
        algorithm: ``"bobyqa"`` (quadratic models, few evaluations of a smooth objective) or ``"nelder-mead"``
            (for objectives made rough by few runs or rare events).
        threads: worker threads; default: every core.
        progress: True for a progress bar on stderr, or a function called as ``progress(done, total)`` with the
            run-steps done, about every 50 ms (the total allows every evaluation; a fit that stops early ends at it).

    Returns:
        The fit: :meth:`CalibrationResults.fit` (targets before and after), :meth:`CalibrationResults.parameters`,
        :meth:`CalibrationResults.evaluations` and :attr:`CalibrationResults.scenario`, the fitted scenario.

    Raises:
        revolve.Error: an unknown parameter or one named twice, a target number out of range, no target the model
            can measure; the message names it.
        ValueError: bad numbers or algorithm.
        KeyboardInterrupt: Ctrl-C: the fit stops within about 50 ms, returning nothing.

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
        >>> moved = {"justice.arrest_rate": 0.585, "justice.recall_breach_rate": 0.42}  # both 30% off
        >>> perturbed = small.with_changes(params=moved, label="Perturbed")
        >>> fit = revolve.calibrate(perturbed, list(moved), targets=[9, 10, 11], runs=4, max_evaluations=10)
        >>> fit.objective["fitted"] < 0.6 * fit.objective["start"]
        True
        >>> fit.scenario.label, fit.scenario.runs
        ('Perturbed (calibrated)', 4)
    """
    scenario = _as_scenario(scenario)
    names = [params] if isinstance(params, str) else [str(p) for p in params]
    numbers = [] if targets is None else [_whole(t, "target number", 1) for t in targets]
    if algorithm not in ("bobyqa", "nelder-mead"):
        raise ValueError(f"algorithm must be 'bobyqa' or 'nelder-mead', got {algorithm!r}")
    settings = {"runs": scenario.runs if runs is None else _whole(runs, "runs", 1, _MAX_RUNS),
                "seed": scenario.seed if seed is None else _whole(seed, "seed", 0, _MAX_SEED),
                "max_evaluations": _whole(max_evaluations, "max_evaluations", 2, 10**6), "algorithm": algorithm}
    threads = _core.default_threads() if threads is None else _whole(threads, "threads", 1)
    command = (f"revolve.calibrate({scenario.label!r}, {names!r}, targets={numbers or None!r}, "
               f"runs={settings['runs']}, seed={settings['seed']}, max_evaluations={settings['max_evaluations']}, "
               f"algorithm={algorithm!r}, threads={threads})")
    core = _core.run_calibration(scenario._core, names, numbers, settings, command, threads,
                                 _progress.callback(progress))
    fitted = scenario.with_changes(params=core.fitted, label=f"{scenario.label} (calibrated)",
                                   runs=settings["runs"], seed=settings["seed"])
    return CalibrationResults(core, scenario, fitted)


class CalibrationResults:
    """The results of :func:`calibrate`: the fit before and after, the search, and the fitted scenario.

    Attributes:
        manifest: how to reproduce the fit (``revolve calibrate``'s ``manifest.json``).
        objective: ``{"start": ..., "fitted": ...}``: the objective at the starting and the fitted values.
        scenario: the input scenario with the fitted values, and the fit's runs and seed, as a
            :class:`revolve.Scenario`: :func:`revolve.run` of it reproduces the fitted means.

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
        >>> fit = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9], max_evaluations=2)
        >>> sorted(fit.manifest["objective"]), fit.manifest["algorithm"]
        (['fitted', 'start'], 'bobyqa')
    """

    def __init__(self, core: _core.CalibrationRecord, start: Scenario, fitted: Scenario) -> None:
        self._core = core
        self._start = start
        self.manifest = json.loads(core.manifest())
        self.objective = self.manifest["objective"]
        self.scenario = fitted

    def __repr__(self) -> str:
        p, t = len(self._core.fitted), int((self.fit()["in_objective"] == "yes").sum())
        return (f"<revolve.CalibrationResults: {p} parameter{'s' * (p != 1)} to {t} target{'s' * (t != 1)}, "
                f"objective {self.objective['start']:.2g} -> {self.objective['fitted']:.2g} in "
                f"{self.manifest['evaluations']} evaluations>")

    def fit(self) -> pd.DataFrame:
        """Each target before and after the fit (``fit.csv``).

        Returns:
            One row per target: ``number`` (in the model's list), ``target``, ``unit``, ``value``, ``low``,
            ``high`` (its stated range), ``sd`` (the range read as a 90% interval), ``before`` and ``after`` (the
            model's means), ``z_before`` and ``z_after`` ((mean - value) / sd), and ``in_objective`` (``"no"``
            for a target the model could not measure at the start).

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> table = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9, 10], max_evaluations=2).fit()
            >>> table["number"].tolist(), bool(((table["z_after"] ** 2).sum() > 0))
            ([9, 10], True)
        """
        return _tables.frame(self._core.fit()).astype({"number": int})

    def parameters(self) -> pd.DataFrame:
        """Each parameter's search (``parameters.csv``): index ``parameter``; ``unit``, ``low`` and ``high`` (the box
        searched), ``start`` and ``fitted``.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> fit = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9], max_evaluations=2)
            >>> fit.parameters().loc["justice.arrest_rate", "start"]
            0.45
        """
        return _tables.frame(self._core.parameters()).set_index("parameter")

    def evaluations(self) -> pd.DataFrame:
        """Every evaluation of the objective (``evaluations.csv``): index ``evaluation`` (1: the start), then
        ``objective`` and each parameter's value.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> fit = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9], max_evaluations=3)
            >>> fit.evaluations().columns.tolist()
            ['objective', 'justice.arrest_rate']
        """
        return _tables.frame(self._core.evaluations()).astype({"evaluation": int}).set_index("evaluation")

    def save(self, folder: str | os.PathLike, force: bool = False) -> pathlib.Path:
        """Write the files ``revolve calibrate`` writes, replacing `folder` at the end, with ``calibrated.yaml``, a
        scenario file that extends the input's file with the fitted values (``revolve run`` accepts it).

        Args:
            folder: the output folder: new, empty, or one revolve wrote.
            force: replace an existing folder even if revolve did not write it (never a file, link or device).

        Raises:
            ValueError: the input scenario has changes made in Python (``with_changes``), which a file extending
                its file would lose: save that scenario to a file first, or use :attr:`scenario`.
            OutputError: ``folder`` is a folder revolve did not write (and ``force`` is False), or not a folder.

        Example:
            >>> import pathlib, tempfile
            >>> import revolve
            >>> small = revolve.Scenario.load("tests/scenarios/small_baseline.yaml")
            >>> fit = revolve.calibrate(small, ["justice.arrest_rate"], targets=[9], max_evaluations=2)
            >>> out = fit.save(pathlib.Path(tempfile.mkdtemp()) / "fit")
            >>> sorted(p.name for p in out.iterdir())
            ['.revolve-output', 'calibrated.yaml', 'evaluations.csv', 'fit.csv', 'manifest.json', 'parameters.csv']
        """
        start = self._start
        if not start.file or Scenario.load(start.file).hash != start.hash:
            raise ValueError(f"save: scenario {start.label!r} has changes made in Python that calibrated.yaml, which "
                             f"extends its file {start.file or '(none)'}, would lose; calibrate a scenario file, or "
                             "run the fitted one from Python (.scenario)")
        path = pathlib.Path(folder)
        self._core.save(path, force)
        return path
