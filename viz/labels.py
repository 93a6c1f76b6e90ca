"""Plain-English names for what the model counts, so that figures and reports speak to a board, not a coder.

The words come from the model's own dictionary (``revolve.model_dictionary``): this module only arranges them.

Measures the model adds later still appear, under their own names: a missing label is never an error.

Example:
    >>> from viz import labels
    >>> labels.measure("person_weeks.rough_sleeping")
    'Weeks sleeping rough'
    >>> labels.measure("events.new_thing")
    'events.new_thing'
"""
from __future__ import annotations

from revolve import model_dictionary

_WORDS = model_dictionary("revolving_door")  # declared once, in C++ beside the model

#: Outcomes that matter to people: name, whether fewer (-1) or more (+1) is better, and what one unit is.
OUTCOMES: dict[str, tuple[str, int, str]] = {
    m["name"]: (m["label"], m["better"], m["unit"]) for m in _WORDS["measures"] if m["better"] != 0}

#: People in a state on a given week, by domain, in the order they stack (best placed at the bottom).
STATES: dict[str, dict[str, str]] = {
    d["title"]: {s["name"]: s["label"] for s in d["states"]} for d in _WORDS["state_domains"]}

#: People in a state each week that make good fan charts: name and what a board calls it.
TRAJECTORIES: dict[str, str] = {t["name"]: t["label"] for t in _WORDS["trajectories"]}

#: The states a few simulated people's lives are drawn in (``lives.csv``): per column, what a board calls each state,
#: the best placed first (the model's dictionary). ``left`` is the engine's "no longer in the cohort"
#: (sim/abm/example_lives.hpp).
LIFE_STATES: dict[str, tuple[str, dict[str, str]]] = {
    d["column"]: (d["title"], {s["name"]: s["label"] for s in d["states"]}) for d in _WORDS["life_columns"]}
LEFT = "Left the cohort (died or moved away)"

GROUPS: dict[str, str] = {g["name"]: g["label"] for g in _WORDS["groups"]}

#: Short forms of the group names, for axis ticks.
GROUPS_SHORT: dict[str, str] = {g["name"]: g["short_label"] for g in _WORDS["groups"]}

PAYERS: dict[str, str] = {p["name"]: p["label"] for p in _WORDS["payers"]}

INTERVENTIONS: dict[str, str] = {i["name"]: i["label"] for i in _WORDS["interventions"]}

_LABELS: dict[str, str] = {m["name"]: m["label"] for m in _WORDS["measures"]}


def measure(name: str) -> str:
    """A board-friendly name for a measure, or the measure's own name when there is none.

    Args:
        name: a measure such as ``"events.ae_attendance"`` or ``"people.rough_sleeping"``.

    Returns:
        Its plain-English name.

    Example:
        >>> measure("events.ae_attendance"), measure("people.mh_crisis")
        ('A&E attendances', 'People in a mental-health crisis')
    """
    if name.startswith(("cost.", "cost_discounted.")):
        return PAYERS.get(name.split(".", 1)[1], "All payers")
    return _LABELS.get(name, name)


def better(name: str) -> int:
    """-1 when fewer is better for people, +1 when more is, 0 when the measure is not an outcome.

    Example:
        >>> better("events.death"), better("events.positive_exit"), better("cost.nhs")
        (-1, 1, 0)
    """
    return OUTCOMES[name][1] if name in OUTCOMES else 0
