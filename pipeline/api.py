"""The small Python API notebooks use: process text, run a batch, load the tables."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import nlp as nlp_stage
from .model import Article, Document
from .runner import RunSummary, process_document
from .runner import run as _run
from .settings import DEFAULT, Settings
from .tables import REGISTRY_TABLES, TABLES, article_rows

if TYPE_CHECKING:
    import pandas as pd


def process_text(text: str, *, source_file: str = "<text>", fmt: str = "text",
                 model: str | None = None, settings: Settings = DEFAULT) -> Article:
    """Run the whole cascade on one text (or HTML with ``fmt='html'``) and return the Article."""
    if model is not None:
        settings = settings.with_(model=model)
    doc = Document(source_file=source_file, text=text, fmt=fmt)
    return process_document(doc, settings, None, nlp_stage.load_nlp(settings.model)[0])


def run(inputs=("data/raw",), out="data/out", **options) -> RunSummary:
    """Process files/folders into ``out``; options are ``Settings`` fields (workers=, model=, ...)."""
    settings = DEFAULT.with_(**options)
    return _run([inputs] if isinstance(inputs, (str, Path)) else inputs, out, settings)


def load(out="data/out") -> dict[str, pd.DataFrame]:
    """Load every table of an output folder (Parquet preferred, else CSV), the registry tables too."""
    import pandas as pd  # here, not at the top: a run does not need pandas (start-up -0.5 s, issue 16)

    out = Path(out)
    tables = {}
    for t in [*TABLES, *REGISTRY_TABLES]:
        pq, csv = out / f"{t}.parquet", out / f"{t}.csv"
        if pq.exists():
            tables[t] = pd.read_parquet(pq)
        elif pq.with_suffix("").is_dir():
            tables[t] = pd.read_parquet(pq.with_suffix(""))
        elif csv.exists():
            tables[t] = pd.read_csv(csv, dtype=str, keep_default_na=False)
    return tables


def to_frames(articles: list[Article]) -> dict[str, pd.DataFrame]:
    """Tables for Articles processed in memory (e.g. by ``process_text``), with the registry across them."""
    from .registry import Registry
    import pandas as pd

    rows: dict[str, list] = {t: [] for t in TABLES}
    for a in articles:
        for t, r in article_rows(a).items():
            rows[t].extend(r)
    reg = Registry.build(rows["people"], rows["organizations"], {a.doc_id: a.published for a in articles})
    for t in ("people", "organizations"):
        reg.link(t, rows[t])
    rows.update(reg.tables)
    cols = {**TABLES, **REGISTRY_TABLES}
    return {t: pd.DataFrame(r, columns=cols[t]) for t, r in rows.items()}


def report(out="data/out", html: str | Path | None = None) -> Path:
    """Write the HTML report of an output folder (default ``<out>/report.html``); returns its path."""
    from .report import write_report

    return write_report(out, html)
