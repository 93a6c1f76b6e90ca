"""The exceptions revolve raises: one class per C++ error class (``sim/core/error.hpp``), same name, same message.

Every message says where the problem is (file, line, variable, column), so you can fix your input without
reading engine code. Catch :class:`Error` to handle all of them.
"""


class Error(RuntimeError):
    """Base of every error revolve raises on purpose.

    Example:
        >>> import revolve
        >>> try:
        ...     revolve.sd.load("no/such/model.yaml")
        ... except revolve.Error as error:
        ...     print(type(error).__name__, "-", error)
        InputError - no/such/model.yaml: cannot open: No such file or directory
    """


class ModelError(Error):
    """A stock-flow model that cannot be compiled: syntax, unknown name, algebraic loop, arity, dimensions.

    The message names the variable, where it was defined and the column in its equation.

    Example:
        >>> import revolve
        >>> m = revolve.sd.Model(stop=5)
        >>> m.aux("growth", "rate * 2")
        Variable(aux 'growth' = rate * 2)
        >>> m.constant("rte", 0.1)
        Variable(aux 'rte' = 0.1)
        >>> try:
        ...     m.run()
        ... except revolve.ModelError as error:
        ...     print(error)
        in the equation of 'growth', column 1: unknown name 'rate' (did you mean 'rte'?)
            rate * 2
            ^
    """


class InputError(Error):
    """A file that cannot be read or parsed (model files, XMILE, parameter files, CSV); names the file and line.

    Example:
        >>> import pathlib, tempfile
        >>> import revolve
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.yaml"
        >>> _ = path.write_text("variables:\\n  - aux: a\\n    colour: red\\n")
        >>> try:
        ...     revolve.sd.load(path)
        ... except revolve.InputError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        /...bad.yaml:3: unknown key 'colour' in a variable (allowed: ...)
    """


class ParameterError(Error):
    """A parameter value that breaks its specification (unit, bounds, missing source); names file, line, parameter.

    Example:
        >>> import pathlib, tempfile
        >>> import revolve
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "parameters.yaml"
        >>> _ = path.write_text("model: demo\\nsections: {}\\n")
        >>> try:
        ...     revolve.parameters(path)
        ... except revolve.ParameterError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        /...parameters.yaml:1: the parameters file needs 'conventions'
    """


class ScenarioError(Error):
    """An invalid scenario: unknown key, parameter or intervention, value out of bounds or in the wrong unit, bad
    ``extends``, overlapping schedule. The message names the file and line, or ``with_changes`` for changes made in
    Python.

    Example:
        >>> import pathlib, tempfile
        >>> import revolve
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
        >>> _ = path.write_text("model: revolving_door\\nhorizon: 5\\n")
        >>> try:
        ...     revolve.Scenario.load(path)
        ... except revolve.ScenarioError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        /...s.yaml:2: unknown key 'horizon' (allowed: cohort, description, extends, horizon_years, ...)
        >>> base = revolve.Scenario.load("scenarios/bristol/baseline.yaml")
        >>> try:
        ...     base.with_changes(interventions={"navigtors": "on"})
        ... except revolve.ScenarioError as error:
        ...     print(error)
        with_changes: unknown intervention 'navigtors' (did you mean 'navigators'?) (known: housing_first, mtam, navigators, release_accommodation, contracts, payment_by_results, commissioning_for_learning)
    """


class OutputError(Error):
    """An output path revolve will not write to: a folder revolve did not write (unless ``force=True``), or
    something that is not a folder or regular file (a link, a device), which is never replaced. The message says
    what is there and what to do; nothing was written or removed (``docs/reliability.md``).

    Example:
        >>> import pathlib, tempfile
        >>> import revolve
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "thesis.txt").write_text("years of work")
        >>> small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(
        ...     horizon_years=0.1, population_scale=0.05)
        >>> try:
        ...     revolve.run(small, runs=1).save(folder)
        ... except revolve.OutputError as error:
        ...     print(error)  # doctest: +ELLIPSIS
        /...: is a folder revolve did not write (it holds 'thesis.txt'); choose another output folder, or replace it and everything in it with --force (force=True in Python)
        >>> (folder / "thesis.txt").read_text()
        'years of work'
    """


class Cancelled(Error):
    """A run stopped on request; partial results are discarded.

    Ctrl-C during a run raises :class:`KeyboardInterrupt`, as everywhere in Python; ``Cancelled`` is for runs
    stopped by other means.

    Example:
        >>> import revolve
        >>> issubclass(revolve.Cancelled, revolve.Error)
        True
    """
