"""Reading files into documents: ``read_file`` for one file, ``iter_documents`` for the inputs.

Neither raises: a file that cannot be read, or a reader that fails on an
input nobody foresaw, becomes an ``EgovError`` item for the ``errors`` table.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DecodeFailed, InputNotFound
from ..settings import DEFAULT, Settings
from .archive import Source
from .base import Item
from .discover import discover
from .registry import select


def read_file(path: Path, source_file: str, settings: Settings = DEFAULT) -> Iterator[Item]:
    """Documents (or errors) of one input file. Never raises."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield InputNotFound("not a regular file (a device, socket or pipe)", source_file=source_file)
            return
        src = Source(path, source_file)
        yield from select(path.name, src.head).read(src, settings)
    except OSError as e:
        yield InputNotFound(f"cannot read the file: {e.strerror or e}", source_file=source_file)
    except Exception as e:  # an input we did not foresee must not stop the batch
        yield DecodeFailed(f"unexpected {type(e).__name__} while reading: {e}", source_file=source_file)


def _file_stat(path: Path) -> tuple[int, float]:
    """``(size, mtime)`` of ``path``, ``(0, 0.0)`` when it cannot be stat'ed."""
    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime
    except OSError:
        return 0, 0.0


def iter_documents(inputs: Iterable[Path], settings: Settings = DEFAULT, exclude: Iterable[Path] = (),
                   with_stat: bool = False) -> Iterator:
    """Every document (or error) of the inputs, in a stable order.

    With ``with_stat`` each item comes as ``(item, (size, mtime))`` of the file it was read from.
    """
    for path, sf in discover(inputs, exclude):
        fstat = _file_stat(path)
        if not os.path.lexists(path):
            items: Iterable = [InputNotFound("no such file or folder", source_file=str(path))]
        else:
            items = read_file(path, sf, settings)
        for item in items:
            yield (item, fstat) if with_stat else item
