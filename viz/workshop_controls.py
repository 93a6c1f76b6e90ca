"""The workshop's controls: what a board can change, and what each setting means for the model.

Two kinds: the interventions (Housing First places, MTAM, contracts, accommodation on release, A&E navigators), each
turned into parameter changes and a schedule; and the sizes of the key effects (how much MTAM raises treatment,
how many people accept a Housing First offer, what engagement does), each one parameter moved within its stated
range, shown with its status and source from the parameter file, so a board sees how much rests on a judgement.
Every control exists only when the model has its parameters, and knows its baseline value (a mark on its slider).

Example:
    >>> import revolve
    >>> controls = Controls(revolve.Scenario.load("scenarios/bristol/baseline.yaml"))
    >>> [c.key for c in controls.items][:5]
    ['housing_first', 'mtam', 'contracts', 'release_accommodation', 'navigators']
    >>> controls.changes({"navigators": 8})
    ({'navigator.staff': 8.0}, {'navigators': {'start': 0}})
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import revolve

YOURS = "Your choices"


# --- the controls: what a board can change, and what each setting means for the model ------------------------------

@dataclass
class Control:
    """One slider or choice. ``apply(value)`` gives its parameter changes and interventions switched on.

    Attributes:
        key: its name in the page and in settings.
        label: what the board reads.
        kind: "range" (a slider) or "choice" (a list).
        value: its value in the baseline.
        minimum, maximum, step: a slider's range.
        unit: what a slider's number counts.
        options: a choice's options, as [value, text].
        help: one sentence on what it changes in the model.
        group: "intervention" (what is funded) or "effect" (how well it works: one parameter's size).
        status, source: an effect's provenance in the parameter file (sourced, derived, calibrated, assumption;
            the citation, or the rationale of an assumption).
    """

    key: str
    label: str
    kind: str
    value: float | str
    apply: object = field(repr=False)
    minimum: float = 0
    maximum: float = 0
    step: float = 1
    unit: str = ""
    options: list = field(default_factory=list)
    help: str = ""
    group: str = "intervention"
    status: str = ""
    source: str = ""

    def spec(self) -> dict:
        """What the page needs to draw the control."""
        keys = ["key", "label", "kind", "value", "minimum", "maximum", "step", "unit", "options", "help", "group",
                "status", "source"]
        return {k: getattr(self, k) for k in keys}


class Controls:
    """The workshop's controls for a baseline: their baseline values come from its parameters.

    Only controls whose parameters the model has are offered. Each turns a setting into parameter changes in the
    parameters' own units and an intervention schedule (from the start of the run).
    """

    def __init__(self, baseline: revolve.Scenario) -> None:
        self.baseline = baseline
        table = revolve.parameters(baseline.model)

        def value(name: str) -> float | None:
            """The parameter's value in the baseline (its own unit), or None when the model has no such one."""
            if name not in table.index:
                return None
            chosen = baseline.parameters.get(name, table.loc[name, "value"])
            return float(chosen[0] if isinstance(chosen, tuple) else chosen)

        self.items = [c for c in (self._housing_first(value), self._mtam(value), self._contracts(value),
                                  self._release(value), self._navigators(value)) if c is not None]
        self.items += [c for c in (_effect(table, name, value(name), label, help)
                                   for name, (label, help) in EFFECTS.items() if name in table.index) if c is not None]

    def defaults(self) -> dict:
        """Every control at its baseline value."""
        return {c.key: c.value for c in self.items}

    def changes(self, settings: dict) -> tuple[dict, dict]:
        """The parameters and interventions a set of control values changes from the baseline."""
        params, interventions = {}, {}
        for c in self.items:
            chosen = settings.get(c.key, c.value)
            if chosen != c.value:
                p, i = c.apply(chosen)
                params.update(p)
                interventions.update(i)
        return params, interventions

    def describe(self, settings: dict) -> str:
        """A short name for a set of control values, for the snapshot report."""
        parts = []
        for c in self.items:
            chosen = settings.get(c.key, c.value)
            if chosen != c.value:
                text = dict(c.options).get(chosen, chosen) if c.kind == "choice" else f"{_number(chosen)} {c.unit}"
                parts.append(f"{c.label if c.group == 'effect' else c.label.split(':')[0]}: {text}")
        return "; ".join(parts) or "Same as the baseline"

    def scenario(self, settings: dict, label: str = YOURS) -> revolve.Scenario:
        """The baseline with the changes the settings make."""
        params, interventions = self.changes(settings)
        return self.baseline.with_changes(params=params, interventions=interventions, label=label)

    # Each control below exists only when the model has its parameters.

    def _housing_first(self, value) -> Control | None:
        places, added = value("housing_first.places"), value("housing_first.added_places")
        if places is None or added is None:
            return None
        now = int(places + (added if "housing_first" in self.baseline.interventions else 0))
        return Control("housing_first", "Housing First places", "range", now, minimum=now, maximum=now + 200, step=10,
                       unit="places", help="Tenancies with intensive support; new places phase in over a year.",
                       apply=lambda v: ({"housing_first.added_places": float(v - places)},
                                        {"housing_first": {"start": 0, "scale_up": 1}}))

    def _mtam(self, value) -> Control | None:
        years = [value(f"mtam.coverage_year{i}") for i in (1, 2, 3)]
        if None in years or "mtam" in self.baseline.interventions:
            return None
        ratio = [y / years[2] for y in years]
        return Control("mtam", "MTAM: people supported from year 3", "range", 0, minimum=0,
                       maximum=int(2 * years[2] // 30 * 30), step=30, unit="people",
                       help="One lead coordinator and one plan per person (My Team Around Me); years 1 and 2 "
                            "support fewer, in the model's proportions.",
                       apply=lambda v: ({f"mtam.coverage_year{i + 1}": float(round(v * r)) for i, r in enumerate(ratio)},
                                        {"mtam": {"start": 0}}))

    def _contracts(self, value) -> Control | None:
        term, extension = value("contracts.term"), value("contracts.extension")
        if term is None or extension is None:
            return None
        now = f"{_number(term)}+{_number(extension)}"
        options = [[now, f"{now} years (baseline)"]] + [[o, f"{o} years"] for o in ("5+5", "7+3", "10+0") if o != now]
        return Control("contracts", "Contract length", "choice", now, options=options,
                       help="Initial term plus extension of pathway support contracts (Bristol moved from 3+2 to "
                            "5+5 in 2016).",
                       apply=lambda v: ({"contracts.term": float(v.split("+")[0]),
                                         "contracts.extension": float(v.split("+")[1])}, {}))

    def _release(self, value) -> Control | None:
        if value("release_accommodation.share_offered") is None or "release_accommodation" in self.baseline.interventions:
            return None
        return Control("release_accommodation", "Accommodation on release: share of prison leavers with no home "
                       "offered a place", "range", 0, minimum=0, maximum=90, step=10, unit="%",
                       help="Transitional accommodation on release from prison, beyond usual practice.",
                       apply=lambda v: ({"release_accommodation.share_offered": v / 100},
                                        {"release_accommodation": {"start": 0}}))

    def _navigators(self, value) -> Control | None:
        if value("navigator.staff") is None or "navigators" in self.baseline.interventions:
            return None
        return Control("navigators", "A&E navigators", "range", 0, minimum=0, maximum=20, step=1, unit="posts",
                       help="Navigators for the people who attend A&E most often.",
                       apply=lambda v: ({"navigator.staff": float(v)}, {"navigators": {"start": 0}}))


def _number(x) -> str:
    return f"{float(x):g}"


#: The sizes of the key effects a board can move: parameter -> (label, what it does). Each acts only where its
#: intervention or mechanism does (an MTAM effect changes nothing unless MTAM is on).
EFFECTS: dict[str, tuple[str, str]] = {
    "mtam.treatment_entry_multiplier": ("MTAM: effect on starting treatment",
                                        "How many times as likely a person with an MTAM plan is to start mental-health "
                                        "or substance treatment."),
    "mtam.tenancy_loss_multiplier": ("MTAM: effect on losing a home",
                                     "The chance of losing a tenancy or placement with an MTAM plan, as a multiple."),
    "housing_first.offer_acceptance": ("Housing First: share accepting an offer",
                                       "The chance a person offered a Housing First tenancy takes it."),
    "engagement.effect_on_crisis": ("Engagement: effect on crises",
                                    "Crises at full engagement with a trusted worker, as a multiple of crises without."),
    "engagement.effect_on_tenancy_loss": ("Engagement: effect on losing a home",
                                          "Tenancies lost at full engagement, as a multiple of those without."),
    "navigator.ae_multiplier": ("A&E navigators: effect on attendances",
                                "A&E attendances of a person a navigator works with, as a multiple."),
}


def _effect(table, name: str, value: float | None, label: str, help: str) -> Control | None:
    """A slider over a parameter's stated range (its uncertainty), starting at its baseline value, with its status
    and source; None when the parameter has no stated range."""
    p = table.loc[name]
    ends = re.findall(r"(-?\d+(?:\.\d+)?(?:e-?\d+)?) to (-?\d+(?:\.\d+)?(?:e-?\d+)?)", str(p["uncertainty"]))
    if value is None or not ends:
        return None
    low, high = (float(x) for x in ends[0])
    low, high = min(low, value), max(high, value)
    step = float(f"{(high - low) / 20:.1g}")
    low = value - step * math.ceil((value - low) / step - 1e-9)  # the baseline on the slider's grid
    where = " ".join(t for t in (p["source"], f"({p['source_location']})" if p["source_location"] else "") if t)
    source = where or f"No source: {p['rationale']}".strip()
    return Control(name, label, "range", value, minimum=low, maximum=high, step=step, unit=p["unit"], help=help,
                   group="effect", status=p["status"], source=source[:240] + ("…" if len(source) > 240 else ""),
                   apply=lambda v: ({name: float(v)}, {}))

