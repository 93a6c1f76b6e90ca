"""The validation cases of docs/model/validation.md: published results the model did not see, and how each is measured.

A validation case is a figure from a published trial or evaluation that no parameter was tuned to (the calibration
targets of docs/model/calibration.md are a separate list, and `scripts/validate.py` checks that no calibrated parameter
names a validation source). Each case names its experiment (a scenario under scenarios/validation/) and a measure of
one run's totals; a case whose measure needs an output the model does not have yet says which (`needs`), and the page
lists it as waiting rather than inventing a figure.

Intervals of published figures: the source's own interval where it gives one; for a share of n people, the 95% Wilson
interval (for a mean of per-person shares, such as time housed, it is conservative: their variance is at most
p(1 - p)); otherwise a band of a quarter either side, an assumption for a figure from another place and time.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Callable

import numpy as np


@dataclasses.dataclass(frozen=True)
class Published:
    """A published figure and the interval it is compared with."""

    value: float
    low: float
    high: float
    unit: str  # "%" for shares (stored as fractions), "GBP per person-year", ...
    interval: str  # where the interval comes from
    range_only: bool = False  # the source gives a range, not a central figure (value is its midpoint)


def wilson(p: float, n: int, z: float = 1.959964) -> Published:
    """A share p of n people with its 95% Wilson interval."""
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Published(p, centre - half, centre + half, "%", f"95% Wilson interval for {n} people [D]")


def quarter_band(value: float, unit: str, why: str = "no interval published") -> Published:
    """A figure with a band of 25% either side (assumption: another place, time and definition)."""
    return Published(value, 0.75 * value, 1.25 * value, unit, f"{why}: 25% either side [assumption]")


class RunTable:
    """One scenario's per-run totals, by measure, group and period (years 1..N and 'total')."""

    def __init__(self, runs_frame, years: int) -> None:
        self.years = years
        self._values: dict[tuple[str, str, str], np.ndarray] = {}
        frame = runs_frame.copy()
        frame["group"] = frame["group"].fillna("")
        for (measure, group, period), rows in frame.groupby(["measure", "group", "period"]):
            self._values[(measure, group, period)] = rows.sort_values("run")["value"].to_numpy(dtype=float)

    def has(self, measure: str) -> bool:
        return (measure, "", "total") in self._values

    def _year(self, measure: str, group: str, year: int) -> np.ndarray:
        key = (measure, group, f"year {year}")
        if key not in self._values:
            raise KeyError(f"validation: the results have no measure '{measure}' (group '{group}', year {year})")
        return self._values[key]

    def sum(self, measure: str, group: str = "", first: int = 1, last: int | None = None) -> np.ndarray:
        """Per run, a flow summed (or a level's yearly means added) over years first..last."""
        last = self.years if last is None else last
        return np.sum([self._year(measure, group, y) for y in range(first, last + 1)], axis=0)


def ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a / b per run; NaN where b is 0 (nothing to measure in that run)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    out = np.full(a.shape, np.nan)
    np.divide(a, b, out=out, where=b > 0)
    return out


@dataclasses.dataclass(frozen=True)
class Case:
    """One published result and the experiment that reproduces it."""

    key: str
    cite: str  # the publication, short: authors and year
    title: str
    topic: str
    published: Published
    source: str  # authors, year, title, journal or report, where in it
    setting: str  # who, where, when, how many
    scenario: str  # file under scenarios/validation/
    measured_as: str
    measure: Callable[[RunTable], np.ndarray] | None  # per run; None while `needs` is set
    source_keys: tuple[str, ...]  # words that name the source in parameters.yaml or calibration.md
    note: str = ""  # what to keep in mind, in particular when the model misses
    needs: str = ""  # the output the model lacks, for cases that wait for one
    price_year: str = ""  # for costs: the source's prices, uprated to the model's with its own factors
    derivation: str = ""  # how the published figure was read or derived from the source
    below: str = ""  # what a model figure below the published interval suggests
    above: str = ""  # what a model figure above it suggests


USUAL_CARE_ABOVE = ("Usual care moves people who are chronically homeless into settled homes faster than the trials' "
                    "control arms did: the exits from the street and hostels to settled housing may be too fast for "
                    "this group.")
USUAL_CARE_BELOW = ("Usual care moves people who are chronically homeless into settled homes more slowly than the "
                    "trials' control arms did; the Canadian cities' shelter and rent-supplement services may house "
                    "people faster than a UK area's.")
HOUSING_FIRST_ABOVE = ("People offered Housing First spend more of the two years in a stable home than the trial's arm: "
                       "the model may house them too soon after the offer (offers wait only for a place and a worker, "
                       "and here there is a place for everyone), or keep them housed too well.")
HOUSING_FIRST_BELOW = ("People offered Housing First spend less of the two years in a stable home than the trial's arm: "
                       "the offer acceptance, the waiting-list dropout or the tenancy loss may be too harsh.")
CLOSED_COHORT_NOTE = ("A closed cohort (docs/scenarios.md, 'A closed cohort') stands in for the trial's arm: a fixed "
                      "group with no arrivals, all homeless in week 1 and all eligible for Housing First, with a place "
                      "for each, so the whole cohort is the intention-to-treat group. Not selected for serious mental "
                      "illness; people who decline the offer or drop off its list stay in the measure, as in the "
                      "trial. Supported accommodation is not counted as stable (as for the control arms above); the "
                      "trial counted any home with an expected tenure of six months or more.")
JUSTICE_PAYERS = ("police", "prisons_probation", "courts")


def stably_housed_share(t: RunTable, group: str, first: int, last: int) -> np.ndarray:
    """Person-weeks in a settled or Housing First home / person-weeks alive, over years first..last."""
    housed = t.sum("people.settled", group, first, last) + t.sum("people.housing_first", group, first, last)
    return ratio(housed, t.sum("people.alive", group, first, last))


HOMELESS_PLACES = ("rough_sleeping", "temporary")  # the street and hostels or temporary accommodation
RENT_PAYERS = ("dwp", "tenants")  # rent: housing benefit (or the UC housing element) and the tenants' own share
WEEKS_PER_YEAR = 365.25 / 7


def homeless_cost(t: RunTable, payers: tuple[str, ...] | None = None) -> np.ndarray:
    """Per run, the cost of person-weeks sleeping rough or in a hostel over every year of the scenario: to the payers
    named (`la_housing`, ...), or with None to all payers but rent (`cost_by_housing.<place>.<payer>`)."""
    if payers is not None:
        return sum(t.sum(f"cost_by_housing.{place}.{p}") for place in HOMELESS_PLACES for p in payers)
    total = sum(t.sum(f"cost_by_housing.{place}.total") for place in HOMELESS_PLACES)
    return total - homeless_cost(t, RENT_PAYERS)


def homeless_cost_per_person_year(t: RunTable) -> np.ndarray:
    """Cost (all payers but rent) / person-years sleeping rough or in a hostel."""
    weeks = sum(t.sum(f"person_weeks_by_housing.{place}") for place in HOMELESS_PLACES)
    return ratio(homeless_cost(t), weeks / WEEKS_PER_YEAR)


def homeless_payer_share(t: RunTable, payers: tuple[str, ...]) -> np.ndarray:
    """Share of the payers named in the cost (all payers but rent) of person-weeks sleeping rough or in a hostel."""
    return ratio(homeless_cost(t, payers), homeless_cost(t))


def cost_per_person_year(t: RunTable, group: str, first: int, last: int) -> np.ndarray:
    """Cost to all payers / person-years alive (yearly mean of people alive, added over the years)."""
    return ratio(t.sum("cost.total", group, first, last), t.sum("people.alive", group, first, last))


def cases(uprating: dict[str, float]) -> list[Case]:
    """The validation cases, in the order of docs/model/validation.md; costs uprated with the model's factors."""
    return housing_first_cases() + cost_cases(uprating) + justice_cases()


CHEZ_SOI_2016 = ("Aubry T, Goering P, Veldhuizen S, et al. (2016). A multiple-city RCT of Housing First with assertive "
                 "community treatment for homeless Canadians with serious mental illness. Psychiatric Services "
                 "67(3):275-281 (abstract, results)")
CHEZ_SOI_2015 = ("Aubry T, Tsemberis S, Adair CE, et al. (2015). One-year outcomes of a randomized controlled trial of "
                 "Housing First with ACT in five Canadian cities. Psychiatric Services 66(5):463-469 (abstract, "
                 "results)")
TORONTO_2015 = ("Stergiopoulos V, Gozdzik A, Misir V, et al. (2015). Effectiveness of Housing First with intensive "
                "case management in an ethnically diverse sample of homeless adults with mental illness: a randomized "
                "controlled trial. PLOS ONE 10(7):e0130281 (abstract)")
TORONTO_SETTING = ("378 homeless adults with mental illness and moderate needs at the Toronto site of At Home/Chez "
                   "Soi, randomised to Housing First with intensive case management or treatment as usual, followed "
                   "for 24 months")
CHEZ_SOI_SETTING = ("950 homeless adults with serious mental illness and high needs, five Canadian cities, 2009-13, "
                    "randomised to Housing First with assertive community treatment (469) or treatment as usual (481)")


def housing_first_cases() -> list[Case]:
    return [
        Case("chez_soi_usual_care_housed", "Aubry et al 2016",
             "time stably housed under usual care, over two years",
             "Housing First trials", wilson(0.29, 481), CHEZ_SOI_2016, CHEZ_SOI_SETTING,
             "chez_soi_closed_usual_care.yaml",
             "person-weeks in a settled or Housing First home / person-weeks alive, years 1-2 of a closed cohort of "
             "200 homeless people with high needs and no Housing First places (the same cohort as case 5's)",
             lambda t: stably_housed_share(t, "", 1, 2), ("Chez Soi", "Aubry T"),
             note="The control arm of the closed-cohort experiment of case 5: the same 200 people with no Housing "
                  "First, so cases 1 and 5 together are the trial's comparison. They are not selected for serious "
                  "mental illness. The trial counted a home with an expected tenure of six months or more; the "
                  "model's supported housing is not counted as stable. Usual care's exits from the street and "
                  "hostels set this figure.", below=USUAL_CARE_BELOW, above=USUAL_CARE_ABOVE),
        Case("toronto_usual_care_housed", "Stergiopoulos et al 2015",
             "time stably housed under usual care, moderate needs, over two years", "Housing First trials",
             Published(0.393, 0.343, 0.442, "%", "the source's 95% confidence interval"), TORONTO_2015, TORONTO_SETTING,
             "toronto_closed_usual_care.yaml",
             "person-weeks in a settled or Housing First home / person-weeks alive, years 1-2 of a closed cohort of "
             "200 homeless people with moderate needs and no Housing First places (the same cohort as case 3's)",
             lambda t: stably_housed_share(t, "", 1, 2), ("Stergiopoulos",),
             note="The control arm of the closed-cohort experiment of case 3: the same 200 people with no Housing "
                  "First. Toronto has an extensive network of shelters and services.",
             below=USUAL_CARE_BELOW, above=USUAL_CARE_ABOVE),
        Case("toronto_housing_first_time_housed", "Stergiopoulos et al 2015",
             "time stably housed after an offer of Housing First, moderate needs, over two years",
             "Housing First trials", Published(0.751, 0.705, 0.797, "%", "the source's 95% confidence interval"),
             TORONTO_2015, TORONTO_SETTING, "toronto_closed_housing_first.yaml",
             "person-weeks in a settled or Housing First home / person-weeks alive, years 1-2 of a closed cohort of "
             "200 homeless people with moderate needs all offered Housing First from week 1",
             lambda t: stably_housed_share(t, "", 1, 2), ("Stergiopoulos",),
             note=CLOSED_COHORT_NOTE, below=HOUSING_FIRST_BELOW, above=HOUSING_FIRST_ABOVE),
        Case("chez_soi_housing_first_housed_1y", "Aubry et al 2015",
             "in stable housing a year after being offered Housing First",
             "Housing First trials", wilson(0.73, 469), CHEZ_SOI_2015, CHEZ_SOI_SETTING, "chez_soi_housing_first.yaml",
             "Housing First offers accepted / offers, times tenancies still held at their first anniversary / "
             "tenancies reaching it, years 1-3",
             lambda t: ratio(t.sum("events.housing_first_start"), t.sum("events.housing_first_offer")) *
             ratio(t.sum("events.housing_first_sustained_1y"), t.sum("events.housing_first_check_1y")),
             ("Chez Soi", "Aubry T"),
             note="A product of two shares from existing outputs: it leaves out people who left Housing First for "
                  "another settled home within the year and people who declined and were housed otherwise, so it is "
                  "a lower bound of the trial's measure. The offer acceptance is an assumption; the tenancy loss is "
                  "calibrated to the three-year sustainment of the English pilots (calibration target 8), a "
                  "different figure from a different source.",
             below="Fewer people offered Housing First are in a stable home a year later than in the trial: the "
                   "assumed offer acceptance or the first year's tenancy loss may be too low or too high.",
             above="More people offered Housing First are in a stable home a year later than in the trial, although "
                   "the measure is a lower bound: the assumed offer acceptance may be too high."),
        Case("chez_soi_housing_first_time_housed", "Aubry et al 2016",
             "time stably housed after an offer of Housing First, over two years",
             "Housing First trials", wilson(0.71, 469), CHEZ_SOI_2016, CHEZ_SOI_SETTING,
             "chez_soi_closed_housing_first.yaml",
             "person-weeks in a settled or Housing First home / person-weeks alive, years 1-2 of a closed cohort of "
             "200 homeless people with high needs all offered Housing First from week 1",
             lambda t: stably_housed_share(t, "", 1, 2), ("Chez Soi", "Aubry T"),
             note=CLOSED_COHORT_NOTE, below=HOUSING_FIRST_BELOW, above=HOUSING_FIRST_ABOVE),
    ]


PLEACE_CULHANE = ("Pleace N and Culhane DP (2016). Better than cure? Testing the case for enhancing prevention of "
                  "single homelessness in England. London: Crisis (summary; 90-day costs by service)")
PLEACE_CULHANE_SETTING = ("86 single people homeless for at least 90 days in London, Birmingham and York, 2016, "
                          "asked about their use of services over 90 days")
PLEACE_CULHANE_GROUP = ("person-weeks sleeping rough or in a hostel or temporary accommodation (costs by housing "
                        "state, `cost_by_housing`), the whole cohort in the baseline's first year; rent (`dwp`, "
                        "`tenants`) left out")
PLEACE_CULHANE_NOTE = ("Costs by housing state measure the cost of a week spent homeless, whoever spends it, so short "
                       "spells count as well as the long ones the survey chose (median 14 months). Rent is left out on "
                       "both sides: the survey costed the services people used (its five service lines add up to its "
                       "total, with no benefits line), and the model's hostel cost is the council's spend without "
                       "housing benefit, so the model's homeless weeks carry little rent anyway (supported "
                       "accommodation, which carries rent, is not counted as homeless).")


# Pleace and Culhane's public spending per person over 90 days, by service [GBP, 2015/16 prices]
PLEACE_CULHANE_90_DAYS = {"drug and alcohol": 330, "mental health": 525, "NHS": 1075, "criminal justice": 2998,
                          "homelessness services": 3702}
PLEACE_CULHANE_TOTAL_90_DAYS = 8630


def pleace_share(key: str, title: str, services: tuple[str, ...], payers: tuple[str, ...], payer_words: str,
                 note: str, what: str) -> Case:
    """A service's share of Pleace and Culhane's spending, against the same payers' share in the model."""
    spent = sum(PLEACE_CULHANE_90_DAYS[s] for s in services)
    parts = " + ".join(f"{PLEACE_CULHANE_90_DAYS[s]:,} ({s})" for s in services)
    return Case(key, "Pleace and Culhane 2016", title, "costs of homelessness",
                quarter_band(spent / PLEACE_CULHANE_TOTAL_90_DAYS, "%", "shares of one sample's spending"),
                PLEACE_CULHANE, PLEACE_CULHANE_SETTING, "single_homeless_costs.yaml",
                f"cost to {payer_words} / cost to all payers but rent, " + PLEACE_CULHANE_GROUP,
                lambda t: homeless_payer_share(t, payers), ("Pleace and Culhane", "Better than cure"),
                derivation=f"GBP {parts} of {PLEACE_CULHANE_TOTAL_90_DAYS:,} per person over 90 days [D]",
                note=f"{PLEACE_CULHANE_NOTE} {note}".strip(),
                below=f"A smaller share of the cost of homelessness falls on {payer_words} in the model than in the "
                      f"survey: {what} may be too rare or too cheap for people who are homeless.",
                above=f"A larger share of the cost of homelessness falls on {payer_words} in the model than in the "
                      f"survey: {what} may be too frequent or too dear for people who are homeless, or other payers' "
                      "costs too low.")


def cost_cases(uprating: dict[str, float]) -> list[Case]:
    up_2016, up_2018 = uprating["2016/17"], uprating["2018/19"]
    return [
        Case("single_homeless_cost", "Pleace and Culhane 2016",
             "public spending on a single homeless person in a year", "costs of homelessness",
             quarter_band(34518 * up_2016, "GBP per person-year", "a sample of 86 with no interval"), PLEACE_CULHANE,
             PLEACE_CULHANE_SETTING, "single_homeless_costs.yaml",
             "cost to all payers but rent / person-years, " + PLEACE_CULHANE_GROUP,
             homeless_cost_per_person_year, ("Pleace and Culhane", "Better than cure"),
             price_year=f"about 2015/16 prices (GBP 34,518; report of 2016), uprated by the model's nearest factor "
                        f"(2016/17, {up_2016})",
             note=PLEACE_CULHANE_NOTE + " The survey's costs include benefits-related and homelessness casework that "
                  "the model does not cost. Before costs by housing state, this case used the chronically homeless "
                  "group's cost per person-year, which mixes their housed weeks in.",
             below="The model spends less on a person who is homeless than the survey found; the shares below say "
                   "which payers' costs fall short.",
             above="The model spends more on a person who is homeless than the survey found; the shares below say "
                   "which payers' costs run over."),
        pleace_share("single_homeless_justice_share", "criminal justice share of that spending",
                     ("criminal justice",), JUSTICE_PAYERS, "police, prisons and probation, and courts",
                     "The survey's criminal justice costs include police contacts, nights in police cells and court "
                     "appearances that did not end in custody. Costs by housing state charge a week in custody to "
                     "prison, not to homelessness, so a homeless person's short sentences fall outside this measure; "
                     "the survey's 90 days would hold them (design.md section 10 checks the same share by housing "
                     "at entry to the cohort, which keeps them: about 22%).", "arrests, court cases and prison"),
        pleace_share("single_homeless_health_share", "NHS share of that spending (mental health included)",
                     ("NHS", "mental health"), ("nhs",), "the NHS",
                     "Drug and alcohol services (GBP 330) are left out on both sides: the model charges them to "
                     "local-authority public health.", "A&E attendances, admissions and mental-health care"),
        pleace_share("single_homeless_housing_share", "homelessness services' share of that spending",
                     ("homelessness services",), ("la_homelessness", "la_housing", "voluntary"),
                     "the council's homelessness services (hostels and temporary accommodation, outreach) and "
                     "housing (casework), and the voluntary sector (usual support)", "",
                     "hostel and temporary accommodation and outreach"),
        Case("multiple_disadvantage_cost", "Bramley and Fitzpatrick 2015 (Hard Edges)",
             "public cost per person facing severe and multiple disadvantage",
             "costs of multiple disadvantage",
             Published(1.6e9 / 58000 * up_2016, 1.1e9 / 58000 * up_2016, 2.1e9 / 58000 * up_2016,
                       "GBP per person-year", "the source's range, GBP 1.1bn to 2.1bn for 58,000 people [D]",
                       range_only=True),
             "Bramley G and Fitzpatrick S, et al. (2015). Hard Edges: Mapping severe and multiple disadvantage in "
             "England. Lankelly Chase (section 'Costs'), as summarised by MEAM ('About multiple disadvantage')",
             "England, about 2012-13: the 58,000 adults in contact with homelessness, criminal justice and "
             "substance misuse services in one year", "multiple_disadvantage_costs.yaml",
             "cost to all payers / person-years alive, the whole cohort, years 1-2 of the baseline",
             lambda t: cost_per_person_year(t, "", 1, 2), ("Hard Edges", "Bramley"),
             price_year=f"about 2012/13 prices, uprated by the model's earliest factor (2016/17, {up_2016}), which "
                        "understates the inflation since",
             note="Hard Edges costs the people in contact with all three systems in one year, the costliest part of a "
                  "cohort like this one, which also holds people with two of four disadvantages; its costs include "
                  "some the model leaves out (benefits administration, drug treatment by the NHS). The model's cost to all payers "
                  "includes rent (housing benefit, the council's top-up and the tenants' share) and the voluntary "
                  "sector.",
             below="The cohort as a whole costs less a year than Hard Edges' estimate for its most excluded part; a "
                   "miss on this side is expected, and a large one would suggest unit costs or rates of service use "
                   "that are too low.",
             above="The cohort as a whole costs more a year than Hard Edges' estimate for its most excluded part: "
                   "rates of service use or unit costs may be too high."),
        Case("fulfilling_lives_entry_cost", "Moreton, Welford and Howe 2021 (CFE Research)",
             "public services used per person per year on joining Fulfilling Lives",
             "coordinated support",
             quarter_band(28000 * up_2018, "GBP per person-year", "a floor ('over GBP 28,000') with no interval"),
             "Moreton R, Welford J and Howe P (2021). Why we need to invest in multiple disadvantage. Evaluation of "
             "Fulfilling Lives, CFE Research, updated March 2021 (key messages)",
             "about 4,000 people supported by Fulfilling Lives in 12 areas of England, 2014-20, at entry",
             "fulfilling_lives_entry_costs.yaml",
             "cost to all payers per person-year of the people referred to MTAM, in the year after referral", None,
             ("Moreton", "CFE Research 2021"),
             needs="cost per person-year in the year after referral to MTAM (the entry cohorts of the model have no "
                   "cost, and `cost_at_entry` groups people by their housing when they entered the area's cohort, "
                   "not by referral to coordinated support)",
             price_year=f"about 2018/19 prices, uprated by the model's 2018/19 factor {up_2018}"),
    ]


RELEASE_NOTE = ("The model counts a release as returned when a new custodial sentence, a community order or a "
                "recall follows within 52 weeks (arrests with no sentence are not counted); the inspection counted "
                "recalls and new sentences, so a community order may count here and not there. Releases to supported "
                "or transitional accommodation are in neither group. The shares compare different people (need, "
                "history) and describe, they do not say what housing does. Follow-ups that end in years 2-3 (releases from "
                "about week 1 to the end of year 2).")
RELEASE_ABOVE = ("More releases are followed by a return to court or prison than the inspection found: recalls or "
                 "new sentences after release may be too frequent or too quick for this group.")
RELEASE_BELOW = ("Fewer releases are followed by a return to court or prison than the inspection found: recalls or new "
                 "sentences after release may be too rare for this group.")


def returned_share(t: RunTable, places: tuple[str, ...]) -> np.ndarray:
    """Releases to the places named followed by a return within 52 weeks / those releases, years 2-3."""
    returned = sum(t.sum(f"releases_returned_52w.{p}", "", 2, 3) for p in places)
    return ratio(returned, sum(t.sum(f"releases_followed_52w.{p}", "", 2, 3) for p in places))


def justice_cases() -> list[Case]:
    moj_2024 = ("Ministry of Justice (2024). Proven reoffending statistics: reoffending by accommodation status on "
                "release, October to December 2022 cohort, as reported by Nacro and BBC News [S]")
    moj_setting = "adults released from custody in England and Wales, October to December 2022"
    hmip = ("HM Inspectorate of Probation (2020). Accommodation and support for adult offenders in the community and "
            "on release from prison in England, thematic inspection, as reported by Seetec's Link project "
            "evaluation [S]")
    hmip_setting = "116 people followed for a year after release from prison, England, 2019-20"
    proven_needs = ("proven reoffending within a year of release by housing at release: any offence proven by a "
                    "conviction, caution or fine. The model's `releases_returned_52w` counts a new custodial sentence, a "
                    "community order or a recall, which leaves out fines, cautions and discharges and counts recalls "
                    "for breach with no offence, so it differs from proven reoffending in both directions and is not "
                    "compared")
    return [
        Case("recall_share_of_prisoners", "MoJ Offender Management Statistics 2024",
             "share of the prison population held on recall", "justice",
             quarter_band(12199 / (87726 - 17070), "%", "a national count, not a sample"),
             "Ministry of Justice (2024). Offender Management Statistics quarterly, January to March 2024: prison "
             "population at 30 June 2024 (main points; remand and recall populations)",
             "all prisoners in England and Wales not on remand, 30 June 2024", "prison_population.yaml",
             "people recalled to prison / people in prison (sentenced or recalled), mean over years 2-3 of the "
             "baseline", lambda t: ratio(t.sum("people.recalled", "", 2, 3), t.sum("people.in_prison", "", 2, 3)),
             ("Offender Management Statistics",),
             derivation="12,199 recalled / (87,726 in prison - 17,070 on remand) [D]",
             note="The national prison population holds long sentences (four years or more, life) that this cohort "
                  "rarely serves, so recalls are a smaller share of it than of a cohort of short sentences and "
                  "frequent recalls; the same publication's recall count is calibration target 9 (recalls per "
                  "release), a different figure.",
             above="Recalls fill more of the model's prison than the national figure; beyond the cohort's short "
                   "sentences, recalled people may stay in prison too long, or sentenced people too briefly.",
             below="Recalls fill less of the model's prison than the national figure, although the cohort's "
                   "sentences are short: recalls may be too rare or too brief."),
        Case("reoffending_released_rough", "MoJ proven reoffending by accommodation 2024",
             "proven reoffending within a year of release to rough sleeping", "justice",
             quarter_band(0.67, "%", "a national rate for one quarter's releases"), moj_2024, moj_setting,
             "release_housing_outcomes.yaml", "releases to the street followed by an offence within 52 weeks / "
             "releases to the street", None, ("reoffending by accommodation",), needs=proven_needs),
        Case("reoffending_released_settled", "MoJ proven reoffending by accommodation 2024",
             "proven reoffending within a year of release to settled accommodation",
             "justice", quarter_band(0.32, "%", "a national rate for one quarter's releases"), moj_2024, moj_setting,
             "release_housing_outcomes.yaml", "releases to a settled home followed by an offence within 52 weeks / "
             "releases to a settled home", None, ("reoffending by accommodation",), needs=proven_needs),
        Case("recall_or_resentence_unsettled", "HM Inspectorate of Probation 2020",
             "recalled or resentenced within a year of release to unsettled "
             "accommodation", "justice", quarter_band(0.63, "%", "a small sample with no interval"), hmip, hmip_setting,
             "release_housing_outcomes.yaml", "releases to the street or a hostel or temporary accommodation followed by a "
             "recall, a custodial sentence or a community order within 52 weeks / those releases whose 52 weeks "
             "ended in years 2-3 (`releases_returned_52w`, `releases_followed_52w`)",
             lambda t: returned_share(t, ("rough_sleeping", "temporary")), ("HM Inspectorate of Probation",),
             note=RELEASE_NOTE, below=RELEASE_BELOW, above=RELEASE_ABOVE),
        Case("recall_or_resentence_settled", "HM Inspectorate of Probation 2020",
             "recalled or resentenced within a year of release to settled "
             "accommodation", "justice", quarter_band(0.35, "%", "a small sample with no interval"), hmip, hmip_setting,
             "release_housing_outcomes.yaml", "releases to a settled or Housing First home followed by a recall, a "
             "custodial sentence or a community order within 52 weeks / those releases whose 52 weeks ended in years "
             "2-3", lambda t: returned_share(t, ("settled", "housing_first")), ("HM Inspectorate of Probation",),
             note=RELEASE_NOTE, below=RELEASE_BELOW, above=RELEASE_ABOVE),
        Case("reconviction_homeless_before_custody", "Williams, Poyser and Hopkins 2012 (MoJ SPCR)",
             "reconvicted within a year of release, homeless before custody",
             "justice", quarter_band(0.79, "%", "a survey with no interval in the summary"),
             "Williams K, Poyser J and Hopkins K (2012). Accommodation, homelessness and reoffending of prisoners: "
             "results from the Surveying Prisoner Crime Reduction (SPCR) survey. Ministry of Justice Research Summary "
             "3/12 (79% against 47% of those not homeless), as quoted in PQ 183963 (2018) [S]",
             "1,435 adults sentenced to custody in England and Wales in 2005-06, surveyed on reception",
             "homeless_before_custody.yaml", "releases of people who were sleeping rough or in a hostel before "
             "custody followed by a conviction within 52 weeks / those releases", None,
             ("Surveying Prisoner Crime Reduction", "SPCR"),
             needs="reconviction within 52 weeks of release by housing before custody (the model follows releases by "
                   "housing at release, a different grouping: people who lose a home in custody move from one to "
                   "the other, and a reconviction is any conviction, not only a sentence that returns them to "
                   "prison or to probation)"),
    ]
