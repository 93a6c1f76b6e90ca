"""How changes made from Python (``Scenario.with_changes``, ``run``, ``compare``) are read and checked, as a scenario
file's are: parameter values with their units, intervention schedules, settings within the engine's limits.
Errors begin with ``with_changes:`` where a file's begin with its name.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

from . import _core
from .errors import ScenarioError

#: A parameter's new value: a number in the parameter's own unit, ``(value, "unit")`` or
#: ``{"value": value, "unit": "unit"}``.
ParameterValue = float | tuple[float, str] | Mapping[str, Any]
#: An intervention's schedule: ``{"start": 0.5, "scale_up": 1, "stop": 10, "level": 1}`` (years from the start
#: of the run, all optional), a list of such windows, ``{"schedule": [...]}``, ``"on"`` or ``"off"``.
Schedule = Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | bool | None

_WHERE = "with_changes: "  # how errors in changes made from Python begin, as a file's begin with its name
_WINDOW_KEYS = ("start", "scale_up", "stop", "level")
_LIMITS = _core.scenario_limits()  # the engine's, as scenario files are checked (docs/reliability.md)
_MAX_RUNS, _MAX_SEED = _LIMITS["runs"], 2**64 - 1


def _whole(value: Any, name: str, lowest: int, highest: int | None = None) -> int:
    if (isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= lowest
            and (highest is None or value <= highest)):
        return int(value)
    bound = f"of at least {lowest}" if highest is None else f"from {lowest} to {highest}"
    raise ValueError(f"{name} must be a whole number {bound}, got {value!r}")


def _number(value: Any, name: str) -> float:
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ScenarioError(f"{_WHERE}'{name}' must be a number, got {value!r}")


def _parameter_change(name: str, value: ParameterValue) -> tuple[str, float, str]:
    """(name, value, unit) from a number, (value, unit) or {"value": ..., "unit": ...}; unit "" is its own."""
    if isinstance(value, Mapping):
        unknown = [key for key in value if key not in ("value", "unit")]
        if unknown:
            raise ScenarioError(f"{_WHERE}unknown key '{unknown[0]}' in parameter '{name}' (allowed: value, unit)")
        if "value" not in value:
            raise ScenarioError(f"{_WHERE}parameter '{name}' needs a 'value'")
        number, unit = value["value"], value.get("unit", "")
    elif isinstance(value, tuple) and len(value) == 2:
        number, unit = value
    else:
        number, unit = value, ""
    return str(name), _number(number, name), str(unit)


def _schedule(name: str, value: Schedule) -> list[tuple[float, float, float, float]] | None:
    """The windows of an intervention in time order (start, scale_up, stop, level), or None to switch it off."""
    if value is None or value is False or value == "off":
        return None
    if value is True or value == "on":
        value = {}
    if isinstance(value, Mapping) and "schedule" in value:
        if len(value) != 1:
            raise ScenarioError(f"{_WHERE}'{name}' has a 'schedule' list: put start, scale_up, stop and level in "
                                "its windows")
        value = value["schedule"]
    if isinstance(value, Mapping):
        value = [value]
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise ScenarioError(f"{_WHERE}the schedule of '{name}' must be a window such as {{'start': 0.5}}, a list "
                            f"of windows, 'on' or 'off', got {value!r}")
    windows = sorted((_window(name, window) for window in value), key=lambda w: w[0])
    for before, after in zip(windows, windows[1:]):
        if after[0] < before[2]:
            raise ScenarioError(f"{_WHERE}overlapping schedule: a window of '{name}' starts at {after[0]:g} years, "
                                f"before the one starting at {before[0]:g} years stops ({before[2]:g} years)")
    return windows


def _window(name: str, window: Any) -> tuple[float, float, float, float]:
    """One window's (start, scale_up, stop, level), checked as a scenario file's are."""
    if not isinstance(window, Mapping):
        raise ScenarioError(f"{_WHERE}a schedule window of '{name}' must be a mapping with start, scale_up, stop, "
                            f"level, got {window!r}")
    for key in window:
        if key not in _WINDOW_KEYS:
            raise ScenarioError(f"{_WHERE}unknown key '{key}' in the schedule of '{name}' (allowed: level, "
                                "scale_up, start, stop)")
    start, scale_up, stop, level = (_number(window[key], key) if key in window else default
                                    for key, default in zip(_WINDOW_KEYS, (0.0, 0.0, math.inf, 1.0)))
    for key, value in (("start", start), ("scale_up", scale_up), ("level", level)):
        if value < 0:
            raise ScenarioError(f"{_WHERE}'{key}' of '{name}' must not be negative")
    if not stop > start:
        raise ScenarioError(f"{_WHERE}'stop' of '{name}' must come after its start")
    return start, scale_up, stop, level


def _set_settings(core: _core.Scenario, **settings: Any) -> None:
    """Set the settings given (not None), checked as a scenario file's are."""
    checks = {"description": str, "horizon_years": lambda v: _positive(v, "horizon_years", _LIMITS["horizon_years"]),
              "population_scale": lambda v: _positive(v, "population_scale"),
              "runs": lambda v: _whole(v, "runs", 1, _MAX_RUNS), "seed": lambda v: _whole(v, "seed", 0, _MAX_SEED)}
    for key, value in settings.items():
        if value is not None:
            setattr(core, key, checks[key](value))


def _positive(value: Any, name: str, most: float = math.inf) -> float:
    number = _number(value, name)
    if not number > 0:
        raise ScenarioError(f"{_WHERE}'{name}' must be positive, got {value!r}")
    if number > most:
        raise ScenarioError(f"{_WHERE}'{name}' {number:g} is above the limit of {most:g}")
    return number
