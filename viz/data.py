"""Read the folder that ``revolve compare`` (or ``revolve.Results.save``) writes, for figures and reports.

The folder holds ``comparison.csv``, ``manifest.json`` and one folder per scenario with ``results.csv``,
``summary.csv`` and ``manifest.json`` (``docs/scenarios.md`` describes every column). The folder of ``revolve psa``
has more: ``psa_`` columns in ``comparison.csv`` (chance and parameters), ``cost_effectiveness.csv`` and
``ceac.csv`` (``docs/uncertainty.md``). Errors name the file that is missing or malformed.

Example:
    >>> from viz.data import Comparison
    >>> data = Comparison.load("out/bristol")  # doctest: +SKIP
    >>> data.baseline, len(data.scenarios)  # doctest: +SKIP
    ('Bristol-like baseline', 7)
"""
from __future__ import annotations

import functools
import json
import os
import pathlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import labels

_TEXT = ["scenario", "measure", "group", "payer", "unit", "period", "aggregation", "verdict", "psa_verdict"]
_COMPARISON_COLUMNS = _TEXT[:6] + ["mean", "low", "high", "diff_mean", "diff_low", "diff_high"]
_RESULTS_COLUMNS = ["scenario", "step", "time", "measure", "unit", "mean", "p05", "p25", "p50", "p75", "p95"]
_PSA_COLUMNS = ["psa_mean", "psa_low", "psa_high", "psa_diff_mean", "psa_diff_low", "psa_diff_high"]
_CE_TEXT = ["scenario", "cost", "outcome", "outcome_unit", "verdict", "ratio_unit"]
_CE_COLUMNS = _CE_TEXT + ["cost_change", "gain", "p_better_cheaper", "p_better_costlier", "p_not_better_cheaper",
                          "p_not_better_costlier", "ratio"]
_CEAC_TEXT = ["wtp_unit", "scenario"]
_CEAC_COLUMNS = _CEAC_TEXT + ["wtp", "p_beats_baseline", "p_best"]
_LIVES_TEXT = ["person", "column", "state"]
_LIVES_COLUMNS = _LIVES_TEXT + ["first_step", "last_step"]


class DataError(Exception):
    """A comparison folder that cannot be read: the message names the file and what is wrong with it."""


@dataclass
class Uncertainty:
    """What ``revolve psa`` adds to a comparison: the analysis settings and its cost-effectiveness results.

    Attributes:
        settings: the manifest's ``psa`` section (design, draws, runs_per_draw, cost, outcome, parameters, held).
        cost_effectiveness: ``cost_effectiveness.csv``: one row per alternative.
        ceac: ``ceac.csv``: one row per willingness to pay and option.
    """

    settings: dict
    cost_effectiveness: pd.DataFrame
    ceac: pd.DataFrame

    @classmethod
    def load(cls, folder: pathlib.Path, manifest: dict) -> Uncertainty | None:
        """The PSA files of `folder`, or None when the manifest has no ``psa`` section (a plain comparison)."""
        if "psa" not in manifest:
            return None
        return cls(manifest["psa"], _read_csv(folder / "cost_effectiveness.csv", _CE_COLUMNS, _CE_TEXT),
                   _read_csv(folder / "ceac.csv", _CEAC_COLUMNS, _CEAC_TEXT))


@dataclass
class Comparison:
    """A comparison's outputs: paired differences, per-step fan-chart statistics and the run manifest.

    Attributes:
        folder: where the files are.
        manifest: ``manifest.json`` (code version, command, seed, runs, each scenario's resolved parameters).
        table: ``comparison.csv``: one row per scenario, measure, group and period; group "" is everyone.
        steps: every scenario's ``results.csv`` together: one row per scenario, week and measure.
        scenarios: the scenarios' names, the baseline first.
        uncertainty: for the folder of ``revolve psa``, its settings and cost-effectiveness results; else None.
        lives: each scenario's ``lives.csv``, when the model follows a few people through the first run: one row
            per stretch of weeks (``first_step`` to ``last_step``) a person (``A``, ``B`` ...) spends in one
            ``state`` of one ``column``.
    """

    folder: pathlib.Path
    manifest: dict
    table: pd.DataFrame
    steps: pd.DataFrame
    scenarios: list[str] = field(default_factory=list)
    uncertainty: Uncertainty | None = None
    lives: dict[str, pd.DataFrame] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: str | os.PathLike) -> Comparison:
        """Read a comparison folder.

        Args:
            folder: the ``--out`` folder of ``revolve compare``.

        Returns:
            The comparison.

        Raises:
            DataError: a file is missing or malformed; the message names it.

        Example:
            >>> Comparison.load("no/such/folder")
            Traceback (most recent call last):
              ...
            viz.data.DataError: no/such/folder: no such folder (give the --out folder of revolve compare)
        """
        folder = pathlib.Path(folder)
        if not folder.is_dir():
            raise DataError(f"{folder}: no such folder (give the --out folder of revolve compare)")
        manifest = _read_json(folder / "manifest.json")
        scenarios = [s.get("label", "") for s in manifest.get("scenarios", [])]
        if len(scenarios) < 2:
            raise DataError(f"{folder / 'manifest.json'}: names {len(scenarios)} scenario(s); a comparison needs a "
                            "baseline and at least one alternative (is this the output of revolve run?)")
        uncertainty = Uncertainty.load(folder, manifest)
        table = _read_csv(folder / "comparison.csv", _COMPARISON_COLUMNS + (_PSA_COLUMNS if uncertainty else []))
        folders = _scenario_folders(folder)
        missing = [s for s in scenarios if s not in folders]
        if missing:
            raise DataError(f"{folder}: no folder with a manifest.json for scenario '{missing[0]}' "
                            f"(found: {', '.join(sorted(folders)) or 'none'})")
        steps = pd.concat([_read_csv(folders[s] / "results.csv", _RESULTS_COLUMNS) for s in scenarios],
                          ignore_index=True)
        lives = {s: _read_csv(folders[s] / "lives.csv", _LIVES_COLUMNS, _LIVES_TEXT) for s in scenarios
                 if (folders[s] / "lives.csv").is_file()}
        return cls(folder, manifest, table, steps, scenarios, uncertainty, lives)

    @property
    def baseline(self) -> str:
        """The baseline's name."""
        return self.scenarios[0]

    @property
    def alternatives(self) -> list[str]:
        """Every scenario but the baseline."""
        return self.scenarios[1:]

    @property
    def horizon_years(self) -> float:
        """Years simulated."""
        return float(self.manifest["scenarios"][0].get("horizon_years", self.steps["time"].max()))

    def outcomes(self) -> list[str]:
        """The outcomes that matter to people, in the order of :data:`viz.labels.OUTCOMES` then the model's.

        They are the measures ``comparison.csv`` gives a net cost per unit for (the CLI headlines the same ones),
        and the outcomes :data:`viz.labels.OUTCOMES` names that it holds (such as s136 detentions).
        """
        found = [m.removeprefix("net_cost_per.") for m in self.measures if m.startswith("net_cost_per.")]
        present = set(self.measures)
        found += [m for m in labels.OUTCOMES if m in present and m not in found]
        known = [m for m in labels.OUTCOMES if m in found]
        return known + [m for m in found if m not in known]

    def rows(self, measure: str | None = None, period: str = "total", group: str = "",
             prefix: str | None = None) -> pd.DataFrame:
        """Rows of ``comparison.csv`` for one measure (or every measure starting with `prefix`).

        Example:
            >>> data = Comparison.load("out/bristol")  # doctest: +SKIP
            >>> data.rows("events.death")[["scenario", "mean", "diff_mean"]]  # doctest: +SKIP
        """
        if prefix is None:
            return self._rows.get((measure, period, group), self.table.iloc[:0])
        t = self.table
        matching = [m for m in self.measures if m.startswith(prefix)]
        return t[t["measure"].isin(matching) & (t["period"] == period) & (t["group"] == group)]

    def index(self) -> None:
        """Builds the lookups that rows(), series() and years use, now rather than at their first use (before
        forking workers that would each build them)."""
        for lookup in ("_rows", "_series", "measures", "years"):
            getattr(self, lookup)

    @functools.cached_property
    def measures(self) -> list[str]:
        """Every measure of ``comparison.csv``, in the order they first appear."""
        return list(pd.unique(self.table["measure"]))

    @functools.cached_property
    def years(self) -> list[str]:
        """The yearly periods of ``comparison.csv`` ("year 1", "year 2", ...), in order."""
        periods = [p for p in pd.unique(self.table["period"]) if p.startswith("year ")]
        return sorted(periods, key=lambda p: int(p.split()[1]))

    @functools.cached_property
    def _rows(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        """The table split by (measure, period, group), once: figures and reports look rows up hundreds of times."""
        return dict(tuple(self.table.groupby(["measure", "period", "group"], sort=False)))

    @functools.cached_property
    def _series(self) -> dict[tuple[str, str], pd.DataFrame]:
        return {key: frame.sort_values("step") for key, frame in self.steps.groupby(["measure", "scenario"], sort=False)}

    def percent_change(self, measure: str, group: str = "", period: str = "total",
                       parameters: bool = False) -> pd.DataFrame:
        """Each alternative's paired change from the baseline as a percentage of the baseline's mean.

        Args:
            measure, group, period: the row of ``comparison.csv``.
            parameters: the intervals with chance and parameters (the ``psa_`` columns of ``revolve psa``) instead
                of chance only.

        Returns:
            One row per alternative: ``scenario``, ``base`` (the baseline's mean), ``diff_mean``, ``diff_low``,
            ``diff_high`` (absolute) and ``pct``, ``pct_low``, ``pct_high`` (percent of ``base``; NaN when the
            baseline's mean is 0).
        """
        key = (measure, group, period, parameters)
        if key not in self._percent_changes:  # a report asks for each about ten times
            self._percent_changes[key] = self._percent_change(measure, group, period, parameters)
        return self._percent_changes[key].copy()

    @functools.cached_property
    def _percent_changes(self) -> dict[tuple[str, str, str, bool], pd.DataFrame]:
        return {}

    def _percent_change(self, measure: str, group: str, period: str, parameters: bool) -> pd.DataFrame:
        rows = self.rows(measure, period, group).set_index("scenario")
        if self.baseline not in rows.index:
            return pd.DataFrame(columns=["scenario", "base", "pct", "pct_low", "pct_high"])
        prefix = "psa_" if parameters else ""
        base = float(rows.loc[self.baseline, f"{prefix}mean"])
        out = rows.loc[[s for s in self.alternatives if s in rows.index],
                       [f"{prefix}diff_mean", f"{prefix}diff_low", f"{prefix}diff_high"]].astype(float)
        out.columns = ["diff_mean", "diff_low", "diff_high"]
        scale = 100.0 / base if base else np.nan
        out["base"] = base
        out["pct"], out["pct_low"], out["pct_high"] = (out[c] * scale for c in ("diff_mean", "diff_low", "diff_high"))
        return out.reset_index()

    def series(self, measure: str, scenario: str) -> pd.DataFrame:
        """One scenario's per-week statistics of one measure (``time`` in years; ``p05`` ... ``p95``)."""
        return self._series.get((measure, scenario), self.steps.iloc[:0])

    def has_series(self, measure: str) -> bool:
        """Whether ``results.csv`` holds the measure."""
        return (measure, self.baseline) in self._series

    def parameters(self, scenario: int = 0) -> pd.DataFrame:
        """A scenario's resolved parameters from the manifest: ``value``, ``unit``, ``status`` by name."""
        records = self.manifest["scenarios"][scenario].get("model_manifest", {}).get("parameters", [])
        return pd.DataFrame.from_records(records, columns=["name", "value", "unit", "status"]).set_index("name")

    def parameters_file(self) -> pathlib.Path | None:
        """The model's ``parameters.yaml`` that the baseline ran with (from the manifest), if it still exists."""
        files = self.manifest["scenarios"][0].get("model_manifest", {}).get("files", [])
        paths = [pathlib.Path(f["path"]) for f in files if str(f.get("path", "")).endswith("parameters.yaml")]
        return next((p for p in paths if p.is_file()), None)


def _read_json(path: pathlib.Path) -> dict:
    if not path.is_file():
        raise DataError(f"{path}: no such file (is this the --out folder of revolve compare?)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: malformed JSON: {e}") from None


def _read_csv(path: pathlib.Path, columns: list[str], text: list[str] = _TEXT) -> pd.DataFrame:
    if not path.is_file():
        raise DataError(f"{path}: no such file (is this the --out folder of revolve compare?)")
    try:
        frame = pd.read_csv(path, dtype={c: str for c in text}, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise DataError(f"{path}: malformed CSV: {e}") from None
    missing = [c for c in columns if c not in frame.columns]  # the other text columns are optional (older files)
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)} (docs/scenarios.md lists them)")
    for c in set(text) & set(frame.columns):
        frame[c] = frame[c].fillna("")
    numeric = [c for c in columns if c not in text]
    try:
        frame[numeric] = frame[numeric].astype(float)
    except ValueError as e:
        raise DataError(f"{path}: a number column holds text: {e}") from None
    return frame


def _scenario_folders(folder: pathlib.Path) -> dict[str, pathlib.Path]:
    """Each scenario's folder, by the label its manifest gives."""
    found = {}
    for manifest in sorted(folder.glob("*/manifest.json")):
        for scenario in _read_json(manifest).get("scenarios", []):
            found[scenario.get("label", "")] = manifest.parent
    return found
