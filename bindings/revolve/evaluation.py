"""Tables for evaluators, from :class:`revolve.Results` (which inherits them): shares of people or events, run by
run, with their 90% interval over runs and, for a comparison, the paired difference from the baseline.

- :meth:`EvaluationTables.share`: any share of two measures over a period (``returned / followed``).
- :meth:`EvaluationTables.reoffending_by_release_housing`: of the releases from prison followed for 52 weeks, the
  share back in court (a new custodial or community sentence) or recalled within them, by housing at release.
- :meth:`EvaluationTables.housed_all_of_the_time`: of the people in the cohort throughout the last 26 weeks of a
  year, the share housed (settled, supported or Housing First) in every one of those weeks.
- :meth:`EvaluationTables.entry_cohorts`: the people who joined the Housing First list, MTAM or a navigator, and their
  weeks sleeping rough, housed and in prison and A&E attendances in the 52 weeks from then, per person.

docs/python.md ('Outputs for evaluations') says how each is counted.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

RELEASE_HOUSING = ["rough_sleeping", "temporary", "transitional", "supported", "settled", "housing_first"]
ENTRY_COHORTS = ["housing_first", "mtam", "navigator"]
ENTRY_OUTCOMES = ["weeks_rough_sleeping", "weeks_housed", "weeks_in_prison", "ae_attendances"]


def _interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 5th and 95th percentiles (numpy's default, the engine's type 7), ignoring runs with no share."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    low, high = np.quantile(values, [0.05, 0.95])
    return (float(values.mean()), float(low), float(high))


def _shares(numerator: pd.DataFrame, denominator: pd.DataFrame) -> pd.DataFrame:
    """Run-by-run shares (NaN where the denominator is 0)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return numerator / denominator.where(denominator > 0)


def _sums(wide: pd.DataFrame, numerator: list[str], denominator: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run by run (index run, columns scenario), the numerator's measures added up and the denominator's."""
    return wide.loc[numerator].groupby(level="run").sum(), wide.loc[denominator].groupby(level="run").sum()


def _share_rows(numerator: pd.DataFrame, denominator: pd.DataFrame, paired: pd.DataFrame | None) -> pd.DataFrame:
    """One row per scenario from per-run counts (index run, columns scenario): counts' means, the share's interval
    over runs and, for a comparison, the interval of its difference from `paired` (the share each scenario is set
    against in the same run, by scenario)."""
    share = _shares(numerator, denominator)
    rows = []
    for scenario in numerator.columns:
        row = {"scenario": scenario, "denominator": denominator[scenario].mean(),
               "numerator": numerator[scenario].mean()}
        row["share"], row["share_low"], row["share_high"] = _interval(share[scenario].to_numpy())
        if paired is not None:
            diff = (share[scenario] - paired[scenario]).to_numpy()
            row["diff"], row["diff_low"], row["diff_high"] = _interval(diff)
        rows.append(row)
    return pd.DataFrame(rows)


class EvaluationTables:
    """Share tables (mixed into :class:`revolve.Results`, which provides ``runs``, ``scenarios``, ``_comparison`` and
    ``_entry_baseline_runs``).

    Example:
        >>> import revolve
        >>> issubclass(revolve.Results, EvaluationTables)
        True
    """

    def _per_run(self, measures: list[str], period: str, group: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
        """Values by (measure, run) x scenario: of :meth:`runs`, or of `table` (rows as runs gives)."""
        table = self.runs(measures, period=period, group=group) if table is None else table
        return table.pivot_table(index=["measure", "run"], columns="scenario", values="value", sort=False)[
            self.scenarios]

    def share(self, numerator: str | list[str], denominator: str | list[str], period: str = "total",
              group: str = "") -> pd.DataFrame:
        """The share numerator / denominator in each run (measures summed when several are given).

        Args:
            numerator, denominator: a measure or several, added up run by run.
            period: ``"year 1"`` ..., ``"total"`` or a quarter (whole-cohort measures).
            group: a priority group, or ``""`` for everyone.

        Returns:
            One row per scenario: ``denominator`` and ``numerator`` (means over runs), ``share`` (mean over runs of
            each run's share; runs with a denominator of 0 are left out), ``share_low``, ``share_high`` (5th and 95th
            percentiles over runs) and, for a comparison, ``diff``, ``diff_low``, ``diff_high``: the share minus the
            baseline's in the same run (common random numbers), over runs.

        Raises:
            KeyError: an unknown measure, period or group.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=1, population_scale=0.1)
            >>> table = revolve.run(small, runs=3).share("people.rough_sleeping", "people.alive", period="year 1")
            >>> table.columns.tolist()
            ['scenario', 'denominator', 'numerator', 'share', 'share_low', 'share_high']
        """
        numerator = [numerator] if isinstance(numerator, str) else list(numerator)
        denominator = [denominator] if isinstance(denominator, str) else list(denominator)
        wide = self._per_run(list(dict.fromkeys(numerator + denominator)), period, group)
        top, bottom = _sums(wide, numerator, denominator)
        return _share_rows(top, bottom, self._baseline_share(top, bottom))

    def _baseline_share(self, top: pd.DataFrame, bottom: pd.DataFrame) -> pd.DataFrame | None:
        """For a comparison, the baseline's run-by-run share under every scenario's name; None otherwise."""
        if not self._comparison:
            return None
        base = _shares(top, bottom)[self.scenarios[0]]
        return pd.DataFrame({s: base for s in self.scenarios})

    def reoffending_by_release_housing(self, period: str = "total", group: str = "") -> pd.DataFrame:
        """Of the releases from prison followed for 52 weeks, the share back in court (a new custodial or community
        sentence) or recalled within them, by where the person lived in the week of release.

        A release is counted when its 52 weeks end (or at the person's next release, if sooner: they went back to
        prison), so a period holds the releases whose follow-up ended in it, and the last year's releases are not yet
        counted at the horizon. Arrests that lead to no sentence are not seen.

        Args:
            period, group: as :meth:`share`.

        Returns:
            The columns of :meth:`share` after ``housing`` (``rough_sleeping``, ``temporary``, ``transitional`` (in
            accommodation given on release), ``supported``, ``settled``, ``housing_first``, and ``all``):
            ``denominator`` is releases followed, ``numerator`` those back in court or recalled.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=2, population_scale=0.2)
            >>> table = revolve.run(small, runs=2).reoffending_by_release_housing()
            >>> table["housing"].tolist()[-1], bool((table["share"].dropna() <= 1).all())
            ('all', True)
        """
        frames = []
        for housing in RELEASE_HOUSING + ["all"]:
            names = RELEASE_HOUSING if housing == "all" else [housing]
            frame = self.share([f"releases_returned_52w.{h}" for h in names],
                               [f"releases_followed_52w.{h}" for h in names], period, group)
            frame.insert(1, "housing", housing)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def housed_all_of_the_time(self, year: int = 2, group: str = "") -> pd.DataFrame:
        """Of the people in the cohort (alive, not moved away) in every one of the last 26 weeks of `year`, the share
        housed (settled, supported or Housing First: not homeless, not in prison) in every one of those weeks: for
        year 2, weeks 79 to 104, the window of Housing First trials' "stably housed in the last six months".

        Args:
            year: the year whose last 26 weeks are the window (1 to the horizon).
            group: a priority group, or ``""`` for everyone.

        Returns:
            The columns of :meth:`share`: ``denominator`` is people present throughout the window, ``numerator``
            those housed throughout it.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=2, population_scale=0.1)
            >>> table = revolve.run(small, runs=2).housed_all_of_the_time(year=2)
            >>> bool(0 < table["share"].item() < 1)
            True
        """
        return self.share("year_end.housed_all_last_26_weeks", "year_end.present_last_26_weeks", f"year {year}", group)

    def entry_cohorts(self, period: str = "total", group: str = "") -> pd.DataFrame:
        """The people who joined an entry cohort (the Housing First list or a tenancy, an MTAM worker, a navigator),
        and their weeks sleeping rough, housed and in prison and their A&E attendances in the 52 weeks from the week
        they joined, per person.

        A person counts once per cohort, from the first week they are in it, when their 52 weeks end, whether or not
        they are still in the cohort (intention to treat): death or moving away ends their weeks, not their place,
        and the weeks after a sustained positive exit count as housed. A period holds the people whose year ended in
        it.
        In a comparison, an alternative's entrants are set against the same people in the baseline: the baseline
        follows them, by person id under common random numbers, from the weeks they entered in the alternative
        (intention to treat). ``baseline_share`` is those people's weeks per person in the baseline and ``diff``
        the paired difference. When the two scenarios' people differ (``Results`` warned, and the manifest's
        ``entry_cohorts`` says why), or for the baseline itself, the baseline's own entrants are used instead.

        Args:
            period, group: as :meth:`share` (one of each).

        Raises:
            ValueError: period or group is None.

        Returns:
            One row per scenario, cohort (``housing_first``, ``mtam``, ``navigator``) and outcome
            (``weeks_rough_sleeping``, ``weeks_housed``, ``weeks_in_prison``, ``ae_attendances``): the columns of
            :meth:`share`, with ``denominator`` the people and ``share`` their weeks (or attendances) per person in
            the 52 weeks, and for a comparison ``baseline_share`` before ``diff``.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=2, population_scale=0.2)
            >>> table = revolve.run(small, runs=2).entry_cohorts()
            >>> row = table.query("cohort == 'housing_first' and outcome == 'weeks_housed'")
            >>> bool(0 < row["share"].item() <= 52)
            True
        """
        if period is None or group is None:
            raise ValueError("entry_cohorts: give one period and one group (not None)")
        measures = [f"entry_cohort_52w.{c}.{o}" for c in ENTRY_COHORTS for o in ENTRY_OUTCOMES + ["people"]]
        own = self._per_run(measures, period, group)
        paired = self._per_run(measures, period, group, self._entry_baseline_runs(measures, period, group))
        frames = []
        for cohort in ENTRY_COHORTS:
            for outcome in ENTRY_OUTCOMES:
                prefix = f"entry_cohort_52w.{cohort}."
                top, bottom = _sums(own, [prefix + outcome], [prefix + "people"])
                baseline = _shares(*_sums(paired, [prefix + outcome], [prefix + "people"]))
                frame = _share_rows(top, bottom, baseline if self._comparison else None)
                if self._comparison:
                    frame.insert(frame.columns.get_loc("diff"), "baseline_share",
                                 [baseline[s].mean() for s in frame["scenario"]])
                frame.insert(1, "cohort", cohort)
                frame.insert(2, "outcome", outcome)
                frames.append(frame)
        return pd.concat(frames, ignore_index=True)
