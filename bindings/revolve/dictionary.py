"""What a model's outputs are called: the one dictionary of labels, units, better directions, payers and the
model's own limitations, declared in C++ beside the model and read here (viz/labels.py builds on it).

Example:
    >>> import revolve
    >>> words = revolve.model_dictionary()
    >>> [m["label"] for m in words["measures"] if m["name"] == "events.ae_attendance"]
    ['A&E attendances']
    >>> [g["name"] for g in words["groups"]][:2]
    ['', 'wider']
"""
from __future__ import annotations

import functools

from . import _core


@functools.cache
def model_dictionary(model: str = "revolving_door") -> dict:
    """The model's output dictionary.

    Args:
        model: the model's name, as scenario files give it.

    Returns:
        A dict with ``measures`` (name, label, unit, aggregation, payer, better), ``groups``, ``payers``,
        ``interventions`` and ``trajectories`` (name, label, short_label), ``state_domains`` and ``life_columns`` (title, column and states)
        and ``limitations`` (sentences). Treat it as read-only: it is shared between callers.

    Raises:
        revolve.ScenarioError: no model of that name.
    """
    return _core.model_dictionary(model)
