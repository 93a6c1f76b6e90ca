"""Progress of long runs for :func:`revolve.run`, :func:`revolve.compare` and :func:`revolve.psa` (private).

The engine counts run-steps on its threads and, every 50 ms, calls ``progress(done, total)`` from the thread that
called it (with the GIL): a function of the user's, or a bar on stderr with the time left.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

#: What ``progress=`` takes: True for a bar on stderr, None or False for nothing, or ``progress(done, total)``.
ProgressOption = bool | Callable[[int, int], Any] | None


def callback(progress: ProgressOption) -> Callable[[int, int], Any] | None:
    """The callable the engine calls, or None.

    Raises:
        TypeError: `progress` is neither a bool, None nor callable.
    """
    if progress is None or progress is False:
        return None
    if progress is True:
        return Bar()
    if callable(progress):
        return progress
    raise TypeError(f"progress must be True, False, None or a callable progress(done, total), got {progress!r}")


class Bar:
    """``[########            ]  42%  1m 05s left`` on one line of `stream`, redrawn when the percentage moves."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self._stream = stream or sys.stderr
        self._width = width
        self._shown = -1
        self._start = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == self._shown:
            return
        self._shown = percent
        filled = percent * self._width // 100
        self._stream.write(f"\r[{'#' * filled}{' ' * (self._width - filled)}] {percent:3d}%{self._left(percent)}")
        if percent >= 100:
            self._stream.write("\n")
        self._stream.flush()

    def _left(self, percent: int) -> str:
        if percent <= 0 or percent >= 100:
            return " " * 16
        seconds = round((time.monotonic() - self._start) * (100 - percent) / percent)  # the pace so far, carried on
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"  {hours}h {minutes:02d}m left  " if hours else f"  {minutes}m {seconds:02d}s left  "
