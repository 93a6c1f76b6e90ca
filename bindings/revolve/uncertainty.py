"""Probabilistic sensitivity analysis (PSA): the ranges with uncertainty about the parameters, not only chance.

:func:`psa` runs the scenarios as :func:`revolve.compare` does (at the parameters' point values: "chance only"), then
again under every draw of the uncertain parameters (draws x runs: "chance and parameters"), exactly as
``revolve psa`` does. ``docs/uncertainty.md`` says what each interval means and how the draws are made.

Example:
    >>> import revolve
    >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
    ...     horizon_years=1, population_scale=0.1)
    >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
    >>> res = revolve.psa([base, hf], draws=4, point_runs=2, seed=3)
    >>> res
    <revolve.PsaResults: 'Bristol-like baseline', 'Housing First', 4 draws x 1 run, lhs design, seed 3>
    >>> res.draws.shape[0], res.draws.index.name
    (4, 'draw')
"""
from __future__ import annotations

import json
import os
import pathlib
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import _core, _progress, _tables
from ._changes import _MAX_RUNS, _MAX_SEED, _whole
from ._progress import ProgressOption
from .scenarios import Results, Scenario, _as_scenario, _check_comparable


def psa(scenarios: Iterable[Scenario | str | os.PathLike], draws: int, runs: int = 1, seed: int | None = None, *,
        design: str = "lhs", point_runs: int | None = None, threads: int | None = None,
        progress: ProgressOption = None, cost: str = "cost_discounted.total",
        outcome: str = "person_weeks.rough_sleeping", wtp_max: float | None = None,
        match_entrants: bool = True) -> PsaResults:
    """Run a probabilistic sensitivity analysis in C++, as ``revolve psa`` does (GIL released; Ctrl-C stops it).

    Each draw gives every uncertain parameter (``docs/model/parameters.md``) a value from its distribution; each
    scenario then runs `runs` times under it, all scenarios of a draw with the same random numbers. A parameter a
    scenario sets itself is a decision, not an uncertainty: it keeps the scenario's value in every draw.

    Args:
        scenarios: the baseline first, then the alternatives (:class:`revolve.Scenario` objects or file paths).
        draws: parameter draws.
        runs: runs of each scenario under each draw.
        seed: seed of the design and of the runs; default: the baseline's ``seed``.
        design: ``"lhs"`` (Latin hypercube) or ``"sobol"`` (a digitally shifted Sobol sequence; best with a power
            of two draws).
        point_runs: runs at the point values, for the "chance only" intervals; default: the baseline's ``runs``.
        threads: worker threads; default: every core.
        progress: True for a progress bar on stderr, or a function called as ``progress(done, total)`` with the
            run-steps done, about every 50 ms.
        cost: the cost measure of the cost-effectiveness results.
        outcome: their outcome measure; it must have a better direction (fewer weeks sleeping rough is better).
        wtp_max: the highest willingness to pay per unit of outcome gained on the acceptability curves [GBP];
            default: twice the largest incremental ratio, rounded up.
        match_entrants: False sets each alternative's entry cohorts against the baseline's own entrants (other
            people) and saves the extra baseline run of each draw (``revolve psa --unmatched-cohorts``).

    Returns:
        The results: :attr:`PsaResults.draws`, :meth:`PsaResults.totals`, :meth:`PsaResults.summary`,
        :meth:`PsaResults.cost_effectiveness`, :meth:`PsaResults.ceac`, and :attr:`PsaResults.point` (chance only).

    Raises:
        ScenarioError: a scenario is invalid.
        ValueError: bad numbers or design, two scenarios with one label, different horizons.
        revolve.Error: an unknown cost or outcome measure, or an outcome with no better direction.
        KeyboardInterrupt: Ctrl-C: the PSA stops within about 50 ms, returning nothing.

    Example:
        >>> import revolve
        >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> mtam = base.with_changes(interventions={"mtam": "on"}, label="MTAM")
        >>> res = revolve.psa([base, mtam], draws=4, point_runs=2, design="sobol")
        >>> res.manifest["psa"]["design"], res.manifest["psa"]["draws"]
        ('sobol', 4)
    """
    scenarios = [_as_scenario(s) for s in scenarios]
    if not scenarios:
        raise ValueError("psa needs a baseline, and usually alternatives to compare with it")
    _check_comparable(scenarios)
    if design not in ("lhs", "sobol"):
        raise ValueError(f"design must be 'lhs' or 'sobol', got {design!r}")
    baseline = scenarios[0]
    settings = {
        "draws": _whole(draws, "draws", 1, _MAX_RUNS), "runs": _whole(runs, "runs", 1, _MAX_RUNS),
        "point_runs": baseline.runs if point_runs is None else _whole(point_runs, "point_runs", 1, _MAX_RUNS),
        "seed": baseline.seed if seed is None else _whole(seed, "seed", 0, _MAX_SEED), "design": design,
        "cost": str(cost), "outcome": str(outcome), "wtp_max": 0.0 if wtp_max is None else float(wtp_max),
        "match_entrants": bool(match_entrants)}
    if not settings["wtp_max"] >= 0:
        raise ValueError(f"wtp_max must be positive, got {wtp_max!r}")
    threads = _core.default_threads() if threads is None else _whole(threads, "threads", 1)
    core = _core.run_psa([s._core for s in scenarios], settings, threads, _progress.callback(progress))
    labels = ", ".join(repr(s.label) for s in scenarios)
    command = (f"revolve.psa([{labels}], draws={settings['draws']}, runs={settings['runs']}, seed={settings['seed']}, "
               f"design={design!r}, point_runs={settings['point_runs']}, threads={threads}"
               + ("" if match_entrants else ", match_entrants=False") + ")")
    manifest = json.loads(core.manifest(command, threads))
    for entry in manifest["psa"]["entry_cohorts"].values():
        if match_entrants and entry["note"]:
            warnings.warn(entry["note"], stacklevel=2)
    return PsaResults(core, manifest)


class PsaResults:
    """The results of :func:`psa`: both kinds of interval, the draws, every draw's totals, cost-effectiveness.

    Attributes:
        scenarios: the scenarios' labels, the baseline first.
        manifest: how to reproduce every number (the CLI's ``manifest.json``, less its time of writing); its
            ``psa`` section names the design, the parameters drawn and those each scenario holds.
        point: the runs at the point values, as :class:`revolve.Results` ("chance only").

    Example:
        >>> import revolve
        >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> res = revolve.psa([base], draws=3, point_runs=2)
        >>> res.point.manifest["runs"], len(res.manifest["psa"]["parameters"]) > 100
        (2, True)
    """

    def __init__(self, core: _core.PsaComparison, manifest: dict) -> None:
        self._core = core
        self.manifest = manifest
        point = core.point
        self.point = Results(point, manifest, comparison=len(point) > 1)
        self.scenarios = [r.scenario.label for r in point]
        self._summary: pd.DataFrame | None = None

    def __repr__(self) -> str:
        p = self.manifest["psa"]
        labels = ", ".join(repr(label) for label in self.scenarios)
        runs = f"{p['runs_per_draw']} run{'' if p['runs_per_draw'] == 1 else 's'}"
        return f"<revolve.PsaResults: {labels}, {p['draws']} draws x {runs}, {p['design']} design, seed {p['seed']}>"

    @property
    def draws(self) -> pd.DataFrame:
        """Every draw's value of every uncertain parameter, each in its own unit (:attr:`parameters`).

        One row per draw (index ``draw``), one column per parameter: join :meth:`totals` to it on ``draw`` for
        sensitivity analysis of your own.
        """
        names = [p[0] for p in self._core.parameters]
        return pd.DataFrame(self._core.draws(), columns=names).rename_axis("draw")

    @property
    def parameters(self) -> pd.DataFrame:
        """The parameters drawn, indexed by name: ``unit`` and ``distribution`` (as the parameter tables say)."""
        return pd.DataFrame.from_records(self._core.parameters, columns=["name", "unit", "distribution"]).set_index("name")

    @property
    def held(self) -> dict[str, list[str]]:
        """By scenario, the parameters it sets itself: each keeps the scenario's value in every draw."""
        return dict(zip(self.scenarios, self._core.held))

    def totals(self, measure: str | Iterable[str] | None = "person_weeks.rough_sleeping", period: str | None = "total",
               group: str | None = "") -> pd.DataFrame:
        """Every run of every draw: totals of measures over a period, and their change from the baseline.

        Args:
            measure: a measure, several, or None for every one.
            period: ``"year 1"`` ... or ``"total"`` (the horizon); None for every period.
            group: a priority group, ``""`` for everyone, or None for every group.

        Returns:
            One row per scenario, draw, run, period and measure column: ``scenario``, ``draw``, ``run``,
            ``measure``, ``group``, ``payer``, ``unit``, ``period``, ``period_start``, ``period_end`` (years),
            ``value`` and ``diff`` (value minus the baseline's in the same draw and run: paired; for an entry cohort,
            minus the same people's followed in that baseline, unless ``match_entrants`` was False).

        Raises:
            KeyError: an unknown measure, period or group.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> res = revolve.psa([base, hf], draws=4, point_runs=2)
            >>> change = res.totals().query("scenario == 'Housing First'").groupby("draw")["diff"].mean()
            >>> data = res.draws.join(change)  # one row per draw: parameters, then the change they gave
            >>> data.shape[0], data.columns[-1]
            (4, 'diff')
        """
        point = self._core.point
        draws, runs = self.manifest["psa"]["draws"], self._core.runs_per_draw
        index = {"draw": np.repeat(np.arange(draws), runs), "run": np.tile(np.arange(runs), draws)}
        frames = []
        for s, results in enumerate(point):
            values = self._core.totals(s)
            own = values.reshape(draws * runs, *values.shape[2:])
            frame = _tables.run_totals(results, own, measure, period, group, index)
            change = (values - self._core.paired_baseline_totals(s)).reshape(own.shape)
            frame["diff"] = _tables.run_totals(results, change, measure, period, group, index)["value"].to_numpy()
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def summary(self) -> pd.DataFrame:
        """``comparison.csv``: every measure's interval with chance only and with chance and parameters.

        Returns:
            The columns of :meth:`revolve.Results.summary` (the runs at the point values: chance only), then
            ``psa_mean``, ``psa_low``, ``psa_high``, ``psa_verdict``, ``psa_diff_mean``, ``psa_diff_low``,
            ``psa_diff_high``: the same over every run of every draw (chance and parameters).

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> table = revolve.psa([base], draws=6, point_runs=2).summary()
            >>> row = table.query("measure == 'person_weeks.rough_sleeping' and group == '' and period == 'total'")
            >>> bool(row["psa_high"].iloc[0] - row["psa_low"].iloc[0] > row["high"].iloc[0] - row["low"].iloc[0])
            True
        """
        if self._summary is None:
            self._summary = _tables.frame(self._core.comparison_table(), self._core.point[0])
        return self._summary.copy()

    def cost_effectiveness(self) -> pd.DataFrame:
        """Each alternative against the baseline, over every run of every draw (``cost_effectiveness.csv``).

        Returns:
            One row per alternative: ``scenario``, ``cost_change`` (mean, GBP), ``gain`` (mean change in the
            outcome in its better direction, e.g. person-weeks of rough sleeping avoided), the shares of samples
            ``p_better_cheaper``, ``p_better_costlier``, ``p_not_better_cheaper``, ``p_not_better_costlier``,
            ``verdict`` (``dominates``, ``dominated``, ``costs more, gains``, ``saves, loses`` or ``no difference``)
            and ``ratio``: GBP per unit gained, or saved per unit forgone; NaN when one option dominates. Never
            negative.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> ce = revolve.psa([base, hf], draws=4, point_runs=2).cost_effectiveness()
            >>> quadrants = ce.filter(like="p_").sum(axis=1)  # every sample lies in one quadrant
            >>> round(float(quadrants.iloc[0]), 12)
            1.0
        """
        table = pd.DataFrame.from_records(self._core.cost_effectiveness())
        table.insert(1, "cost", self.manifest["psa"]["cost"])
        table.insert(2, "outcome", self.manifest["psa"]["outcome"])
        table.insert(3, "outcome_unit", self._core.outcome_unit)
        return table

    def ceac(self) -> pd.DataFrame:
        """Cost-effectiveness acceptability curves (``ceac.csv``).

        Returns:
            One row per willingness to pay and option: ``wtp`` (GBP per unit of outcome gained), ``scenario``,
            ``p_beats_baseline`` (share of samples in which its net monetary benefit, wtp x gain - cost change, is
            positive; NaN for the baseline) and ``p_best`` (share in which it is the highest of all options).

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> curves = revolve.psa([base, hf], draws=4, point_runs=2).ceac()
            >>> curves.groupby("wtp")["p_best"].sum().round(12).unique().tolist()  # one best option per sample
            [1.0]
        """
        wtp, beats, best = self._core.ceac()
        rows = []
        for w, value in enumerate(wtp):
            for s, label in enumerate(self.scenarios):
                rows.append((value, label, beats[s - 1][w] if s else np.nan, best[s][w]))
        return pd.DataFrame(rows, columns=["wtp", "scenario", "p_beats_baseline", "p_best"])

    def save(self, folder: str | os.PathLike, force: bool = False) -> pathlib.Path:
        """Write the files ``revolve psa`` writes (the same numbers, byte for byte), replacing `folder` at the end.

        Args:
            folder: the output folder: new, empty, or one revolve wrote.
            force: replace an existing folder even if revolve did not write it (never a file, link or device).

        Raises:
            OutputError: ``folder`` is a folder revolve did not write (and ``force`` is False), or not a folder.

        Example:
            >>> import pathlib, tempfile
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> out = revolve.psa([base, hf], draws=2, point_runs=2).save(pathlib.Path(tempfile.mkdtemp()) / "psa")
            >>> sorted(p.name for p in out.iterdir())[:5]
            ['.revolve-output', 'bristol_like_baseline', 'ceac.csv', 'comparison.csv', 'cost_effectiveness.csv']
        """
        path = pathlib.Path(folder)
        self._core.save(path, json.dumps(self.manifest), force)
        return path
