"""Tables for evaluators, from :class:`revolve.Results` (which inherits them): shares of people or events, run by
run, with their 90% interval over runs and, for a comparison, the paired difference from the baseline.

- :meth:`EvaluationTables.share`: any share of two measures over a period (``returned / followed``).
- :meth:`EvaluationTables.reoffending_by_release_housing`: of the releases from prison followed for 52 weeks, the
  share back in court (a new custodial or community sentence) or recalled within them, by housing at release.
- :meth:`EvaluationTables.housed_all_of_the_time`: of the people in the cohort throughout the last 26 weeks of a
  year, the share housed (settled, supported or Housing First) in every one of those weeks.
- :meth:`EvaluationTables.entry_cohorts`: the people who joined the Housing First list, MTAM or a navigator, and their
  weeks sleeping rough, housed and in prison in the 52 weeks from then, per person.

docs/python.md ('Outputs for evaluations') says how each is counted.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

RELEASE_HOUSING = ["rough_sleeping", "temporary", "transitional", "supported", "settled", "housing_first"]
ENTRY_COHORTS = ["housing_first", "mtam", "navigator"]
ENTRY_OUTCOMES = ["weeks_rough_sleeping", "weeks_housed", "weeks_in_prison"]


def _interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 5th and 95th percentiles (numpy's default, the engine's type 7), ignoring runs with no share."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    low, high = np.quantile(values, [0.05, 0.95])
    return (float(values.mean()), float(low), float(high))


def _share_rows(numerator: pd.DataFrame, denominator: pd.DataFrame, baseline: str, comparison: bool) -> pd.DataFrame:
    """One row per scenario from per-run counts (index run, columns scenario): counts' means, the share's interval
    over runs and, for a comparison, the interval of its paired difference from the baseline."""
    with np.errstate(invalid="ignore", divide="ignore"):
        share = numerator / denominator.where(denominator > 0)
    rows = []
    for scenario in numerator.columns:
        row = {"scenario": scenario, "denominator": denominator[scenario].mean(),
               "numerator": numerator[scenario].mean()}
        row["share"], row["share_low"], row["share_high"] = _interval(share[scenario].to_numpy())
        if comparison:
            diff = (share[scenario] - share[baseline]).to_numpy()
            row["diff"], row["diff_low"], row["diff_high"] = _interval(diff)
        rows.append(row)
    return pd.DataFrame(rows)


class EvaluationTables:
    """Share tables (mixed into :class:`revolve.Results`, which provides ``runs``, ``scenarios`` and ``_comparison``).

    Example:
        >>> import revolve
        >>> issubclass(revolve.Results, EvaluationTables)
        True
    """

    def _per_run(self, measures: list[str], period: str, group: str) -> pd.DataFrame:
        table = self.runs(measures, period=period, group=group)
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
        top = wide.loc[numerator].groupby(level="run").sum()
        bottom = wide.loc[denominator].groupby(level="run").sum()
        return _share_rows(top, bottom, self.scenarios[0], self._comparison)

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
        and their weeks sleeping rough, housed and in prison in the 52 weeks from the week they joined, per person.

        A person counts once per cohort, from the first week they are in it, when their 52 weeks end (so a period
        holds the people whose year ended in it, and people who die or move away within it are not counted). The
        Housing First list takes people by need and homelessness whatever the places, so with Housing First in both
        scenarios the cohort is nearly the same people in each, run by run, and the paired difference is the change
        for them: an intention-to-treat comparison of the area's people, not of ids.

        Args:
            period, group: as :meth:`share`.

        Returns:
            One row per scenario, cohort (``housing_first``, ``mtam``, ``navigator``) and outcome
            (``weeks_rough_sleeping``, ``weeks_housed``, ``weeks_in_prison``): the columns of :meth:`share`, with
            ``denominator`` the people and ``share`` their weeks per person in the 52 weeks.

        Example:
            >>> import revolve
            >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
            ...     horizon_years=2, population_scale=0.2)
            >>> table = revolve.run(small, runs=2).entry_cohorts()
            >>> row = table.query("cohort == 'housing_first' and outcome == 'weeks_housed'")
            >>> bool(0 < row["share"].item() <= 52)
            True
        """
        frames = []
        for cohort in ENTRY_COHORTS:
            for outcome in ENTRY_OUTCOMES:
                prefix = f"entry_cohort_52w.{cohort}."
                frame = self.share(prefix + outcome, prefix + "people", period, group)
                frame.insert(1, "cohort", cohort)
                frame.insert(2, "outcome", outcome)
                frames.append(frame)
        return pd.concat(frames, ignore_index=True)
