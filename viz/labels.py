"""Plain-English names for what the model counts, so that figures and reports speak to a board, not a coder.

Measures the model adds later still appear, under their own names: a missing label is never an error.

Example:
    >>> from viz import labels
    >>> labels.measure("person_weeks.rough_sleeping")
    'Weeks sleeping rough'
    >>> labels.measure("events.new_thing")
    'events.new_thing'
"""
from __future__ import annotations

#: Outcomes that matter to people: name, whether fewer (-1) or more (+1) is better, and what one unit is.
OUTCOMES: dict[str, tuple[str, int, str]] = {
    "person_weeks.rough_sleeping": ("Weeks sleeping rough", -1, "person-weeks"),
    "person_weeks.homeless": ("Weeks homeless (street or hostel)", -1, "person-weeks"),
    "person_weeks.in_prison": ("Weeks in prison", -1, "person-weeks"),
    "events.custody_days": ("Days in prison", -1, "days"),
    "events.ae_attendance": ("A&E attendances", -1, "attendances"),
    "events.emergency_bed_days": ("Emergency hospital bed days", -1, "bed days"),
    "events.mh_crisis": ("Mental-health crises", -1, "crises"),
    "events.arrest": ("Arrests", -1, "arrests"),
    "events.recall": ("Recalls to prison", -1, "recalls"),
    "events.eviction": ("Evictions", -1, "evictions"),
    "events.death": ("Deaths", -1, "deaths"),
    "events.positive_exit": ("Positive exits (stable, moved on)", +1, "people"),
    "events.housing_first_sustained_1y": ("Housing First tenancies kept a year", +1, "tenancies"),
}

#: People in a state on a given week, by domain, in the order they stack (best placed at the bottom).
STATES: dict[str, dict[str, str]] = {
    "Housing": {
        "people.settled": "Settled tenancy",
        "people.housing_first": "Housing First tenancy",
        "people.supported": "Supported accommodation",
        "people.temporary": "Hostel or temporary accommodation",
        "people.rough_sleeping": "Sleeping rough",
    },
    "Justice": {
        "people.justice_none": "No current order",
        "people.community_order": "Community order",
        "people.licence": "On licence after prison",
        "people.custody": "In prison",
        "people.recalled": "Recalled to prison",
    },
    "Mental health": {
        "people.mh_stable": "Stable",
        "people.mh_treatment": "In community treatment",
        "people.mh_unwell": "Unwell, not treated",
        "people.mh_crisis": "In crisis",
        "people.mh_inpatient": "In hospital",
    },
}

#: People in a state each week that make good fan charts: name and what a board calls it.
TRAJECTORIES: dict[str, str] = {
    "people.rough_sleeping": "People sleeping rough",
    "people.homeless": "People homeless (street or hostel)",
    "people.in_prison": "People in prison",
    "people.mh_crisis": "People in a mental-health crisis",
    "people.housing_first": "People in a Housing First tenancy",
    "people.waiting_housing_first": "People waiting for Housing First",
    "people.alive": "People in the cohort",
}

GROUPS: dict[str, str] = {
    "": "Everyone",
    "young_mec_justice": "Young people from minority-ethnic communities, in the justice system",
    "women_domestic_abuse": "Women facing domestic abuse",
    "chronic_homeless": "People chronically homeless",
    "wider": "Everyone else",
}

#: Short forms of the group names, for axis ticks.
GROUPS_SHORT: dict[str, str] = {
    "": "Everyone",
    "young_mec_justice": "Young, minority-\nethnic, justice",
    "women_domestic_abuse": "Women facing\ndomestic abuse",
    "chronic_homeless": "Chronically\nhomeless",
    "wider": "Everyone\nelse",
}

PAYERS: dict[str, str] = {
    "nhs": "NHS",
    "la_housing": "Council: housing",
    "la_social_care": "Council: social care",
    "police": "Police",
    "prisons_probation": "Prisons and probation",
    "courts": "Courts",
    "voluntary": "Voluntary sector",
}

INTERVENTIONS: dict[str, str] = {
    "housing_first": "Housing First",
    "mtam": "My Team Around Me",
    "navigators": "A&E navigators",
    "release_accommodation": "Accommodation on release",
    "contracts": "Contracts (procurement)",
}


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
    if name in OUTCOMES:
        return OUTCOMES[name][0]
    if name in TRAJECTORIES:
        return TRAJECTORIES[name]
    for states in STATES.values():
        if name in states:
            return states[name]
    if name.startswith(("cost.", "cost_discounted.")):
        return PAYERS.get(name.split(".", 1)[1], "All payers")
    return name


def better(name: str) -> int:
    """-1 when fewer is better for people, +1 when more is, 0 when the measure is not an outcome.

    Example:
        >>> better("events.death"), better("events.positive_exit"), better("cost.nhs")
        (-1, 1, 0)
    """
    return OUTCOMES[name][1] if name in OUTCOMES else 0
