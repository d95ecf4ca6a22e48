"""Manifest: which documents an output folder already holds, for resume and incremental runs.

Every output folder has ``_manifest.parquet``: one row per document of the
run (``doc_id`` = content hash, ``source_file``, ``size`` and ``mtime`` of
the file it came from, the settings ``fingerprint``, and ``status``:
``processed`` in that run or ``carried`` over from an earlier one). The parts
of an interrupted run (see pipeline/export/) hold the same rows for the documents
they finished.

A re-run over the same output folder skips a document whose content hash is
in a previous manifest with the same fingerprint, and carries its rows over
from the previous tables instead (``--force`` turns this off). The
fingerprint covers everything that changes a document's rows: the package
version and a hash of its code, data files and shipped models, the model
asked for (and the installed de_core_news_* package it resolves to), and
the settings that shape the output (size limit and policy, corpus
templates). Worker count, formats, timeout and the engine do not change rows
and are not in it.

Corpus templates are learned from the whole input set, so a document's rows
also depend on the other documents of its site. Each manifest row therefore
keeps ``templates``, a digest of the template table of the document's site
as the cleaner saw it; a document is carried over only when that digest is
unchanged too. A resumed run is thus equal to a fresh one; an incremental
run over a grown folder reprocesses the documents of sites whose templates
changed (new pages of a site change its line counts) and skips the rest.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq

from .export import MANIFEST, complete_parts
from .settings import PACKAGE_DIR, Settings

FILE = f"{MANIFEST}.parquet"
# Settings fields that change the rows of a document (see the module docstring).
OUTPUT_SETTINGS = ("model", "max_doc_bytes", "truncate_large", "corpus_templates")


# For development only: pin the code part of the fingerprint while the
# package's files are being edited (benchmarks/hostile_run.py uses it to show
# a resume in a working tree that others are changing).
CODE_HASH_ENV = "EGOVNEWS_FINGERPRINT_CODE"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """SHA-1 over the package's code, data files and shipped models."""
    pinned = os.environ.get(CODE_HASH_ENV)
    if pinned:
        return f"pinned:{pinned}"
    h = hashlib.sha1()
    for root, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            p = Path(root) / name
            h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
            try:
                with open(p, "rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        h.update(chunk)
            except OSError:
                continue
    return h.hexdigest()[:16]


def _model_key(model: str | None) -> str:
    """What the model setting resolves to, without loading it."""
    from importlib import metadata

    name = model
    if model is None:
        try:
            from .nlp import installed_preferred
            name = installed_preferred() or "shipped"
        except Exception:  # an nlp module without the helper: the code hash covers the shipped model
            name = "default"
    try:
        return f"{name}=={metadata.version(name)}"
    except Exception:
        p = Path(str(name))
        if p.is_dir():
            meta = p / "meta.json"
            stamp = meta.stat().st_mtime if meta.exists() else p.stat().st_mtime
            return f"{p.resolve()}@{stamp:.0f}"
        return str(name)


def fingerprint_parts(settings: Settings) -> dict:
    from . import __version__

    parts = {"version": __version__, "code": code_hash(), "model": _model_key(settings.model)}
    for k in OUTPUT_SETTINGS:
        if k != "model":
            parts[k] = getattr(settings, k)
    return parts


def fingerprint(settings: Settings) -> str:
    blob = json.dumps(fingerprint_parts(settings), sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


def row(doc_id: str, source_file: str, size: int, mtime: float, fp: str, templates: str = "",
        status: str = "processed") -> dict:
    return {"doc_id": doc_id, "source_file": source_file, "size": size, "mtime": mtime,
            "fingerprint": fp, "templates": templates, "status": status}


class TemplateSignature:
    """Digest of the corpus-template state one document's cleaning depends on (cached per site)."""

    def __init__(self, templates):
        self.templates = templates
        self.cache: dict[str, str] = {}

    def __call__(self, source_file: str, meta: dict | None) -> str:
        t = self.templates
        if t is None:
            return ""
        own = getattr(t, "signature", None)
        if callable(own):  # the template index knows best, when it offers this
            return str(own(source_file, meta))
        sites = getattr(t, "sites", None)
        if sites is None:  # an index we cannot look into: never carry over
            return f"opaque-{id(t)}"
        from .clean.templates import site_key
        key = site_key(source_file, meta)
        if key not in self.cache:
            table = sites.get(key)
            h = hashlib.sha1()
            for k, v in sorted((table or {}).items()):
                h.update(f"{k}:{v};".encode())
            self.cache[key] = h.hexdigest()[:16] if table else ""
        return self.cache[key]


def _read(path: Path, fp: str, statuses: tuple[str, ...] | None) -> list[tuple[str, str]]:
    try:
        t = pq.read_table(path, columns=["doc_id", "fingerprint", "templates", "status"])
    except Exception:  # unreadable or from an older version: nothing to resume from
        return []
    ids, fps, tps, sts = (t.column(c).to_pylist() for c in ("doc_id", "fingerprint", "templates", "status"))
    return [(d, tp or "") for d, f, tp, s in zip(ids, fps, tps, sts)
            if f == fp and d and (statuses is None or s in statuses)]


def load_previous(out: Path, stagings: Iterable[Path], fp: str) -> dict[str, tuple[Path, str]]:
    """``doc_id -> (folder, template digest)`` for documents whose rows are in ``out`` or in the
    parts of interrupted runs.

    Only documents processed with the same fingerprint count. ``out`` is used
    only when it has its tables in Parquet (CSV lists cannot be read back
    exactly). Later sources win, so the newest parts are preferred.
    """
    found: dict[str, tuple[Path, str]] = {}
    if (out / FILE).exists() and (out / "articles.parquet").exists():
        for d, tp in _read(out / FILE, fp, None):
            found[d] = (out, tp)
    for staging in stagings:
        for part in complete_parts(staging):
            if (part / FILE).exists():
                for d, tp in _read(part / FILE, fp, ("processed",)):
                    found[d] = (part, tp)
    return found
