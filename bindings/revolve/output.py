"""Output folders and files written as the command line writes them (``docs/reliability.md``).

Everything appears in full or not at all: it is written under a temporary name, flushed to the disk, and put in
place in one step. An existing folder is replaced only if it is empty or revolve wrote it (it holds the marker
file ``.revolve-output``, which every folder written here gets); any other folder only with ``force=True``. A
file, link or device is never replaced by a folder, and a file only by a file.

Example:
    >>> import pathlib, tempfile
    >>> from revolve.output import output_folder
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "figures"
    >>> with output_folder(target) as folder:
    ...     _ = (folder / "outcomes.svg").write_text("<svg/>")
    >>> sorted(p.name for p in target.iterdir())
    ['.revolve-output', 'outcomes.svg']
"""
from __future__ import annotations

import contextlib
import os
import pathlib
from collections.abc import Iterator

from . import _core

#: The file that marks a folder as revolve's output; delete it to keep revolve from replacing the folder.
MARKER = ".revolve-output"


@contextlib.contextmanager
def output_folder(target: str | os.PathLike, force: bool = False) -> Iterator[pathlib.Path]:
    """A temporary folder to write into; it replaces ``target`` when the ``with`` block ends without an error.

    Args:
        target: the output folder. If it exists, it must be empty or one revolve wrote, unless ``force``.
        force: replace an existing folder even if revolve did not write it (never a file, link or device).

    Yields:
        The temporary folder (a sibling of ``target``). An error or Ctrl-C inside the block removes it and
        leaves ``target`` as it was.

    Raises:
        OutputError: ``target`` must not be replaced (raised on entry, before anything is written).

    Example:
        >>> import pathlib, tempfile
        >>> from revolve.output import output_folder
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
        >>> with output_folder(target) as folder:
        ...     _ = (folder / "first.txt").write_text("1")
        >>> with output_folder(target) as folder:  # revolve wrote it: replaced as a whole
        ...     _ = (folder / "second.txt").write_text("2")
        >>> sorted(p.name for p in target.iterdir())
        ['.revolve-output', 'second.txt']
    """
    folder = _core.AtomicFolder(os.fspath(target), force)
    try:
        yield pathlib.Path(folder.path)
        folder.commit()
    finally:
        folder.discard()


def write_text(path: str | os.PathLike, text: str, signature: str = "", force: bool = False) -> pathlib.Path:
    """Write a text file (UTF-8) in one step: under a temporary name, flushed to the disk, then renamed.

    Args:
        path: the file.
        text: its content.
        signature: if given, an existing file is replaced only if its first 4 KiB contain it (a file revolve
            wrote), unless ``force``.
        force: replace an existing regular file without the signature.

    Returns:
        The path.

    Raises:
        OutputError: ``path`` is a folder, link or device, or a file without the signature.

    Example:
        >>> import pathlib, tempfile
        >>> from revolve.output import write_text
        >>> page = write_text(pathlib.Path(tempfile.mkdtemp()) / "page.html", "<p>hello</p>")
        >>> page.read_text()
        '<p>hello</p>'
    """
    _core.write_text_file(os.fspath(path), text, signature, force)
    return pathlib.Path(path)


def check_folder(target: str | os.PathLike, force: bool = False) -> None:
    """Raise :class:`~revolve.OutputError` unless :func:`output_folder` may replace ``target``: to check before a
    long job rather than after it.

    Example:
        >>> import pathlib, tempfile
        >>> from revolve.output import check_folder
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> check_folder(folder)  # empty: may be used
        >>> _ = (folder / "notes.txt").write_text("mine")
        >>> check_folder(folder)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
          ...
        revolve.errors.OutputError: /...: is a folder revolve did not write (it holds 'notes.txt'); ...
    """
    _core.check_output_folder(os.fspath(target), force)


def check_file(path: str | os.PathLike, signature: str = "", force: bool = False) -> None:
    """Raise :class:`~revolve.OutputError` unless :func:`write_text` may replace ``path``.

    Example:
        >>> import pathlib, tempfile
        >>> from revolve.output import check_file
        >>> notes = pathlib.Path(tempfile.mkdtemp()) / "notes.md"
        >>> _ = notes.write_text("mine")
        >>> check_file(notes, signature="by `revolve params doc`")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
          ...
        revolve.errors.OutputError: /...notes.md: is a file revolve did not write; ...
        >>> check_file("/dev/null", force=True)
        Traceback (most recent call last):
          ...
        revolve.errors.OutputError: /dev/null: is a character device, not a regular file: revolve never replaces it; choose another output path
    """
    _core.check_output_file(os.fspath(path), signature, force)
