"""Type stub of revolve._core, the compiled engine behind the package (private: use ``import revolve``)."""
from collections.abc import Sequence
from os import PathLike
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
    def kind(self) -> str: ...  # "stock", "flow" or "aux"
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
    def graphical(self, name: str, x: Sequence[float], y: Sequence[float], interpolation: str = "continuous",
                  input: str = "") -> Variable: ...
    def find(self, name: str) -> Variable | None: ...

def load_model(path: str | PathLike[str]) -> Model:
    """Load a model file: .yaml/.yml (revolve's model file) or .xmile/.stmx/.xml (XMILE)."""

def run_model(model: Model, method: str | None = None, save: Sequence[str] = ..., seed: int = 1,
              overrides: dict[str, float] = ...) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64],
                                                          list[str], list[str]]:
    """Compile and run a model; returns (times, values[row, column], names, units). GIL released; Ctrl-C stops it."""

def parameter_table(path: str | PathLike[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Load a parameters file; returns (one dict per parameter, the file's model and conventions)."""
