#!/usr/bin/env python3
"""Speed of the clean stage alone against the whole per-document pipeline.

    .venv/bin/python benchmarks/clean_speed.py [INPUT ...] [--repeat N] [--nlp-docs N]

INPUT defaults to the textdump bench (/work/shared/bench/textdump/pages) when it
exists, else the invented fixtures in tests/fixtures/clean. Measures, in one
process and on the same documents:

* clean: ``clean(doc)`` (templates built once beforehand, as in a run);
* pipeline: ``runner.process_document`` (clean -> nlp -> extract) with the
  model a run would load;

and prints words/s (input words of the page dump) and the share of the
pipeline's time spent in clean. CPU time (process_time) is reported next to
wall time, because the machine may be shared.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import ingest  # noqa: E402
from pipeline.clean import build_templates, clean  # noqa: E402
from pipeline.errors import EgovError  # noqa: E402
from pipeline.settings import DEFAULT  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    n = fn()
    return n, time.perf_counter() - w0, time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="passes of clean over the documents (best is kept)")
    ap.add_argument("--nlp-docs", type=int, default=0, help="documents for the full pipeline (0 = all)")
    a = ap.parse_args()
    default = Path("/work/shared/bench/textdump/pages")
    inputs = [Path(p) for p in a.inputs] or [default if default.is_dir() else ROOT / "tests/fixtures/clean"]
    docs = [d for d in ingest.iter_documents(inputs, DEFAULT) if not isinstance(d, EgovError)]
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words:,} input words ({', '.join(map(str, inputs))}); "
          f"load average {os.getloadavg()[0]:.1f}")

    _, t_tmpl, _ = _timed(lambda: build_templates(iter(docs)))
    templates = build_templates(iter(docs))

    def clean_all():
        ok = 0
        for d in docs:
            try:
                clean(d, DEFAULT, templates)
                ok += 1
            except EgovError:
                pass
        return ok

    from pipeline.clean import lines as clean_lines
    clean_all()  # warm-up: word lists and patterns are loaded on first use
    best = None
    for _ in range(max(1, a.repeat)):
        clean_lines._short_line.cache_clear()   # cold: no line seen before (the per-process cache is empty)
        n_ok, wall, cpu = _timed(clean_all)
        if best is None or cpu < best[2]:
            best = (n_ok, wall, cpu)
    n_ok, c_wall, c_cpu = best
    _, _, warm_cpu = _timed(clean_all)          # warm: menus/footers already seen (as on a site's later pages)
    print(f"templates: {t_tmpl:.2f} s ({words / t_tmpl:,.0f} words/s)")
    print(f"clean:     {c_wall:.2f} s wall, {c_cpu:.2f} s CPU -> {words / c_cpu:,.0f} words/s (CPU, cold line "
          f"cache), {words / warm_cpu:,.0f} words/s warm; {n_ok} articles")

    from pipeline import nlp as nlp_stage, runner
    sub = docs[: a.nlp_docs] if a.nlp_docs else docs
    sub_words = sum(len(d.text.split()) for d in sub)
    nlp, name = nlp_stage.load_nlp(DEFAULT.model)
    settings = DEFAULT.with_(doc_timeout=0)

    def pipe_all():
        ok = 0
        for d in sub:
            try:
                runner.process_document(d, settings, templates, nlp)
                ok += 1
            except EgovError:
                pass
        return ok

    n_p, p_wall, p_cpu = _timed(pipe_all)
    share_cpu = (c_cpu * sub_words / words) / p_cpu
    print(f"pipeline:  {p_wall:.2f} s wall, {p_cpu:.2f} s CPU -> {sub_words / p_cpu:,.0f} words/s (CPU), "
          f"{n_p} articles, model {name}")
    print(f"clean share of the pipeline's CPU time: {share_cpu:.1%} (target < 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
