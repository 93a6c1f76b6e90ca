"""Per-run trajectories as an xarray Dataset, for :meth:`revolve.Results.trajectories` (private)."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from . import _core
from ._tables import selection


def dataset(results: list[_core.ScenarioResults], arrays: list[np.ndarray], kept: list[str],
            measure: str | Iterable[str] | None):
    """One variable per kept column, each with dimensions (scenario, run, step) and its unit as an attribute.

    Args:
        results: each scenario's results, the baseline first.
        arrays: each scenario's kept values [run, step, column], columns in the order of `kept`.
        kept: the columns kept (``compare(..., trajectories=[...])``).
        measure: those wanted, or None for all.
    """
    try:
        import xarray as xr
    except ImportError:  # pragma: no cover - Debian's python3-xarray is in scripts/packages.txt
        raise ImportError("per-run trajectories need xarray: apt-get install python3-xarray") from None
    if not kept:
        raise ValueError("no trajectories were kept: ask for them when running, e.g. "
                         "revolve.compare(..., trajectories=['people.rough_sleeping'])")
    names = selection(measure, kept, "kept trajectory")
    units = {m[0]: m[3] for m in results[0].measures}
    first = results[0]
    steps = np.arange(1, arrays[0].shape[1] + 1)
    variables = {}
    for name in names:
        column = kept.index(name)
        values = np.stack([a[:, :, column] for a in arrays])  # [scenario, run, step]
        variables[name] = (("scenario", "run", "step"), values, {"unit": units[name]})
    coords = {"scenario": [r.scenario.label for r in results], "run": np.arange(arrays[0].shape[0]), "step": steps,
              "time": ("step", steps * first.step_years, {"unit": "years from the start of the run"})}
    return xr.Dataset(variables, coords=coords, attrs={
        "description": "every run's value of each measure at the end of each step; run r of every scenario used "
                       "the same random numbers (common random numbers)"})
