"""Model parameters with their provenance: value, unit, kind, source, status, uncertainty and bounds."""
from __future__ import annotations

import os
import pathlib

import pandas as pd

from . import _core
from .errors import InputError

_PACKAGE = pathlib.Path(__file__).resolve().parent


def parameters(model: str | os.PathLike) -> pd.DataFrame:
    """Every parameter of a model, one row each, as its parameters file writes it.

    Args:
        model: a model's name, such as ``"revolving_door"`` (its ``models/<name>/parameters.yaml``), or the path
            of a parameters file or of the folder that holds it.

    Returns:
        A DataFrame indexed by parameter name, in file order, with columns ``value``, ``unit``, ``kind``,
        ``model_value`` (converted to the model's time unit and price year), ``status``, ``source``,
        ``source_location``, ``derivation``, ``rationale``, ``uncertainty`` (e.g. "triangular 0.1 to 0.4"),
        ``distribution``, ``lower_bound``, ``upper_bound``, ``price_year`` and ``description``.
        ``frame.attrs`` holds the file's ``model``, ``time_unit`` and ``price_year``.

    Raises:
        InputError: no model of that name, or the file cannot be read.
        ParameterError: the file breaks a rule (unknown key, missing source, value out of bounds, unit mismatch);
            the message names the file, line and parameter.

    Example:
        >>> import revolve
        >>> table = revolve.parameters("revolving_door")
        >>> table.loc["cohort.size", ["value", "unit", "kind", "status"]].tolist()
        [5750.0, 'people', 'count', 'sourced']
        >>> table.attrs["time_unit"]
        'week'
    """
    records, conventions = _core.parameter_table(_parameters_file(model))
    columns = list(records[0]) if records else ["name"]
    frame = pd.DataFrame.from_records(records, columns=columns).set_index("name")
    frame.attrs.update(conventions)
    return frame


def _parameters_file(model: str | os.PathLike) -> pathlib.Path:
    """The file for a path, or for a model name: models/<name>/parameters.yaml where the models are."""
    text = os.fspath(model)
    if not isinstance(model, str) or os.sep in text or text.endswith((".yaml", ".yml")):
        path = pathlib.Path(text)
        return path / "parameters.yaml" if path.is_dir() else path
    folders = _model_folders()
    for folder in folders:
        candidate = folder / text / "parameters.yaml"
        if candidate.is_file():
            return candidate
    known = sorted({p.parent.name for folder in folders for p in folder.glob("*/parameters.yaml")})
    raise InputError(f"no model named '{text}' (known models: {', '.join(known) or 'none'}); "
                     "or give the path of a parameters file")


def _model_folders() -> list[pathlib.Path]:
    """Where models live: inside the package when pip installed it, else in the source tree it was built from."""
    candidates = [_PACKAGE / "models", _PACKAGE.parents[1] / "models"]
    return [folder for folder in candidates if folder.is_dir()]
