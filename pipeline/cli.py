"""The ``egovnews`` command: a thin layer over the library.

It parses options into ``Settings``, shows progress, and turns the
library's coded errors into one-line messages (tracebacks only with --debug).
Exit status: 0 all inputs processed, 1 some inputs failed, 2 wrong usage.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from .engines import names as engine_names
from .errors import EgovError, UsageError
from .settings import DEFAULT


def _echo_err(msg: str) -> None:
    click.echo(msg, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="egovnews")
def main():
    """Turn German e-government news dumps into clean, linked tables."""


@main.command("run")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("data/out"), show_default=True,
              help="Output folder for the tables.")
@click.option("--format", "formats", default="parquet,csv", show_default=True,
              help="Comma-separated output formats: parquet, csv.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: best de_core_news_* installed, "
                                            "else the shipped pipeline).")
@click.option("--engine", type=click.Choice(engine_names()), default="local", show_default=True,
              help="Run locally or on a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local cluster).")
@click.option("--max-doc-bytes", type=click.IntRange(min=1000), default=DEFAULT.max_doc_bytes, show_default=True,
              help="Larger documents are truncated with a note (see --reject-large).")
@click.option("--reject-large", is_flag=True, help="Reject documents over --max-doc-bytes instead of truncating.")
@click.option("--timeout", type=float, default=DEFAULT.doc_timeout, show_default=True,
              help="Seconds allowed per document.")
@click.option("--force", is_flag=True, help="Reprocess documents already in the output (ignore the manifest).")
@click.option("--no-templates", is_flag=True, help="Do not learn site templates across the corpus.")
@click.option("--csv-raw", is_flag=True, help="Write CSV cells exactly as in Parquet; by default a text cell "
                                             "starting with =, +, -, @, tab or CR gets a leading ' so that "
                                             "spreadsheets do not run it as a formula.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-error lines.")
@click.option("--debug", is_flag=True, help="Show Python tracebacks.")
def run_cmd(inputs, out, formats, workers, model, engine, scheduler, max_doc_bytes, reject_large, timeout,
            force, no_templates, csv_raw, quiet, debug):
    """Process INPUT files/folders (default: data/raw) into tables in --out."""
    from .runner import run

    fmts = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in ("parquet", "csv")]
    if bad or not fmts:
        raise click.UsageError(f"unknown format {', '.join(bad) or '(none)'}: use parquet and/or csv")
    inputs = list(inputs) or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    settings = DEFAULT.with_(formats=fmts, workers=workers or DEFAULT.workers, model=model, engine=engine,
                             scheduler=scheduler, max_doc_bytes=max_doc_bytes, truncate_large=not reject_large,
                             doc_timeout=timeout, force=force, corpus_templates=not no_templates,
                             csv_raw=csv_raw, quiet=quiet, debug=debug)
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True)

    def progress(s):
        if bar is not None:
            bar.update(s.documents - bar.n)
            bar.set_postfix(errors=s.errors, refresh=False)

    def on_error(e: EgovError):
        if not quiet:
            msg = f"error: {e.source_file}: {e.stage}: {e.message}"
            (bar.write(msg, file=sys.stderr) if bar is not None else _echo_err(msg))

    try:
        summary = run(inputs, out, settings, progress=progress, on_error=on_error)
    except KeyboardInterrupt as e:
        if bar is not None:
            bar.close()
        _echo_err(getattr(e, "message", None)
                  or f"interrupted: nothing was written; the previous contents of {out} are unchanged.")
        sys.exit(130)
    except EgovError as e:
        if bar is not None:
            bar.close()
        if debug:
            traceback.print_exc()
        _echo_err(f"error: {e}")
        sys.exit(2 if isinstance(e, UsageError) else 1)
    except Exception as e:  # pragma: no cover - last resort, keeps tracebacks off the console
        if bar is not None:
            bar.close()
        if debug:
            raise
        _echo_err(f"error: unexpected {type(e).__name__}: {e} (run with --debug for the traceback)")
        sys.exit(1)
    if bar is not None:
        bar.close()
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.errors else 0)


@main.command("report")
@click.argument("out", required=False, type=click.Path(path_type=Path), default=Path("data/out"))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: OUT/report.html).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks.")
def report_cmd(out, html_path, debug):
    """Write one self-contained HTML page about the tables in OUT (default: data/out): run summary,
    topics by month, places on a map, people with their roles over time, organisations, OZG services,
    errors. It loads nothing from the network."""
    try:
        from .report import write_report

        path = write_report(out, html_path)
    except ImportError as e:
        if debug:
            raise
        _echo_err(f"error: the report needs matplotlib ({e.name or e}): pip install matplotlib")
        sys.exit(2)
    except EgovError as e:
        if debug:
            traceback.print_exc()
        _echo_err(f"error: {e}")
        sys.exit(2 if isinstance(e, UsageError) else 1)
    except Exception as e:  # pragma: no cover - last resort, keeps tracebacks off the console
        if debug:
            raise
        _echo_err(f"error: unexpected {type(e).__name__}: {e} (run with --debug for the traceback)")
        sys.exit(1)
    click.echo(f"report: {path} ({path.stat().st_size:,} bytes)", err=True)


@main.command("ner-eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline name or path (default: best de_core_news_* installed, "
                                            "else the shipped pipeline; 'egovnews' forces the shipped one).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N sentences.")
def ner_eval_cmd(file, model, as_json, limit):
    """Score entity recognition on a GermEval 2014 TSV FILE (PER/LOC/ORG, outer layer)."""
    import json as _json

    from .ner_eval import evaluate, format_table
    from .nlp import load_nlp

    try:
        nlp, name = load_nlp(model)
    except EgovError as e:
        _echo_err(f"error: {e}")
        sys.exit(2)
    res = evaluate(nlp, file, limit=limit)
    click.echo(f"model {name}: {res['sentences']} sentences, {res['tokens']} tokens")
    click.echo(format_table(res))
    if as_json:
        click.echo(_json.dumps({k: {m: res[k][m] for m in ("p", "r", "f1")} for k in ("per", "loc", "org", "micro")}))


if __name__ == "__main__":  # pragma: no cover
    main()
