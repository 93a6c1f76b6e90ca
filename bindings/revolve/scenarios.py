"""Scenarios: load a scenario file, change it, run it or compare it with others in C++, read the results with pandas.

The numbers are exactly those of ``revolve run`` and ``revolve compare`` for the same scenarios, runs and seed:
the same engine runs them, paired by common random numbers (run r of every scenario uses the seed and run number
r), and the tables come from the same code as the CLI's files (``docs/scenarios.md`` describes their columns).

Example:
    >>> import revolve
    >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
    ...     horizon_years=1, population_scale=0.1)
    >>> hf = base.with_changes(params={"housing_first.added_places": 60},
    ...                        interventions={"housing_first": {"start": 0}}, label="Housing First +60")
    >>> res = revolve.compare([base, hf], runs=4, seed=1)
    >>> rough = res.summary().query("measure == 'person_weeks.rough_sleeping' and group == '' and period == 'total'")
    >>> rough["scenario"].tolist(), rough["diff_mean"].iloc[0]  # the baseline's difference from itself is 0
    (['Bristol-like baseline', 'Housing First +60'], 0.0)
"""
from __future__ import annotations

import json
import os
import pathlib
import warnings
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core, _progress, _tables, _trajectories
from ._changes import (_MAX_RUNS, _MAX_SEED, _WINDOW_KEYS, ParameterValue, Schedule, _parameter_change, _schedule,
                       _set_settings, _whole)
from ._progress import ProgressOption
from .evaluation import EvaluationTables
from .params import _model_folders


class Scenario:
    """A scenario: a model, its horizon, and the parameters and interventions it changes (``docs/scenarios.md``).

    Load one with :meth:`load`, derive others with :meth:`with_changes`, run them with :func:`run` or
    :func:`compare`. A scenario never changes: ``with_changes`` returns a new one.

    Example:
        >>> import revolve
        >>> hf = revolve.Scenario.load("scenarios/bristol/housing_first_x2.yaml")
        >>> hf
        <revolve.Scenario 'Housing First x2': revolving_door, 10 years, 50 runs, seed 1>
        >>> hf.parameters
        {'housing_first.added_places': 30.0}
        >>> hf.interventions
        {'housing_first': [{'start': 0.5, 'scale_up': 1.0, 'stop': inf, 'level': 1.0}]}
    """

    def __init__(self, core: _core.Scenario) -> None:
        self._core = core

    @classmethod
    def load(cls, path: str | os.PathLike) -> Scenario:
        """Read a scenario file, and the files it extends, and check it against its model.

        Args:
            path: a scenario file (``.yaml``); ``extends`` inside it is relative to it.

        Returns:
            The scenario.

        Raises:
            ScenarioError: the file is invalid (unknown key, unknown intervention or parameter, value out of
                bounds, overlapping schedule, missing ``extends`` target); the message names the file and line.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml")
            >>> base.label, base.model, base.horizon_years, base.runs
            ('Bristol-like baseline', 'revolving_door', 10.0, 50)
        """
        _use_package_models()
        return cls(_core.load_scenario(os.fspath(path)))

    @property
    def label(self) -> str:
        """Its name in results."""
        return self._core.label

    @property
    def description(self) -> str:
        """A sentence for readers."""
        return self._core.description

    @property
    def model(self) -> str:
        """The model it runs (``"revolving_door"``)."""
        return self._core.model

    @property
    def file(self) -> str:
        """The file it was loaded from (a scenario made by :meth:`with_changes` keeps its origin's)."""
        return self._core.file

    @property
    def horizon_years(self) -> float:
        """Years simulated."""
        return self._core.horizon_years

    @property
    def population_scale(self) -> float:
        """Multiplies the cohort and arrivals (1 is the calibrated area)."""
        return self._core.population_scale

    @property
    def runs(self) -> int:
        """Runs when :func:`run` or :func:`compare` is not told how many."""
        return self._core.runs

    @property
    def seed(self) -> int:
        """Seed when :func:`run` or :func:`compare` is not told one."""
        return self._core.seed

    @property
    def parameters(self) -> dict[str, ParameterValue]:
        """The parameters it changes: a number in the parameter's own unit, or ``(value, unit)``."""
        return {name: (value, unit) if unit else value for name, value, unit in self._core.parameters}

    @property
    def interventions(self) -> dict[str, list[dict[str, float]]]:
        """The interventions it switches on, each with its windows (years from the start; ``stop`` may be inf)."""
        return {name: [dict(zip(_WINDOW_KEYS, window)) for window in windows]
                for name, windows in self._core.interventions.items()}

    @property
    def hash(self) -> str:
        """A fingerprint of the settings as written (not the label or description), as in manifests.

        Equal settings give equal hashes. A value written in another unit, or with its unit where another file
        leaves it out, gives another hash even if the value in model units is the same: compare the manifest's
        resolved parameters for that.
        """
        return self._core.hash()

    def __repr__(self) -> str:
        return (f"<revolve.Scenario '{self.label}': {self.model}, {self.horizon_years:g} years, {self.runs} runs, "
                f"seed {self.seed}>")

    def with_changes(self, params: Mapping[str, ParameterValue] | None = None,
                     interventions: Mapping[str, Schedule] | None = None, label: str | None = None, *,
                     description: str | None = None, horizon_years: float | None = None,
                     population_scale: float | None = None, runs: int | None = None,
                     seed: int | None = None) -> Scenario:
        """A new scenario: this one with changes on top, as if a scenario file extending it set them.

        Args:
            params: parameter values, by name (``docs/model/parameters.md``): a number in the parameter's own
                unit, ``(value, "unit")`` or ``{"value": value, "unit": "unit"}``.
            interventions: schedules, by intervention: a window ``{"start": 0.5, "scale_up": 1, "stop": 10,
                "level": 1}`` (years from the start of the run; every key optional), a list of windows,
                ``{"schedule": [...]}``, ``"on"`` (from the start, at level 1) or ``"off"``.
            label: its name in results; by default this one's with the changes, such as
                ``"Bristol-like baseline with housing_first.added_places=60"``.
            description: a sentence for readers.
            horizon_years: years to simulate.
            population_scale: multiplies the cohort and arrivals: 0.1 runs ten times faster, for trying things.
            runs: runs by default.
            seed: seed by default.

        Returns:
            The new scenario, checked against its model.

        Raises:
            ScenarioError: an unknown parameter or intervention, a value out of bounds or in the wrong unit, or a
                bad schedule; the message begins with ``with_changes:``.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml")
            >>> mtam = base.with_changes(interventions={"mtam": {"start": 0, "scale_up": 2}},
            ...                          params={"contracts.term": (60, "months")})
            >>> mtam.label
            'Bristol-like baseline with contracts.term=60 months, mtam'
            >>> mtam.parameters, mtam.interventions["mtam"][0]["scale_up"]
            ({'contracts.term': (60.0, 'months')}, 2.0)
            >>> base.with_changes(params={"housing_first.added_places": 9000})
            Traceback (most recent call last):
              ...
            revolve.errors.ScenarioError: with_changes: 'housing_first.added_places': value 9000 places is out of bounds [0, 5000] places
        """
        changes = [_parameter_change(name, value) for name, value in (params or {}).items()]
        schedules = {str(name): _schedule(str(name), value) for name, value in (interventions or {}).items()}
        core = self._core.with_parameters(changes, label if label is not None else self._label_with(changes, schedules))
        for name, windows in schedules.items():
            if windows is None:
                core.remove_intervention(name)
            else:
                core.set_intervention(name, windows)
        _set_settings(core, description=description, horizon_years=horizon_years, population_scale=population_scale,
                      runs=runs, seed=seed)
        _core.validate_scenario(core)
        return Scenario(core)

    def _label_with(self, changes: list[tuple[str, float, str]], schedules: Mapping[str, list | None]) -> str:
        parts = [f"{name}={value:g}{' ' + unit if unit else ''}" for name, value, unit in changes]
        parts += [name if windows is not None else f"{name} off" for name, windows in schedules.items()]
        return f"{self.label} with {', '.join(parts)}" if parts else self.label


def run(scenario: Scenario | str | os.PathLike, runs: int | None = None, seed: int | None = None,
        threads: int | None = None, *, trajectories: Iterable[str] = (), progress: ProgressOption = None) -> Results:
    """Run a scenario as an ensemble in C++, as ``revolve run`` does (GIL released; Ctrl-C stops it).

    Args:
        scenario: a :class:`Scenario`, or the path of a scenario file.
        runs: number of runs; default: the scenario's ``runs``.
        seed: seed of the random streams; default: the scenario's ``seed``.
        threads: worker threads; default: every core.
        trajectories: measures to keep run by run and step by step, for :meth:`Results.trajectories` (see
            :func:`compare`).
        progress: True for a progress bar on stderr, or a function called as ``progress(done, total)`` with the
            run-steps done, about every 50 ms.

    Returns:
        The results: :meth:`Results.summary`, :meth:`Results.timeseries`, :meth:`Results.runs`.

    Raises:
        ScenarioError: the scenario is invalid.
        KeyboardInterrupt: Ctrl-C (or a notebook's interrupt): the run stops within about 50 ms, returning nothing.

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> res = revolve.run(small, runs=3, seed=7)
        >>> res
        <revolve.Results: 'Bristol-like baseline', 3 runs, seed 7>
        >>> list(res.summary().columns)
        ['scenario', 'measure', 'group', 'payer', 'unit', 'aggregation', 'period', 'period_start', 'period_end', 'mean', 'low', 'high']
    """
    return _run([scenario], runs, seed, threads, False, trajectories, progress)


def compare(scenarios: Iterable[Scenario | str | os.PathLike], runs: int | None = None, seed: int | None = None,
            threads: int | None = None, *, trajectories: Iterable[str] = (), progress: ProgressOption = None,
            match_entrants: bool = True) -> Results:
    """Run a baseline and alternatives with the same random numbers, as ``revolve compare`` does.

    Run r of every scenario uses the same seed and run number, so differences from the baseline are paired by
    run (common random numbers) and their intervals are narrow. An alternative's entry cohorts
    (``entry_cohort_52w.*``: the people it offered Housing First, MTAM or a navigator) are set against the same
    people in the baseline: the baseline runs again following that alternative's entrants, by person id, from the
    weeks they entered (intention to treat; one more baseline run per run of each alternative with entrants).

    Args:
        scenarios: the baseline first, then one or more alternatives (:class:`Scenario` objects or file paths),
            each with its own label.
        runs: runs per scenario; default: the baseline's ``runs``.
        seed: seed for every scenario; default: the baseline's ``seed``.
        threads: worker threads; default: every core.
        trajectories: measures to keep run by run and step by step, for :meth:`Results.trajectories`: whole-cohort
            measures (``"people.rough_sleeping"``) or a group's (``"events.death[chronic_homeless]"``). Each costs 8
            bytes a step a run: 4.2 KB a run over ten weekly years, 0.8 MB for 200 runs.
        progress: True for a progress bar on stderr, or a function called as ``progress(done, total)`` with the
            run-steps done, about every 50 ms.
        match_entrants: False sets entry cohorts against the baseline's own entrants (other people) and saves the
            extra baseline runs (``revolve compare --unmatched-cohorts``).

    Returns:
        The results; :meth:`Results.summary` has the paired differences (``diff_mean``, ``diff_low``,
        ``diff_high``) and the ``net_cost_per.<outcome>`` rows of ``comparison.csv``.

    Raises:
        ScenarioError: a scenario is invalid.
        ValueError: fewer than two scenarios, two with the same label or with labels that give the same folder
            name (``"A/B"`` and ``"a_b"``), or different horizons.
        KeyboardInterrupt: Ctrl-C: the comparison stops within about 50 ms, returning and writing nothing.

    Warns:
        UserWarning: an alternative's people are not the baseline's (another population scale, arrivals, cohort or
            starting states), so its entry cohorts are set against the baseline's own entrants instead; the warning and the
            manifest's ``entry_cohorts`` say why.

    Example:
        >>> import revolve
        >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> navigators = base.with_changes(interventions={"navigators": "on"}, label="Navigators")
        >>> res = revolve.compare([base, navigators], runs=3)
        >>> res.scenarios
        ['Bristol-like baseline', 'Navigators']
        >>> res.summary().columns[-3:].tolist()
        ['diff_mean', 'diff_low', 'diff_high']
    """
    scenarios = [_as_scenario(s) for s in scenarios]
    if len(scenarios) < 2:
        raise ValueError("compare needs a baseline and at least one alternative; to run one scenario, use run()")
    _check_comparable(scenarios)
    return _run(scenarios, runs, seed, threads, True, trajectories, progress, match_entrants)


def _check_comparable(scenarios: list[Scenario]) -> None:
    """Each scenario has a label of its own (and folder), and all share one horizon."""
    _check_distinct_labels(scenarios)
    horizons = {s.horizon_years for s in scenarios}
    if len(horizons) > 1:
        raise ValueError(f"every scenario of a comparison needs the same horizon_years, got {sorted(horizons)}: "
                         "change them all with with_changes(horizon_years=...)")


class Results(EvaluationTables):
    """The results of :func:`run` or :func:`compare`: tables as pandas DataFrames, and the CLI's files.

    Attributes:
        scenarios: the scenarios' labels, the baseline first.
        manifest: how to reproduce every number: versions, seed, runs, threads and each scenario's files, hash
            and resolved parameters (the CLI's ``manifest.json``, less the files' time of writing).

    Example:
        >>> import revolve
        >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=1, population_scale=0.1)
        >>> res = revolve.run(small, runs=2)
        >>> res.manifest["runs"], res.manifest["seed"], res.manifest["scenarios"][0]["label"]
        (2, 1, 'Bristol-like baseline')
    """

    def __init__(self, results: list[_core.ScenarioResults], manifest: dict, comparison: bool,
                 kept: Sequence[str] = (), trajectories: Sequence[np.ndarray] = ()) -> None:
        self._results = results
        self._comparison = comparison
        self._kept = list(kept)
        self._trajectories = list(trajectories)
        self._summary: pd.DataFrame | None = None
        self.manifest = manifest
        self.scenarios = [r.scenario.label for r in results]

    def __repr__(self) -> str:
        kind = "Comparison" if self._comparison else "Results"
        labels = ", ".join(repr(label) for label in self.scenarios)
        return f"<revolve.{kind}: {labels}, {self.manifest['runs']} runs, seed {self.manifest['seed']}>"

    @property
    def measures(self) -> pd.DataFrame:
        """What every output column means: measure, group ("" for everyone), unit, aggregation, payer, better, label.

        ``aggregation`` is ``level`` (people in a state: averaged over a period) or ``flow`` (events, costs: summed).
        ``better`` is -1 where fewer is better for people, +1 where more is, and 0 otherwise; ``label`` is what a
        board calls the measure (the measure itself where the model gives no plain-English name).

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> measures = revolve.run(small, runs=1).measures
            >>> measures.loc["people.rough_sleeping", ["unit", "aggregation", "better"]].tolist()
            ['people', 'level', 0]
            >>> measures.loc["person_weeks.rough_sleeping", ["unit", "aggregation", "better"]].tolist()
            ['person-weeks', 'flow', -1]
        """
        columns = ["column", "measure", "group", "unit", "aggregation", "payer", "better", "label"]
        return pd.DataFrame.from_records(self._results[0].measures, columns=columns).set_index("column")

    def summary(self) -> pd.DataFrame:
        """Mean and 90% interval over runs of every measure, group and period, as ``summary.csv`` has them.

        For a comparison, ``comparison.csv``: the paired difference from the baseline with its interval
        (``diff_mean``, ``diff_low``, ``diff_high``; 0 for the baseline) and ``net_cost_per.<outcome>`` rows.

        Returns:
            Columns ``scenario``, ``measure``, ``group`` ("" for everyone), ``payer``, ``unit``, ``period``
            (``year 1`` ... and ``total`` for every measure and group, then ``quarter 1`` ... for the whole-cohort
            measures), ``period_start`` and ``period_end`` (years from the start of the run),
            ``mean``, ``low``, ``high`` (5th and 95th percentiles over runs), and for
            a comparison ``diff_mean``, ``diff_low``, ``diff_high``. Empty numbers are NaN.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> table = revolve.run(small, runs=3).summary()
            >>> table["period"].unique().tolist()
            ['year 1', 'total', 'quarter 1', 'quarter 2', 'quarter 3', 'quarter 4']
        """
        if self._summary is None:
            columns = (_core.comparison_table(self._results) if self._comparison
                       else _core.summary_table(self._results[0]))
            self._summary = _tables.frame(columns, self._results[0])
        return self._summary.copy()

    def timeseries(self, measure: str | Iterable[str] | None = None) -> pd.DataFrame:
        """Per-step statistics over runs of whole-cohort measures (fan charts), as ``results.csv`` has them.

        Args:
            measure: a measure (``"people.rough_sleeping"``), several, or None for every one.

        Returns:
            A tidy DataFrame, one row per scenario, step and measure: ``scenario``, ``step`` (1 = the first
            week), ``time`` (years from the start), ``measure``, ``unit``, ``mean``, ``sd``, ``p05``, ``p25``,
            ``p50``, ``p75``, ``p95``.

        Raises:
            KeyError: an unknown measure; the message suggests close names.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> rough = revolve.run(small, runs=3).timeseries("people.rough_sleeping")
            >>> len(rough), rough["step"].iloc[-1], rough.columns.tolist()[:5]
            (52, 52, ['scenario', 'step', 'time', 'measure', 'unit'])
        """
        return pd.concat([_tables.timeseries(r, measure) for r in self._results], ignore_index=True)

    def runs(self, measure: str | Iterable[str] | None = None, period: str | None = "total",
             group: str | None = "") -> pd.DataFrame:
        """Every run's total of measures over a period, for statistics of your own (paired by run number).

        Args:
            measure: a measure (``"events.ae_attendance"``), several, or None for every one.
            period: ``"year 1"`` ... or ``"total"`` (the horizon); None for every one of those. A quarter
                (``"quarter 1"`` ...) gives the whole-cohort measures in that quarter (see :meth:`quarters`).
            group: a priority group, ``""`` for everyone, or None for every group.

        Returns:
            One row per scenario, run, period and output column: ``scenario``, ``run``, ``measure``, ``group``,
            ``payer``, ``unit``, ``period``, ``period_start`` and ``period_end`` (years from the start), ``value`` (a
            level averaged over the period, a flow summed). Run r of every scenario used the same random numbers, so
            ``value`` differences are paired by ``run``.

        Raises:
            KeyError: an unknown measure, period or group.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> per_run = revolve.compare([base, hf], runs=3).runs("people.rough_sleeping")
            >>> wide = per_run.pivot(index="run", columns="scenario", values="value")
            >>> wide.shape
            (3, 2)
        """
        if period is not None and period.startswith("quarter "):
            return self.quarters(measure, period)
        return pd.concat([_tables.run_totals(r, r.totals(), measure, period, group, {"run": np.arange(r.runs)})
                          for r in self._results], ignore_index=True)

    def _entry_baseline_runs(self, measure: list[str], period: str, group: str) -> pd.DataFrame:
        """The rows of :meth:`runs` that each scenario's entry-cohort measures are paired with, under its own label:
        the same people followed in the baseline (``entry_match == "same_people"``), zero when it had no entrants,
        or the baseline's own."""
        quarterly = period.startswith("quarter ")
        frames = []
        for r in self._results:
            source = r.matched_baseline if r.entry_match == "same_people" else self._results[0]
            values = source.quarter_totals() if quarterly else source.totals()
            if r.entry_match == "nobody":
                values = np.zeros_like(values)
            frame = _tables.run_totals(source, values, measure, period, "" if quarterly else group,
                                       {"run": np.arange(source.runs)}, quarterly=quarterly)
            frame["scenario"] = r.scenario.label
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def quarters(self, measure: str | Iterable[str] | None = None, period: str | None = None) -> pd.DataFrame:
        """Every run's total of whole-cohort measures in each quarter (13 weeks; every fourth quarter ends with its
        year, so four quarters add up to the year for a flow).

        Args:
            measure: a measure (``"events.arrest"``), several, or None for every whole-cohort one.
            period: ``"quarter 1"`` ... or None for every quarter.

        Returns:
            The columns of :meth:`runs` (``group`` is always ""), one row per scenario, run, quarter and measure.

        Raises:
            KeyError: an unknown measure or quarter.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> q = revolve.run(small, runs=2).quarters("events.arrest")
            >>> q["period"].unique().tolist(), q["period_end"].iloc[-1] > 0.99
            (['quarter 1', 'quarter 2', 'quarter 3', 'quarter 4'], True)
        """
        return pd.concat([_tables.run_totals(r, r.quarter_totals(), measure, period, "", {"run": np.arange(r.runs)},
                                             quarterly=True) for r in self._results], ignore_index=True)

    def trajectories(self, measure: str | Iterable[str] | None = None):
        """Every run's value of the kept measures at every step, as an xarray Dataset (run x step x measure).

        Keep measures by naming them when running: ``compare(..., trajectories=["people.rough_sleeping"])``.

        Args:
            measure: a kept measure, several, or None for all of them.

        Returns:
            An ``xarray.Dataset`` with one variable per measure (its ``unit`` an attribute), each with dimensions
            ``scenario``, ``run`` and ``step`` (1 = the first week), and the coordinate ``time`` (years) on ``step``.
            Run r of every scenario used the same random numbers, so differences are paired by ``run``.

        Raises:
            ValueError: no measures were kept.
            KeyError: a measure that was not kept.

        Example:
            >>> import revolve
            >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> hf = base.with_changes(interventions={"housing_first": "on"}, label="Housing First")
            >>> res = revolve.compare([base, hf], runs=3, trajectories=["people.rough_sleeping"])
            >>> rough = res.trajectories()["people.rough_sleeping"]
            >>> rough.dims, rough.shape, rough.attrs["unit"]
            (('scenario', 'run', 'step'), (2, 3, 52), 'people')
            >>> change = rough.sel(scenario="Housing First") - rough.sel(scenario="Bristol-like baseline")
            >>> change.mean("run").sizes["step"]  # the mean paired change, week by week
            52
        """
        return _trajectories.dataset(self._results, self._trajectories, self._kept, measure)

    def save(self, folder: str | os.PathLike, force: bool = False) -> pathlib.Path:
        """Write the files ``revolve run`` or ``revolve compare`` writes, byte for byte the same numbers.

        A run writes ``results.csv``, ``summary.csv`` and ``manifest.json`` in ``folder``; a comparison writes
        ``comparison.csv`` and ``manifest.json``, and each scenario's files in ``folder/<scenario>/``. The folder
        appears only once every file is written and flushed to the disk, and then replaces an earlier one in one
        step. It also holds ``.revolve-output``, the mark of a folder revolve wrote (``docs/reliability.md``).

        Args:
            folder: the output folder. If it exists, it must be empty or one revolve wrote.
            force: replace an existing folder even if revolve did not write it (never a file, link or device).

        Returns:
            The folder.

        Raises:
            OutputError: ``folder`` is a folder revolve did not write (and ``force`` is False), or not a folder;
                nothing is written or removed.

        Example:
            >>> import pathlib, tempfile
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> out = revolve.run(small, runs=2).save(pathlib.Path(tempfile.mkdtemp()) / "baseline")
            >>> sorted(p.name for p in out.iterdir())
            ['.revolve-output', 'lives.csv', 'manifest.json', 'results.csv', 'summary.csv']
        """
        path = pathlib.Path(folder)
        _core.save_results(path, self._results, json.dumps(self.manifest), self._comparison, force)
        return path


def _run(scenarios: list, runs: int | None, seed: int | None, threads: int | None, comparison: bool,
         trajectories: Iterable[str] = (), progress: ProgressOption = None, match_entrants: bool = True) -> Results:
    scenarios = [_as_scenario(s) for s in scenarios]
    baseline = scenarios[0]
    runs = baseline.runs if runs is None else _whole(runs, "runs", 1, _MAX_RUNS)
    seed = baseline.seed if seed is None else _whole(seed, "seed", 0, _MAX_SEED)
    threads = _core.default_threads() if threads is None else _whole(threads, "threads", 1)
    kept = [trajectories] if isinstance(trajectories, str) else list(trajectories)
    results, arrays = _core.run_scenarios([s._core for s in scenarios], runs, seed, threads, kept,
                                          _progress.callback(progress), match_entrants)
    labels = ", ".join(repr(s.label) for s in scenarios)
    call = f"revolve.compare([{labels}]" if comparison else f"revolve.run({labels}"
    command = f"{call}, runs={runs}, seed={seed}, threads={threads}{'' if match_entrants else ', match_entrants=False'})"
    manifest = json.loads(_core.run_manifest(results, command, runs, seed, threads))
    for r in results:
        if match_entrants and r.entry_match_note:
            warnings.warn(r.entry_match_note, stacklevel=3)
    return Results(results, manifest, comparison, kept, arrays)


def _check_distinct_labels(scenarios: list[Scenario]) -> None:
    """Each scenario's results go to a folder named after its label, and comparison.csv rows carry the label:
    two labels must not give one folder."""
    seen: dict[str, Scenario] = {}
    for s in scenarios:
        folder = _core.slug(s.label)
        if folder in seen:
            first = seen[folder]
            clash = (f"two scenarios are labelled {s.label!r}" if first.label == s.label else
                     f"the labels {first.label!r} and {s.label!r} both give the folder name {folder!r}")
            raise ValueError(f"{clash} ({first.file} and {s.file}), so their results would be mixed up: give each "
                             "its own, with_changes(label=...)")
        seen[folder] = s


def _as_scenario(scenario: Scenario | str | os.PathLike) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else Scenario.load(scenario)


def _use_package_models() -> None:
    """Let the engine find the models where this package finds them (inside it when pip installed it), unless
    $REVOLVE_MODELS_DIR says otherwise. Set before the engine loads its first model."""
    folders = _model_folders()
    if folders and not os.environ.get("REVOLVE_MODELS_DIR"):
        os.environ["REVOLVE_MODELS_DIR"] = str(folders[0])
