"""Finding the input files: folders are walked recursively in a stable order."""
from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path


def _display(path_str: str) -> str:
    """A file name as valid, NFC-normalised Unicode (undecodable bytes become U+FFFD)."""
    s = path_str.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return unicodedata.normalize("NFC", s)


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, source_file)`` for every input file, in a stable order.

    Hidden files and folders (``.name``, which includes our own staging
    folders), ``*.gold.json`` answer keys and the ``exclude`` folders (the
    output folder) are skipped; symlinked folders are not followed.
    """
    excl = {os.path.realpath(p) for p in exclude}
    for root in inputs:
        root = Path(root)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                     and os.path.realpath(os.path.join(dirpath, d)) not in excl)
                for name in sorted(filenames):
                    if name.startswith(".") or name.endswith(".gold.json"):
                        continue
                    p = Path(dirpath) / name
                    yield p, _display(p.relative_to(root).as_posix())
        else:
            yield root, _display(root.name)
