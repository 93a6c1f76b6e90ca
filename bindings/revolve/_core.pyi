"""Type stub of revolve._core, the compiled engine behind the package (private: use ``import revolve``)."""
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__version__: str
git_version: str

def _raise_error(class_name: str, message: str) -> None:
    """Raise the C++ error class ``class_name`` with ``message`` (for tests of the translation)."""

class SimSpecs:
    """Simulation specs: horizon, step, saving and integration method."""
    start: float
    stop: float
    dt: float
    save_step: float
    method: str  # "euler", "rk4" or "dopri5"; anything else raises ValueError
    time_units: str
    abs_tol: float
    rel_tol: float
    def __init__(self) -> None: ...

class GraphicalFunction:
    """A lookup table: y as a piecewise function of x."""
    @property
    def x(self) -> list[float]: ...
    @property
    def y(self) -> list[float]: ...
    @property
    def interpolation(self) -> str: ...  # "continuous", "discrete" or "extrapolate"
    def __call__(self, x: float) -> float: ...

class Variable:
    """One stock, flow or auxiliary of a model, with its equation text. List fields are copies: assign them."""
    name: str
    equation: str  # a stock's initial value; a graphical function's input
    dimensions: list[str]
    inflows: list[str]
    outflows: list[str]
    non_negative: bool
    units: str
    doc: str
    @property
    def kind(self) -> str: ...  # "stock", "flow", "aux", "parameter" or "input"
    @property
    def graph(self) -> GraphicalFunction | None: ...
    @property
    def elements(self) -> list[tuple[list[str], str]]: ...  # per-element definitions of an array
    def add_element(self, elements: Sequence[str], equation: str) -> None: ...
    @property
    def file(self) -> str: ...  # where it was defined; "" when built in code
    @property
    def line(self) -> int: ...

class Model:
    """A stock-flow model as the modeller describes it; nothing is evaluated."""
    name: str
    def __init__(self) -> None: ...
    @property
    def specs(self) -> SimSpecs: ...
    @property
    def dimensions(self) -> list[tuple[str, list[str]]]: ...
    @property
    def variables(self) -> list[Variable]: ...
    def dimension(self, name: str, elements: Sequence[str]) -> None: ...
    def stock(self, name: str, initial: str, inflows: Sequence[str] = ..., outflows: Sequence[str] = ...) -> Variable: ...
    def flow(self, name: str, equation: str) -> Variable: ...
    def aux(self, name: str, equation: str) -> Variable: ...
    def parameter(self, name: str, default: float | None = None) -> Variable: ...
    def graphical(self, name: str, x: Sequence[float], y: Sequence[float], interpolation: str = "continuous",
                  input: str = "") -> Variable: ...
    def find(self, name: str) -> Variable | None: ...

def load_model(path: str | PathLike[str]) -> Model:
    """Load a model file: .yaml/.yml (revolve's model file) or .xmile/.stmx/.xml (XMILE)."""

def save_xmile(model: Model, path: str | PathLike[str]) -> None:
    """Write the model as XMILE 1.0 (atomically); ModelError names what XMILE cannot hold."""

def run_model(model: Model, method: str | None = None, save: Sequence[str] = ..., seed: int = 1,
              overrides: dict[str, float] = ..., strict: bool = False
              ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], list[str], list[str], str | None]:
    """Compile and run a model; returns (times, values[row, column], names, units, the first non-finite value
    described or None). strict: raise ModelError at it instead. GIL released; Ctrl-C stops it."""

def parameter_table(path: str | PathLike[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Load a parameters file; returns (one dict per parameter, the file's model and conventions)."""

class Scenario:
    """A scenario: a model, its horizon, and the parameters and interventions it changes."""
    label: str
    description: str
    horizon_years: float
    population_scale: float
    seed: int
    runs: int
    def __init__(self, other: Scenario) -> None: ...  # a copy
    @property
    def file(self) -> str: ...
    @property
    def chain(self) -> list[str]: ...  # this file, then what it extends, to the root
    @property
    def model(self) -> str: ...
    @property
    def outputs(self) -> list[str]: ...
    @property
    def parameters(self) -> list[tuple[str, float, str]]: ...  # (name, value, unit); unit "" is the parameter's own
    @property
    def interventions(self) -> dict[str, list[tuple[float, float, float, float]]]: ...  # (start, scale_up, stop, level)
    def hash(self) -> str: ...
    def with_parameters(self, changes: Sequence[tuple[str, float, str]], label: str) -> Scenario: ...
    def set_intervention(self, name: str, windows: Sequence[tuple[float, float, float, float]]) -> None: ...
    def remove_intervention(self, name: str) -> None: ...

class ScenarioResults:
    """One scenario's ensemble: per-step statistics and every run's totals."""
    @property
    def scenario(self) -> Scenario: ...
    @property
    def steps(self) -> int: ...
    @property
    def step_years(self) -> float: ...
    @property
    def runs(self) -> int: ...
    @property
    def measures(self) -> list[tuple[str, str, str, str, str, str, int]]: ...
    # (column, measure, group, unit, aggregation, payer, better), one per output column
    @property
    def periods(self) -> list[str]: ...  # "year 1", ..., "total"
    @property
    def period_years(self) -> list[tuple[float, float]]: ...  # each period's start and end [years]
    @property
    def quarter_periods(self) -> list[str]: ...  # "quarter 1", ... (no total)
    @property
    def quarter_years(self) -> list[tuple[float, float]]: ...  # each quarter's start and end [years]
    @property
    def per_step_columns(self) -> list[int]: ...  # the whole-cohort columns, in per_step's order
    @property
    def quantiles(self) -> list[float]: ...
    def per_step(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
    # (mean[step, measure], sd[step, measure], quantiles[q, step, measure])
    def totals(self) -> npt.NDArray[np.float64]: ...  # [run, period, column]
    def quarter_totals(self) -> npt.NDArray[np.float64]: ...  # [run, quarter, i]: column per_step_columns[i]
    @property
    def entry_match(self) -> str: ...  # "same_people", "nobody" or "baseline_own"
    @property
    def entry_match_note(self) -> str: ...
    @property
    def matched_baseline(self) -> ScenarioResults | None: ...  # the baseline following this scenario's entrants

def load_scenario(path: str | PathLike[str]) -> Scenario:
    """Read a scenario file and what it extends, and check it against its model."""

def validate_scenario(scenario: Scenario) -> None:
    """Check a scenario against its model: parameter names, units and bounds, interventions, outputs."""

def run_scenarios(scenarios: Sequence[Scenario], runs: int, seed: int, threads: int, trajectories: Sequence[str] = ...,
                  progress: Callable[[int, int], object] | None = None, match_entrants: bool = True
                  ) -> tuple[list[ScenarioResults], list[npt.NDArray[np.float64]]]:
    """Run each scenario with the same runs and seed (common random numbers) and, with match_entrants, the baseline
    following each alternative's entrants (ensemble::run_comparison). GIL released; Ctrl-C stops it.
    Returns (results, trajectories): one array [run, step, column] per scenario of the columns asked for;
    progress(done, total) is called with the run-steps done every 50 ms."""

def default_threads() -> int:
    """Worker threads when none are asked for."""

def run_manifest(results: Sequence[ScenarioResults], command: str, runs: int, seed: int, threads: int) -> str:
    """The manifest of a run or comparison, as JSON text (the CLI's manifest.json)."""

def save_results(dir: str | PathLike[str], results: Sequence[ScenarioResults], manifest: str, comparison: bool,
                 force: bool) -> None:
    """Write the files of `revolve run` or `revolve compare`, atomically."""

def check_distinct_labels(scenarios: Sequence[Scenario]) -> None:
    """Raise ScenarioError if two scenarios of a comparison would share a results folder."""

def model_dictionary(model: str) -> dict:
    """Labels, units, better directions, payers and limitations of a model's outputs."""

def scenario_limits() -> dict[str, float]:
    """The limits scenarios are checked against."""

def slug(label: str) -> str:
    """The folder name of a scenario's results: 'A/B' -> 'a_b'."""

class AtomicFolder:
    """An output folder written in full or not at all (revolve.output)."""
    def __init__(self, target: str | PathLike[str], force: bool) -> None: ...
    @property
    def path(self) -> Path: ...  # where to write now: the temporary sibling of the target
    @property
    def target(self) -> Path: ...
    def commit(self) -> None: ...
    def discard(self) -> None: ...

def write_text_file(path: str | PathLike[str], text: str, signature: str, force: bool) -> None:
    """Write a file atomically, replacing only a regular file that carries `signature` (or any, with `force`)."""

def check_output_folder(target: str | PathLike[str], force: bool) -> None:
    """Raise OutputError unless an AtomicFolder may replace `target`."""

def check_output_file(path: str | PathLike[str], signature: str, force: bool) -> None:
    """Raise OutputError unless write_text_file may replace `path`."""

def summary_table(results: ScenarioResults) -> dict[str, list[str] | npt.NDArray[np.float64]]:
    """One scenario's summary.csv, as columns."""

def comparison_table(results: Sequence[ScenarioResults]) -> dict[str, list[str] | npt.NDArray[np.float64]]:
    """comparison.csv, as columns; the first results are the baseline."""

class PsaComparison:
    """A comparison run at the point values and under every draw of a design."""
    @property
    def point(self) -> list[ScenarioResults]: ...  # the runs at the point values ("chance only")
    @property
    def parameters(self) -> list[tuple[str, str, str]]: ...  # name, unit, distribution of each drawn parameter
    @property
    def held(self) -> list[list[str]]: ...  # per scenario: the parameters it sets itself
    @property
    def runs_per_draw(self) -> int: ...
    @property
    def outcome_unit(self) -> str: ...
    def draws(self) -> npt.NDArray[np.float64]: ...  # [draw, parameter], each in its own unit
    def totals(self, scenario: int) -> npt.NDArray[np.float64]: ...  # [draw, run, period, column]
    def paired_baseline_totals(self, scenario: int) -> npt.NDArray[np.float64]: ...  # what totals(scenario) pairs with
    def cost_effectiveness(self) -> list[dict[str, object]]: ...
    def ceac(self) -> tuple[list[float], list[list[float]], list[list[float]]]: ...  # wtp, beats_baseline, best
    def comparison_table(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # comparison.csv
    def manifest(self, command: str, threads: int) -> str: ...
    def save(self, dir: str | PathLike[str], manifest: str, force: bool = False) -> None: ...

def run_psa(scenarios: Sequence[Scenario], settings: dict[str, object], threads: int,
            progress: Callable[[int, int], object] | None = None) -> PsaComparison:
    """Run a PSA as `revolve psa` does. GIL released; Ctrl-C stops it; progress(done, total) every 50 ms."""

class SensitivityRun:
    """A sensitivity analysis's plan, outputs and indices."""
    @property
    def parameters(self) -> list[tuple[str, str, str]]: ...  # name, unit, distribution of each parameter varied
    @property
    def method(self) -> str: ...
    def indices(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # sensitivity.csv
    def design(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # design.csv
    def manifest(self, command: str, threads: int) -> str: ...
    def save(self, dir: str | PathLike[str], manifest: str, force: bool = False) -> None: ...

def run_sensitivity(scenario: Scenario, baseline: Scenario | None, settings: dict[str, object], threads: int,
                    progress: Callable[[int, int], object] | None = None) -> SensitivityRun:
    """Run a sensitivity analysis as `revolve sensitivity` does. GIL released; Ctrl-C stops it; progress(done, total) every 50 ms."""

class CalibrationRecord:
    """A calibration's plan and fit."""
    @property
    def fitted(self) -> dict[str, float]: ...  # each parameter's fitted value, in its own unit
    def fit(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # fit.csv
    def parameters(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # parameters.csv
    def evaluations(self) -> dict[str, list[str] | npt.NDArray[np.float64]]: ...  # evaluations.csv
    def manifest(self) -> str: ...
    def calibrated_scenario(self, dir: str | PathLike[str]) -> str: ...
    def save(self, dir: str | PathLike[str], force: bool = False) -> None: ...

def run_calibration(scenario: Scenario, parameters: Sequence[str], targets: Sequence[int], settings: dict[str, object],
                    command: str, threads: int, progress: Callable[[int, int], object] | None = None) -> CalibrationRecord:
    """Fit parameters as `revolve calibrate` does. GIL released; Ctrl-C stops it; progress(done, total) every 50 ms."""
