"""Stock-flow (system dynamics) models: load a model file or build one with equation strings, run it in C++,
get a pandas DataFrame.

Equations use XMILE expression syntax; ``docs/sd.md`` lists the operators and builtins. Names are
case-insensitive, and spaces and underscores are the same (``Room Temperature`` is ``room_temperature``).

Example:
    >>> import revolve
    >>> teacup = revolve.sd.load("models/examples/teacup.yaml")
    >>> results = teacup.run()
    >>> results["Teacup Temperature"].iloc[[0, -1]].round(2)
    time
    0.0     180.00
    30.0     75.37
    Name: Teacup Temperature, dtype: float64
"""
from __future__ import annotations

import math
import numbers
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping

import pandas as pd

from . import _core

#: An equation: XMILE expression text, or a number.
Equation = str | float
#: One equation for every element of an array, or a mapping of element ("young" or "young, housing") to equation.
Definition = Equation | Mapping[str | tuple[str, ...], Equation]
#: A name, or several.
Names = str | Iterable[str]


def load(path: str | os.PathLike) -> Model:
    """Load a model file: revolve's YAML model file, or XMILE exported by Stella or Vensim.

    Args:
        path: a ``.yaml``/``.yml`` model file (``docs/sd.md``) or ``.xmile``/``.stmx``/``.xml`` XMILE
            (``docs/xmile.md``).

    Returns:
        The model with its own specs, ready to :meth:`Model.run` or to change.

    Raises:
        InputError: the file cannot be read or parsed, or uses a construct revolve does not support; the
            message names the file and line.

    Example:
        >>> import revolve
        >>> model = revolve.sd.load("docs/examples/housing_first_queue.xmile")
        >>> model
        <revolve.sd.Model 'Housing First queue': 11 variables, euler from 0 to 104 (dt 0.25)>
        >>> model["places"].equation
        '30 + STEP(20, 52)'
    """
    return Model._wrap(_core.load_model(os.fspath(path)))


class Model:
    """A stock-flow model: specs, dimensions, and variables with equation strings.

    Build one here, or load a file with :func:`load`. Nothing is evaluated until :meth:`run`, which compiles the
    equations (errors name the variable and the column) and integrates them in C++. Variables are looked up by
    name: ``model["Room Temperature"]``, ``"x" in model``, ``len(model)``, ``list(model)``.

    Args:
        name: the model's name.
        start: start time [time units].
        stop: stop time [time units].
        dt: integration step [time units].
        method: ``"euler"`` (exactly as Stella and Vensim), ``"rk4"`` or ``"dopri5"`` (adaptive).
        save_step: interval between saved rows [time units]; 0 saves every ``dt``.
        time_units: what one unit of time is ("minutes"), for documentation.

    Example:
        >>> import revolve
        >>> m = revolve.sd.Model("Teacup", start=0, stop=30, dt=0.125, time_units="minutes")
        >>> m.stock("Teacup Temperature", 180, outflows=["Heat Loss to Room"], units="degrees Fahrenheit")
        Variable(stock 'Teacup Temperature' = 180)
        >>> m.flow("Heat Loss to Room", "(Teacup Temperature - Room Temperature) / Characteristic Time")
        Variable(flow 'Heat Loss to Room' = (Teacup Temperature - Room Temperature) / Characteristic Time)
        >>> m.aux("Room Temperature", 70)
        Variable(aux 'Room Temperature' = 70)
        >>> m.constant("Characteristic Time", 10)
        Variable(aux 'Characteristic Time' = 10)
        >>> m.run(save=["Teacup Temperature"]).iloc[-1].round(2)
        Teacup Temperature    75.37
        Name: 30.0, dtype: float64
    """

    def __init__(self, name: str = "", *, start: float = 0.0, stop: float = 10.0, dt: float = 1.0,
                 method: str = "euler", save_step: float = 0.0, time_units: str = "") -> None:
        self._core = _core.Model()
        self._core.name = name
        specs = self._core.specs
        specs.start, specs.stop, specs.dt, specs.save_step = start, stop, dt, save_step
        specs.method = method
        specs.time_units = time_units

    @classmethod
    def _wrap(cls, core: _core.Model) -> Model:
        model = cls.__new__(cls)
        model._core = core
        return model

    @property
    def name(self) -> str:
        """The model's name."""
        return self._core.name

    @name.setter
    def name(self, value: str) -> None:
        self._core.name = value

    @property
    def specs(self) -> _core.SimSpecs:
        """The simulation specs, live: ``model.specs.stop = 100`` changes the next run.

        Example:
            >>> import revolve
            >>> model = revolve.sd.load("models/examples/teacup.yaml")
            >>> model.specs
            SimSpecs(start=0, stop=30, dt=0.125, save_step=0, method='euler', time_units='minutes')
            >>> model.specs.stop = 60
            >>> model.run().index[-1]
            60.0
        """
        return self._core.specs

    @property
    def dimensions(self) -> dict[str, list[str]]:
        """Each dimension's name and its elements, in the order defined.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model()
            >>> m.dimension("group", ["young", "women", "chronic"])
            >>> m.dimensions
            {'group': ['young', 'women', 'chronic']}
        """
        return dict(self._core.dimensions)

    @property
    def variables(self) -> pd.DataFrame:
        """One row per variable (indexed by name, in model order): kind, equation, dimensions, flows, units, doc.

        A stock's equation is its initial value; an array defined element by element shows each definition.
        To change a variable, use ``model[name]``.

        Example:
            >>> import revolve
            >>> revolve.sd.load("models/examples/teacup.yaml").variables[["kind", "equation"]]
                                 kind                                           equation
            name
            Teacup Temperature  stock                                                180
            Heat Loss to Room    flow  (Teacup Temperature - Room Temperature) / Char...
            Room Temperature      aux                                                 70
            Characteristic Time   aux                                                 10
        """
        rows = [{"name": v.name, "kind": v.kind, "equation": _equation_text(v), "dimensions": v.dimensions,
                 "inflows": v.inflows, "outflows": v.outflows, "non_negative": v.non_negative, "units": v.units,
                 "doc": v.doc} for v in self._core.variables]
        columns = ["name", "kind", "equation", "dimensions", "inflows", "outflows", "non_negative", "units", "doc"]
        return pd.DataFrame(rows, columns=columns).set_index("name")

    def __getitem__(self, name: str) -> _core.Variable:
        variable = self._core.find(name)
        if variable is None:
            raise KeyError(f"no variable '{name}' in the model")
        return variable

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._core.find(name) is not None

    def __len__(self) -> int:
        return len(self._core.variables)

    def __iter__(self) -> Iterator[str]:
        return (v.name for v in self._core.variables)

    def __repr__(self) -> str:
        s = self.specs
        return (f"<revolve.sd.Model '{self.name}': {len(self)} variables, {s.method} from {s.start:g} to {s.stop:g} "
                f"(dt {s.dt:g})>")

    def dimension(self, name: str, elements: Iterable[str] | int) -> None:
        """Add a dimension for arrays.

        Args:
            name: the dimension's name, used in ``dimensions=[...]`` and in equations.
            elements: element names, or a count n for elements named "1" to "n".

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model()
            >>> m.dimension("service", 3)
            >>> m.dimensions["service"]
            ['1', '2', '3']
        """
        if isinstance(elements, numbers.Integral):
            elements = [str(i) for i in range(1, int(elements) + 1)]
        self._core.dimension(name, _names(elements))

    def stock(self, name: str, initial: Definition, inflows: Names = (), outflows: Names = (), *,
              non_negative: bool = False, dimensions: Names = (), units: str = "", doc: str = "") -> _core.Variable:
        """Add a stock: it accumulates its inflows minus its outflows.

        Args:
            name: the stock's name.
            initial: its initial value (an equation, a number, or per element of an array).
            inflows: names of the flows that fill it.
            outflows: names of the flows that drain it.
            non_negative: cut the outflows so the stock never goes below zero (as Stella does).
            dimensions: names of its dimensions: an array with one stock per element.
            units: its units, carried into results.
            doc: what it means.

        Returns:
            The new variable, which can still be changed (``.equation``, ``.units``, ...).

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model(stop=3)
            >>> m.stock("waiting", 10, inflows="arriving", outflows=["housed"], non_negative=True)
            Variable(stock 'waiting' = 10)
            >>> m.flow("arriving", 2)
            Variable(flow 'arriving' = 2)
            >>> m.flow("housed", 5)
            Variable(flow 'housed' = 5)
            >>> m.run()["waiting"].tolist()
            [10.0, 7.0, 4.0, 1.0]
        """
        variable = self._core.stock(name, "", _names(inflows), _names(outflows))
        return _fill(variable, initial, non_negative, dimensions, units, doc)

    def flow(self, name: str, equation: Definition, *, non_negative: bool = False, dimensions: Names = (),
             units: str = "", doc: str = "") -> _core.Variable:
        """Add a flow: a rate that fills or drains stocks (list it in their ``inflows`` or ``outflows``).

        Args:
            name: the flow's name.
            equation: its value [per time unit] (an equation, a number, or per element of an array).
            non_negative: the flow never runs backwards (negative values become 0).
            dimensions, units, doc: as for :meth:`stock`.

        Returns:
            The new variable.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model()
            >>> m.flow("discharges", "beds / length of stay", units="people per week")
            Variable(flow 'discharges' = beds / length of stay)
        """
        return _fill(self._core.flow(name, ""), equation, non_negative, dimensions, units, doc)

    def aux(self, name: str, equation: Definition, *, dimensions: Names = (), units: str = "",
            doc: str = "") -> _core.Variable:
        """Add an auxiliary: a value computed from others at every step.

        Args:
            name: the variable's name.
            equation: its value: an equation, a number, or for an array a mapping of element to equation.
            dimensions, units, doc: as for :meth:`stock`.

        Returns:
            The new variable.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model(stop=1)
            >>> m.dimension("group", ["young", "women"])
            >>> m.aux("arrivals", {"young": 5, "women": "3 + TIME"}, dimensions=["group"])
            Variable(aux 'arrivals')
            >>> m.aux("total", "SUM(arrivals[*])")
            Variable(aux 'total' = SUM(arrivals[*]))
            >>> m.run()
                  arrivals[young]  arrivals[women]  total
            time
            0.0               5.0              3.0    8.0
            1.0               5.0              4.0    9.0
        """
        return _fill(self._core.aux(name, ""), equation, False, dimensions, units, doc)

    def constant(self, name: str, value: float, *, units: str = "", doc: str = "") -> _core.Variable:
        """Add a constant: an auxiliary whose value is a number.

        Args:
            name: the constant's name.
            value: its value.
            units: its units.
            doc: what it means, and where the number comes from.

        Returns:
            The new variable.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model()
            >>> m.constant("length of stay", 12, units="weeks")
            Variable(aux 'length of stay' = 12)
        """
        return _fill(self._core.aux(name, ""), float(value), False, (), units, doc)

    def parameter(self, name: str, default: float | None = None, *, dimensions: Names = (), units: str = "",
                  doc: str = "") -> _core.Variable:
        """Add a parameter: a number given to each run by ``run(overrides=...)``, or else its default.

        A run that gives no value to a parameter without a default raises ``ModelError`` naming it.

        Args:
            name: the parameter's name.
            default: its value when a run gives none; None for no default.
            dimensions, units, doc: as for :meth:`stock`.

        Returns:
            The new variable.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model(stop=2)
            >>> m.parameter("arrivals", units="people per week")
            Variable(parameter 'arrivals')
            >>> m.stock("waiting", 0, inflows="arrivals")
            Variable(stock 'waiting' = 0)
            >>> m.run(overrides={"arrivals": 3})["waiting"].tolist()
            [0.0, 3.0, 6.0]
        """
        if default is not None and not math.isfinite(default):
            raise ValueError(f"the default of parameter '{name}' must be a finite number, got {default}")
        variable = self._core.parameter(name, None if default is None else float(default))
        return _fill(variable, None, False, dimensions, units, doc)

    def graphical(self, name: str, x: Iterable[float], y: Iterable[float], input: Equation = "", *,
                  interpolation: str = "continuous", units: str = "", doc: str = "") -> _core.Variable:
        """Add a graphical function (lookup table): y as a piecewise function of x.

        Args:
            name: the variable's name.
            x: the points' x values, strictly increasing.
            y: the points' y values, one per x.
            input: the equation of x; empty to call it by name in other equations, as ``name(x)``.
            interpolation: ``"continuous"`` (linear, clamped at the ends), ``"discrete"`` (steps) or
                ``"extrapolate"`` (linear, the end slopes continue).
            units, doc: as for :meth:`stock`.

        Returns:
            The new variable.

        Example:
            >>> import revolve
            >>> m = revolve.sd.Model(stop=2)
            >>> m.graphical("effect of crowding", x=[0, 1, 2], y=[1.0, 0.8, 0.2], input="TIME")
            Variable(aux 'effect of crowding' = TIME)
            >>> m.run()["effect of crowding"].tolist()
            [1.0, 0.8, 0.2]
        """
        equation = _equation(input) if input != "" else ""
        variable = self._core.graphical(name, [float(v) for v in x], [float(v) for v in y], interpolation, equation)
        return _fill(variable, None, False, (), units, doc)

    def save_xmile(self, path: str | os.PathLike) -> None:
        """Write the model as an XMILE 1.0 file, for Stella, Vensim and other tools.

        :func:`load` reads it back to the same model and the same results, bit for bit. Equations are written as in
        the model, names with spaces in them written with underscores. Input variables and dopri5's tolerances,
        which XMILE has no words for, are kept as ``revolve:`` attributes that other tools ignore. The file is
        written atomically: if the export fails, no file is left.

        Args:
            path: the file to write, ending in ``.xmile`` (or ``.xml``, ``.stmx``).

        Raises:
            ModelError: the model holds something XMILE cannot: an element name with a comma, or a control
                character in a name, equation or doc.
            InputError: the path does not end in ``.xmile``, ``.xml`` or ``.stmx``, or cannot be written.

        Example:
            >>> import os, tempfile
            >>> import revolve
            >>> teacup = revolve.sd.load("models/examples/teacup.yaml")
            >>> path = os.path.join(tempfile.mkdtemp(), "teacup.xmile")
            >>> teacup.save_xmile(path)
            >>> revolve.sd.load(path).run().equals(teacup.run())
            True
        """
        _core.save_xmile(self._core, os.fspath(path))

    def run(self, method: str | None = None, save: Names | None = None, seed: int = 1,
            overrides: Mapping[str, float] | None = None, strict: bool = False) -> pd.DataFrame:
        """Compile and run the model in C++ (GIL released; Ctrl-C stops it with KeyboardInterrupt).

        The numbers are the same as ``revolve sd run`` gives for the same model, method and seed.

        Args:
            method: ``"euler"``, ``"rk4"`` or ``"dopri5"``; default: the model's own.
            save: variables to keep (an array's name keeps all its elements); default: all.
            seed: seed for ``NORMAL``, ``UNIFORM`` and ``POISSON`` (the CLI's default is 1 too).
            overrides: values of parameters, or of any variable replacing its equation, for this run only,
                by variable or element name (``{"Room Temperature": 60, "x[young]": 2}``); a stock's override
                is its initial value.
            strict: raise :class:`ModelError` at the first value that is not a finite number (division by zero,
                ``LN`` or ``SQRT`` of a negative number, overflow). Without it such values are kept and a
                ``RuntimeWarning`` names the first variable and time.

        Returns:
            One row per saved time (index ``time``), one column per saved variable, array elements as
            ``name[element]``. ``frame.attrs["units"]`` maps each column to its units.

        Raises:
            ModelError: an equation does not compile (the message names the variable and the column), the specs
                cannot be run, or with ``strict`` a value is not a finite number.

        Example:
            >>> import revolve
            >>> teacup = revolve.sd.load("models/examples/teacup.yaml")
            >>> cool_room = teacup.run(save="Teacup Temperature", overrides={"Room Temperature": 50})
            >>> cool_room.loc[30.0, "Teacup Temperature"].round(2)
            56.35
        """
        times, values, names, units, non_finite = _core.run_model(
            self._core, method, _names(save), seed, {k: float(v) for k, v in (overrides or {}).items()}, strict)
        if non_finite is not None:
            warnings.warn(f"{non_finite}: the results hold values that are not finite numbers (strict=True raises "
                          "instead)", RuntimeWarning, stacklevel=2)
        frame = pd.DataFrame(values, index=pd.Index(times, name="time"), columns=names, copy=False)
        frame.attrs["units"] = dict(zip(names, units))
        return frame


def _equation(value: Equation) -> str:
    """Equation text from a string or a number (written so it reads back exactly)."""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return repr(int(value)) if float(value).is_integer() and abs(value) < 2**53 else repr(float(value))
    raise TypeError(f"an equation is a string or a number, not {type(value).__name__}")


def _names(value: Names | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _element_key(key: str | tuple[str, ...]) -> list[str]:
    """["young", "housing"] from "young, housing" or ("young", "housing")."""
    if isinstance(key, str):
        return [part.strip() for part in key.split(",")]
    return [str(part) for part in key]


def _fill(variable: _core.Variable, definition: Definition | None, non_negative: bool, dimensions: Names,
              units: str, doc: str) -> _core.Variable:
    """Fill in what every builder method takes; a None definition keeps the equation the engine wrote."""
    if isinstance(definition, Mapping):
        for key, equation in definition.items():
            variable.add_element(_element_key(key), _equation(equation))
    elif definition is not None:
        variable.equation = _equation(definition)
    variable.non_negative = non_negative
    variable.dimensions = _names(dimensions)
    variable.units = units
    variable.doc = doc
    return variable


def _equation_text(variable: _core.Variable) -> str:
    if variable.elements:
        return "; ".join(f"{', '.join(elements)}: {equation}" for elements, equation in variable.elements)
    return variable.equation
