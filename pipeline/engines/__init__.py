"""Execution engines: where the per-document cascade of a run is computed.

The contract (``Engine``): an engine is one function

    stream(docs, settings, templates) -> Iterator[Article | EgovError]

- ``docs``: the run's documents (``model.Document``) in input order, with the
  ingest errors (``EgovError``) in their places; read lazily: an engine keeps
  a bounded number in flight, so memory stays flat;
- ``settings``: the run's ``Settings`` (workers, doc_timeout, batch_size,
  scheduler, model);
- ``templates``: the corpus templates of the first pass (picklable) or None;
- it yields exactly one item per input item, in input order: the processed
  ``Article`` (``runner.process_document``'s result) or an ``EgovError`` (an
  ingest error passed through, or the document's own failure: a failure or
  time-out costs only that document).

``runner.run`` does everything else (locking, resume, duplicates, writing
the tables) and finds the engine by its name (``settings.engine``) here; it
imports no engine module. An engine module may import the runner (for
``process_document``), never the other way round.

Engines: ``local`` (pipeline/engines/local.py: this process or a local
process pool) and ``dask`` (pipeline/engines/dask.py: a ``dask.distributed``
cluster; extra ``pip install 'egovnews[dask]'``). A third (Ray, Spark) is one
module with a ``stream`` function plus one ``register`` call or line below.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..errors import UsageError

# A document stuck outside Python (a C call) cannot be stopped by the time limit: engines end the
# worker that runs it after ``doc_timeout`` plus this grace (at least the timeout itself again).
HARD_GRACE = 30.0


class Engine(Protocol):
    def __call__(self, docs: Iterable, settings, templates=None) -> Iterator: ...


@dataclass(frozen=True)
class EngineSpec:
    name: str
    target: str                       # 'module:function' implementing ``Engine``
    label: str = ""                   # for messages: 'Dask'
    extra: str | None = None          # the pip extra that installs what it needs
    requires: tuple[str, ...] = ()    # modules that must import


ENGINES: dict[str, EngineSpec] = {}


def register(spec: EngineSpec) -> None:
    ENGINES[spec.name] = spec


register(EngineSpec("local", "pipeline.engines.local:stream", "local"))
register(EngineSpec("dask", "pipeline.engines.dask:dask_stream", "Dask", extra="dask", requires=("distributed",)))


def names() -> list[str]:
    return list(ENGINES)


def check(name: str) -> EngineSpec:
    """The engine's spec; ``UsageError`` (exit 2) for an unknown name or a missing extra, with the fix."""
    spec = ENGINES.get(name)
    if spec is None:
        raise UsageError(f"unknown engine '{name}': use one of {', '.join(ENGINES)}")
    for mod in spec.requires:
        try:
            importlib.import_module(mod)
        except ImportError:
            raise UsageError(f"the {spec.label or spec.name} engine needs: pip install 'egovnews[{spec.extra}]'") \
                from None
    return spec


def get_engine(name: str) -> Engine:
    """The ``stream`` function of the engine called ``name`` (see ``check`` for the errors)."""
    spec = check(name)
    module, _, func = spec.target.partition(":")
    return getattr(importlib.import_module(module), func)


def run_dask(*args, **kwargs):
    """``runner.run`` with the Dask engine (lazy import: ``import pipeline.engines`` works without Dask)."""
    check("dask")
    from .dask import run_dask as _run_dask

    return _run_dask(*args, **kwargs)


__all__ = ["ENGINES", "Engine", "EngineSpec", "HARD_GRACE", "check", "get_engine", "names", "register", "run_dask"]
