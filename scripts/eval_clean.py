#!/usr/bin/env python3
"""Run only ingest + clean over inputs and write the articles/boilerplate tables.

    .venv/bin/python scripts/eval_clean.py INPUT [INPUT...] --out DIR [--no-templates] [--half even|odd]

No NLP, so a run over a few hundred pages takes seconds; the output folder has
the contract columns (articles, boilerplate, errors), so the scorers read it:

    python ../shared/eval/score.py ../shared/corpus/dev DIR
    python ../shared/bench/html/score_html.py DIR --gold ../shared/bench/textdump/gold.json

``--half even|odd`` keeps every second input file (sorted by name) for hold-out
checks while tuning; the score scripts then report the missing half as missing,
so use ``--gold-subset`` of this script to print snippet scores for the half.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import ingest  # noqa: E402
from pipeline.clean import build_templates, clean  # noqa: E402
from pipeline.errors import EgovError  # noqa: E402
from pipeline.export import TableWriter  # noqa: E402
from pipeline.settings import DEFAULT  # noqa: E402
from pipeline.tables import article_rows, error_row  # noqa: E402


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def snippet_score(gold: dict, texts: dict[str, str]) -> dict:
    tp = fn = fp = 0
    for name, g in gold.items():
        t = _fold(texts.get(name, ""))
        for w in g["with"]:
            if _fold(w) in t:
                tp += 1
            else:
                fn += 1
        for w in g["without"]:
            if _fold(w) in t:
                fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"pages": len(gold), "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-templates", action="store_true")
    ap.add_argument("--half", choices=("even", "odd"), help="keep every second file (sorted) for hold-out checks")
    ap.add_argument("--gold", help="snippet gold (score_html format): print P/R/F1 for the processed files")
    a = ap.parse_args()
    settings = DEFAULT.with_(corpus_templates=not a.no_templates, formats=("parquet",))
    inputs = [Path(p) for p in a.inputs]

    def docs():
        k = 0
        for d in ingest.iter_documents(inputs, settings):
            if a.half:
                keep = (k % 2 == 0) == (a.half == "even")
                k += 1
                if not keep:
                    continue
            yield d

    t0 = time.perf_counter()
    templates = None
    if settings.corpus_templates:
        templates = build_templates(d for d in docs() if not isinstance(d, EgovError))
    t1 = time.perf_counter()
    w = TableWriter(Path(a.out), settings.formats)
    n = errs = words = 0
    clean_s = 0.0
    texts: dict[str, str] = {}
    for d in docs():
        if isinstance(d, EgovError):
            errs += 1
            w.add("errors", [error_row(d.source_file, d.stage, d.message, d.code)])
            continue
        words += len(d.text.split())
        c0 = time.perf_counter()
        try:
            art = clean(d, settings, templates)
        except EgovError as e:
            clean_s += time.perf_counter() - c0
            errs += 1
            w.add("errors", [error_row(d.source_file, e.stage, e.message, e.code)])
            continue
        clean_s += time.perf_counter() - c0
        n += 1
        texts[d.source_file.split("/")[-1]] = art.text
        rows = article_rows(art)
        w.add("articles", rows["articles"])
        w.add("boilerplate", rows["boilerplate"])
    w.commit()
    print(f"{n} articles, {errs} errors, {words} input words; templates {t1 - t0:.2f} s, "
          f"clean {clean_s:.2f} s ({words / clean_s if clean_s else 0:,.0f} input words/s) -> {a.out}")
    if a.gold:
        gold = json.loads(Path(a.gold).read_text(encoding="utf-8"))
        sub = {k: v for k, v in gold.items() if k in texts} if a.half else gold
        res = snippet_score(sub, texts)
        print(f"snippets over {res['pages']} pages: P {res['p']:.3f} R {res['r']:.3f} F1 {res['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
