"""revolve: simulate how people facing multiple disadvantage move through housing, justice and health services.

The engine is C++ (``revolve._core``); this package gives it to Python with pandas results. Runs release the
GIL, and Ctrl-C stops them with KeyboardInterrupt. Errors are :class:`Error` and its subclasses, with the
same messages as the command line.

- Scenarios: :meth:`Scenario.load`, :meth:`Scenario.with_changes`, :func:`run` and :func:`compare` (the
  numbers of ``revolve run`` and ``revolve compare``), :class:`Results` with pandas tables and the CLI's files.
- :func:`psa`: probabilistic sensitivity analysis, as ``revolve psa``: ranges with uncertainty about the parameters.
- :func:`sensitivity` (Morris or Sobol, as ``revolve sensitivity``) and :func:`calibrate` (as ``revolve calibrate``).
- :mod:`revolve.sd`: stock-flow models: ``revolve.sd.load(path)``, ``revolve.sd.Model(...)``, ``model.run()``.
- :func:`revolve.parameters`: a model's parameters with their sources, as a DataFrame.
- :func:`cost_per_person_year`: cost per person-year by housing state, or in the first year by state at entry.

Example:
    >>> import revolve
    >>> teacup = revolve.sd.load("models/examples/teacup.yaml")
    >>> teacup.run().shape
    (241, 4)
"""
from . import errors, sd
from ._core import __version__
from .errors import Cancelled, Error, InputError, ModelError, OutputError, ParameterError, ScenarioError
from .dictionary import model_dictionary
from .params import parameters
from .uncertainty import PsaResults, psa
from .sensitivity_analysis import SensitivityResults, sensitivity
from .calibration import CalibrationResults, calibrate
from .scenarios import Results, Scenario, compare, run
from .costs import cost_per_person_year

__all__ = ["__version__", "Scenario", "run", "compare", "Results", "psa", "PsaResults", "sensitivity",
           "SensitivityResults", "calibrate", "CalibrationResults", "sd", "parameters", "model_dictionary", "cost_per_person_year", "errors",
           "Error", "ModelError", "InputError", "ParameterError", "ScenarioError", "OutputError", "Cancelled"]
