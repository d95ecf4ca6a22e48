"""Start-up cache: data derived from the shipped files, pickled on first use.

Reading the word lists of the NER (Brown clusters, world names and places),
the lemma table of spacy-lookups-data and tokenising the gazetteer names took
about 3.5 s of every start. ``cached(name, sources, build)`` returns
``build()`` and keeps its result in a pickle file; later calls (in later
runs, in every worker) read the file instead.

Invalidation: the file name carries a digest of the cache format, the Python
and spaCy versions, ``extra`` (e.g. a tokenizer signature or a package
version) and the CONTENT (sha1) of every source file. Changing a data file,
upgrading spaCy or changing the tokenizer therefore starts a fresh file; the
stale one of the same name is removed. A file that cannot be read (truncated,
another format) is rebuilt. Files are written to a temporary name and moved
into place, so concurrent workers never read a half-written file.

Where: ``$EGOVNEWS_CACHE_DIR``, else ``$XDG_CACHE_HOME/egovnews``, else
``~/.cache/egovnews``. ``EGOVNEWS_CACHE_DIR=off`` (or a folder that cannot be
written) turns the cache off: every start builds the data again, with the
same result.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = "1"   # bump when what a builder returns changes shape
log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    env = os.environ.get("EGOVNEWS_CACHE_DIR")
    if env:
        return None if env.strip().lower() in ("off", "0", "none", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "egovnews"


@lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def key(name: str, sources: Iterable[str | Path], extra: str = "") -> str:
    """The digest naming the cache file of ``name`` for the current sources and versions."""
    import spacy

    h = hashlib.sha1()
    for part in (FORMAT, name, sys.version.split()[0], spacy.__version__, extra):
        h.update(part.encode("utf-8") + b"\x00")
    for src in sources:
        p = Path(src)
        if p.exists():
            st = p.stat()
            h.update(p.name.encode("utf-8") + _file_digest(str(p), st.st_size, st.st_mtime_ns).encode())
        else:
            h.update(p.name.encode("utf-8") + b"<missing>")
    return h.hexdigest()[:20]


def cached(name: str, sources: Iterable[str | Path], build: Callable[[], T], extra: str = "") -> T:
    """``build()``, read from the cache when an entry for the same sources and versions exists."""
    d = cache_dir()
    if d is None:
        return build()
    path = d / f"{name}-{key(name, list(sources), extra)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as e:  # truncated or foreign file: build again
        log.debug("start-up cache %s unreadable (%s): rebuilding", path, e)
    value = build()
    _store(d, path, name, value)
    return value


def _store(d: Path, path: Path, name: str, value) -> None:
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=d)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as e:  # read-only home, full disk: the cache is an optimisation only
        log.debug("start-up cache not written (%s)", e)
        return
    for old in d.glob(f"{name}-*.pickle"):  # stale entries of the same name
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
