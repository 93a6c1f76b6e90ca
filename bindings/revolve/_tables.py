"""Tables of results as pandas DataFrames, shared by :mod:`revolve.scenarios` and :mod:`revolve.psa` (private)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from . import _core


def frame(columns: dict, results: _core.ScenarioResults | None = None) -> pd.DataFrame:
    """A table the engine built (``_core.*_table``): its columns as the file has them, and, given `results`, each
    period's start and end in years after ``period``."""
    table = pd.DataFrame(columns)
    return table if results is None else with_period_years(table, results)


def with_period_years(table: pd.DataFrame, results: _core.ScenarioResults) -> pd.DataFrame:
    """`table` with ``period_start`` and ``period_end`` [years from the start of the run] after ``period``."""
    years = dict(zip(results.periods + results.quarter_periods, results.period_years + results.quarter_years))
    at = table.columns.get_loc("period") + 1
    table.insert(at, "period_start", [years[p][0] for p in table["period"]])
    table.insert(at + 1, "period_end", [years[p][1] for p in table["period"]])
    return table


def selection(wanted: str | Iterable[str] | None, known: Sequence[str], what: str) -> list[str]:
    """The names asked for (all when None), each checked against `known`."""
    if wanted is None:
        return list(dict.fromkeys(known))
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(set(known)), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise KeyError(f"no {what} '{name}' in these results{hint}")
    return names


def timeseries(results: _core.ScenarioResults, measure: str | Iterable[str] | None) -> pd.DataFrame:
    records = results.measures
    per_step = [records[c] for c in results.per_step_columns]
    names = [m[1] for m in per_step]
    picked = [names.index(name) for name in selection(measure, names, "whole-cohort measure")]
    mean, sd, quantiles = results.per_step()
    steps = np.arange(1, mean.shape[0] + 1)
    frame = pd.DataFrame({
        "scenario": results.scenario.label,
        "step": np.repeat(steps, len(picked)),
        "time": np.repeat(steps.astype(float) * results.step_years, len(picked)),
        "measure": np.tile([names[i] for i in picked], len(steps)),
        "unit": np.tile([per_step[i][3] for i in picked], len(steps)),
        "mean": mean[:, picked].ravel(),
        "sd": sd[:, picked].ravel(),
    })
    for q, values in zip(results.quantiles, quantiles):
        frame[f"p{round(q * 100):02d}"] = values[:, picked].ravel()
    return frame


def run_totals(results: _core.ScenarioResults, values: np.ndarray, measure: str | Iterable[str] | None,
               period: str | None, group: str | None, index: dict[str, np.ndarray],
               quarterly: bool = False) -> pd.DataFrame:
    """Tidy rows of `values` [sample, period, column], one per sample, period and picked column.

    Args:
        results: what the columns and periods are (one scenario's results).
        values: totals with the layout of ``results.totals()``, or with `quarterly` of ``results.quarter_totals()``
            (quarters of the whole-cohort columns).
        measure, period, group: the selection (None: all).
        index: the columns that say which sample a row is (``{"run": ...}``), one value per sample.
    """
    records = [results.measures[c] for c in results.per_step_columns] if quarterly else results.measures
    labels = results.quarter_periods if quarterly else results.periods
    measures = selection(measure, [m[1] for m in records], "measure")
    groups = selection(group, [m[2] for m in records], "group")
    periods = selection(period, labels, "period")
    columns = [c for c, m in enumerate(records) if m[1] in measures and m[2] in groups]
    period_index = [labels.index(p) for p in periods]
    picked_values = values[:, period_index][:, :, columns]  # [sample, period, column]
    samples, n_periods, n_columns = picked_values.shape
    picked = [records[c] for c in columns]
    years = [(results.quarter_years if quarterly else results.period_years)[p] for p in period_index]
    frame = pd.DataFrame({name: np.repeat(np.asarray(ids), n_periods * n_columns) for name, ids in index.items()})
    frame.insert(0, "scenario", results.scenario.label)
    each = samples * n_periods
    frame["measure"] = np.tile([m[1] for m in picked], each)
    frame["group"] = np.tile([m[2] for m in picked], each)
    frame["payer"] = np.tile([m[5] for m in picked], each)
    frame["unit"] = np.tile([m[3] for m in picked], each)
    frame["period"] = np.tile(np.repeat(periods, n_columns), samples)
    frame["period_start"] = np.tile(np.repeat([y[0] for y in years], n_columns), samples)
    frame["period_end"] = np.tile(np.repeat([y[1] for y in years], n_columns), samples)
    frame["value"] = picked_values.ravel()
    return frame
