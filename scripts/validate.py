"""Runs every validation experiment and writes docs/model/validation.md: published results against the model's.

    .venv/bin/python scripts/validate.py --out docs/model/validation.md

Each case of scripts/validation_cases.py names a scenario under scenarios/validation/ and a measure of one run's totals.
Every scenario is run (`--runs` runs, `--seed`), each case is measured run by run, and the page compares the model's
mean and 90% interval over runs with the published figure and its interval. A result is inside when the two intervals
overlap, the rule of docs/model/calibration.md. Cases that need an output the model lacks are listed as waiting.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import pathlib
import sys
import tempfile

import numpy as np
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import validation_cases as vc  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios" / "validation"
PARAMETERS = ROOT / "models" / "revolving_door" / "parameters.yaml"
CALIBRATION = ROOT / "docs" / "model" / "calibration.md"
COMMAND = ".venv/bin/python scripts/validate.py --out docs/model/validation.md"
RUNS, SEED = 50, 1


@dataclasses.dataclass
class Result:
    case: vc.Case
    values: np.ndarray | None = None  # per run where defined
    mean: float = float("nan")
    low: float = float("nan")
    high: float = float("nan")

    @property
    def measured(self) -> bool:
        return self.values is not None and len(self.values) > 0

    @property
    def inside(self) -> bool:
        p = self.case.published
        return self.measured and self.low <= p.high and self.high >= p.low


def load_parameters() -> dict:
    with open(PARAMETERS, encoding="utf-8") as f:
        return yaml.safe_load(f)


def run_scenarios(names: list[str], runs: int, seed: int, population_scale: float | None) -> dict:
    """Each scenario's per-run totals (a RunTable), by file name."""
    import revolve

    tables = {}
    for name in names:
        scenario = revolve.Scenario.load(SCENARIOS / name)
        if population_scale is not None:
            scenario = scenario.with_changes(population_scale=population_scale)
        results = revolve.run(scenario, runs=runs, seed=seed)
        tables[name] = vc.RunTable(results.runs(period=None, group=None), int(round(scenario.horizon_years)))
    return tables


def measure(cases: list[vc.Case], tables: dict) -> list[Result]:
    results = []
    for case in cases:
        result = Result(case)
        if case.measure is not None:
            values = np.asarray(case.measure(tables[case.scenario]), dtype=float)
            result.values = values[np.isfinite(values)]
            if len(result.values):
                result.mean = float(np.mean(result.values))
                result.low, result.high = (float(v) for v in np.percentile(result.values, [5, 95]))
        results.append(result)
    return results


def validate(runs: int = RUNS, seed: int = SEED, population_scale: float | None = None) -> list[Result]:
    """Runs every scenario the cases need and measures every case."""
    cases = vc.cases(load_parameters()["conventions"]["uprating"]["factors"])
    names = sorted({c.scenario for c in cases})  # the waiting cases' experiments too: each must stay runnable
    return measure(cases, run_scenarios(names, runs, seed, population_scale))


# ---- the page ----------------------------------------------------------------------------------------------------

def display(v: float, unit: str) -> str:
    if not np.isfinite(v):
        return "n/a"
    if unit == "%":
        return f"{100 * v:.1f}%"
    if unit.startswith("GBP"):
        return f"£{v:,.0f}"
    return f"{v:.2f}"


def unit_suffix(unit: str) -> str:
    return "" if unit in ("%",) else (" per person-year" if unit == "GBP per person-year" else " " + unit)


def published_cell(p: vc.Published) -> str:
    if p.range_only:
        return f"{display(p.low, p.unit)} to {display(p.high, p.unit)}{unit_suffix(p.unit)}"
    return f"{display(p.value, p.unit)} ({display(p.low, p.unit)} to {display(p.high, p.unit)}){unit_suffix(p.unit)}"


def model_cell(r: Result) -> str:
    if not r.measured:
        return "waits for an output"
    u = r.case.published.unit
    return f"{display(r.mean, u)} ({display(r.low, u)} to {display(r.high, u)})"


def verdict(r: Result) -> str:
    return "waiting" if not r.measured else ("yes" if r.inside else "**no**")


def miss_words(r: Result) -> str:
    p, u = r.case.published, r.case.published.unit
    if r.high < p.low:
        return (f"the model is lower: its 90% interval ends at {display(r.high, u)}, below the published interval's "
                f"{display(p.low, u)}")
    return (f"the model is higher: its 90% interval starts at {display(r.low, u)}, above the published interval's "
            f"{display(p.high, u)}")


def missed_words(r: Result) -> str:
    """For a miss: which side, by how much, and what that side suggests."""
    if r.inside:
        return ""
    low = r.high < r.case.published.low
    meaning = r.case.below if low else r.case.above
    return f"Outside: {miss_words(r)}. " + (f"{meaning} " if meaning else "")


def publication(case: vc.Case) -> str:
    """The publication a case comes from, for counting sources."""
    return case.cite


def calibration_targets() -> list[tuple[str, str, str]]:
    """(number, name, source) of each target in docs/model/calibration.md."""
    rows = []
    for line in CALIBRATION.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].isdigit():
            rows.append((cells[0], cells[1], cells[3]))
    return rows


def parameter_mentions(parameters: dict, keys: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(parameters whose source cites one of keys, calibrated parameters whose calibrate_to names one)."""
    cited, tuned = [], []
    for section_name, section in parameters["sections"].items():
        for name, p in section["parameters"].items():
            source = p.get("source") or {}
            text = f"{source.get('citation', '')} {source.get('where', '')}".lower()
            full = f"{section_name}.{name}"
            if any(k.lower() in text for k in keys):
                cited.append(full)
            if any(k.lower() in str(p.get("calibrate_to", "")).lower() for k in keys):
                tuned.append(full)
    return cited, tuned


def overlaps(cases: list[vc.Case], parameters: dict) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """By case key: parameters citing its source, parameters calibrated to it, calibration targets from its source."""
    targets = calibration_targets()
    out = {}
    for case in cases:
        cited, tuned = parameter_mentions(parameters, case.source_keys)
        shared = [f"{n} ({name})" for n, name, source in targets
                  if any(k.lower() in source.lower() for k in case.source_keys)]
        out[case.key] = (cited, tuned, shared)
    return out


def table(results: list[Result]) -> list[str]:
    lines = ["| # | published result | published figure (interval) | source | setting | experiment | measured in the "
             "model as | model mean (90% interval) | inside |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for i, r in enumerate(results, 1):
        c = r.case
        source = c.source + (f"; {c.derivation}" if c.derivation else "") + (
            f"; {c.price_year}" if c.price_year else "")
        lines.append(f"| {i} | {c.title} | {published_cell(c.published)}; {c.published.interval} | {source} | "
                     f"{c.setting} | [`{c.scenario}`](../../scenarios/validation/{c.scenario}) | {c.measured_as} | "
                     f"{model_cell(r)} | {verdict(r)} |")
    return lines


def notes(results: list[Result]) -> list[str]:
    lines = []
    for i, r in enumerate(results, 1):
        if not r.measured:
            continue
        if not r.inside or r.case.note:
            lines.append(f"- **{i}, {r.case.title}.** {missed_words(r)}{r.case.note}")
    return lines or ["Every measured result falls inside."]


def waiting(results: list[Result]) -> list[str]:
    lines = [f"- **{i}, {r.case.title}** (`{r.case.scenario}`): needs {r.case.needs}."
             for i, r in enumerate(results, 1) if not r.measured]
    return lines or ["None: every case is measured."]


def apart(results: list[Result], parameters: dict) -> list[str]:
    found = overlaps([r.case for r in results], parameters)
    lines = ["| # | validation source | parameters citing the same source (not tuned to it) | calibration targets "
             "from the same source | parameters calibrated to it |", "| --- | --- | --- | --- | --- |"]
    for i, r in enumerate(results, 1):
        cited, tuned, shared = found[r.case.key]
        lines.append(f"| {i} | {publication(r.case)} | {', '.join(f'`{p}`' for p in cited) or 'none'} | "
                     f"{'; '.join(shared) or 'none'} | {', '.join(f'`{p}`' for p in tuned) or '**none**'} |")
    return lines


def markdown(results: list[Result], runs: int, seed: int, parameters: dict) -> str:
    measured = [r for r in results if r.measured]
    inside = sum(r.inside for r in measured)
    sources = len({publication(r.case) for r in results})
    measured_sources = len({publication(r.case) for r in measured})
    md = [
        "# Validation: the model against published trials and evaluations",
        "",
        f"Generated by `scripts/validate.py` (`{COMMAND}`); do not edit by hand. "
        "`tests/python/test_validation.py` runs every experiment at a small size and checks that each figure is "
        "still produced and that this page lists every scenario of `scenarios/validation/`.",
        "",
        "Calibration ([calibration.md](calibration.md)) tunes parameters until the model meets figures that describe a "
        "Bristol-like area. Validation asks whether the model, so tuned, also reproduces results it was not tuned to: "
        "randomised trials of Housing First, costs of homelessness and of multiple disadvantage, and outcomes of "
        "people leaving prison. The two lists are kept apart: no parameter is calibrated to a result on this page, "
        "and the last section shows, for each source, which parameters cite it and which calibration targets come "
        "from the same publication.",
        "",
        "Each result has an experiment, a scenario file under `scenarios/validation/` that sets up the trial or "
        f"evaluation as far as the model can. The model is run {runs} times (seed {seed}) on each, and a result is "
        "**inside** when the model's 90% interval over runs overlaps the published figure's interval (the source's "
        "own interval where it gives one; for a share of n people, the 95% Wilson interval; otherwise a quarter "
        "either side, an assumption for a figure from another place and time). Costs are uprated to the model's "
        "prices (2023/24) with the model's own factors (parameters.yaml, `conventions.uprating`).",
        "",
        f"**{inside} of {len(measured)} measured results fall inside** ({measured_sources} sources); "
        f"{len(results) - len(measured)} more wait for an output the model does not have yet; {len(results)} "
        f"published results from {sources} sources in all. A miss is a finding, not a failure to hide: each is "
        "explained below. Agreement is a check, not proof; the model is a learning aid, not a forecast.",
        "",
        *table(results),
        "",
        "## Where the model misses, and what to keep in mind",
        "",
        *notes(results),
        "",
        "## Results waiting for an output",
        "",
        "The experiment of each is written; the measure needs an output the model does not produce yet, so no figure "
        "is shown rather than one made up from something else.",
        "",
        *waiting(results),
        "",
        "## Calibration and validation kept apart",
        "",
        "A parameter may cite a source for its value; none may be calibrated to a validation result (a test checks "
        "that no `calibrate_to` in parameters.yaml names a validation source). Calibration targets that come from the "
        "same publication as a validation result are different figures from it.",
        "",
        *apart(results, parameters),
        "",
    ]
    return "\n".join(md)


def write_atomically(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each scenario (default {RUNS})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED})")
    parser.add_argument("--population-scale", type=float, default=None,
                        help="scale every scenario's cohort (default: as the files say)")
    parser.add_argument("--out", type=pathlib.Path, help="write the Markdown here (default: print it)")
    args = parser.parse_args(argv)
    results = validate(args.runs, args.seed, args.population_scale)
    text = markdown(results, args.runs, args.seed, load_parameters())
    if args.out:
        write_atomically(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
