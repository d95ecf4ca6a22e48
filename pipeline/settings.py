"""One settings object passed to every stage; the defaults live here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # model: None = best installed de_core_news_{lg,md,sm}, else the shipped pipeline;
    # a package name or a path to a saved spaCy pipeline otherwise.
    model: str | None = None
    formats: tuple[str, ...] = ("parquet", "csv")
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "local"                 # 'local' | 'dask'
    scheduler: str | None = None          # dask scheduler address
    # Inputs larger than this are truncated at a paragraph boundary with a note
    # (or rejected when truncate_large is False). 5 MB of text is ~700k words,
    # far beyond any news article; it protects memory and time of the batch.
    max_doc_bytes: int = 5_000_000
    truncate_large: bool = True
    doc_timeout: float = 60.0             # seconds of processing per document
    force: bool = False                   # ignore the resume manifest
    quiet: bool = False
    debug: bool = False
    corpus_templates: bool = True         # learn site templates across the corpus (clean stage)
    batch_size: int = 32                  # nlp.pipe batch size
    csv_raw: bool = False                 # CSV cells exactly as in Parquet (no leading ' before =, +, -, @)

    def with_(self, **kw) -> "Settings":
        return replace(self, **kw)


DEFAULT = Settings()

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
MODELS_DIR = PACKAGE_DIR / "models"
