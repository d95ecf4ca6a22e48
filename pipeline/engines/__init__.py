"""Execution engines beyond the local process pool.

``runner.run`` processes documents in local worker processes; an engine runs
the same per-document cascade (``runner.process_document``) elsewhere and
hands the results back to the client, which writes the very same tables.

- ``dask``: ``run_dask`` on a ``dask.distributed`` cluster (a ``LocalCluster``
  on loopback when no scheduler address is given). Optional extra:
  ``pip install 'egovnews[dask]'``.
"""
from __future__ import annotations

__all__ = ["run_dask"]


def run_dask(*args, **kwargs):
    """Lazy import, so ``import pipeline.engines`` works without Dask installed."""
    from .dask import run_dask as _run_dask

    return _run_dask(*args, **kwargs)
