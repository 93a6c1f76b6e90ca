"""Plots, the HTML report and the workshop dashboard of revolve. It imports revolve; revolve never imports it.

- :mod:`viz.data`: read the folder ``revolve compare`` writes.
- :mod:`viz.figures`: static figures for board papers (PNG and SVG).
- :mod:`viz.report`: the self-contained HTML report (``revolve report DIR``).
- :mod:`viz.workshop`: the local dashboard with sliders (``revolve workshop``).

Submodules are imported on use, so the dashboard does not pay for matplotlib.

Example:
    >>> import viz.report
    >>> viz.report.write_report("out/bristol")  # doctest: +SKIP
    PosixPath('out/bristol/report.html')
"""
