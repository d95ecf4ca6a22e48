#!/usr/bin/env python3
"""Score the dates, topics (and list the services) extractors on gold texts.

    .venv/bin/python scripts/eval_dates_topics.py [GOLD_DIR] [--verbose]

Each ``*.gold.json`` under GOLD_DIR (default ``/work/shared/corpus/dev``) gives
the clean ``text`` and, when known, ``published``; they become an ``Article``
(the spaCy Doc comes from ``pipeline.nlp.load_nlp``; no extractor here needs NER)
and the extractors run on it. Scoring follows ``eval/score.py``: topics as a
set of ids, dates as the set of resolved dates with precision day or month;
micro-averaged P/R/F1 over all documents. The gold texts are read, never copied.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract import dates, services, topics  # noqa: E402
from pipeline.model import Article  # noqa: E402
from pipeline.nlp import load_nlp  # noqa: E402


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set, pred: set):
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default="/work/shared/corpus/dev")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    files = sorted(Path(a.gold).rglob("*.gold.json"))
    if not files:
        print(f"no *.gold.json under {a.gold}", file=sys.stderr)
        return 2
    nlp = load_nlp()[0]
    S = {"topics": Score(), "dates": Score()}
    notes = []
    t0 = time.perf_counter()
    n_chars = 0
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        text = g.get("text", "")
        n_chars += len(text)
        art = Article(doc_id=f.stem, source_file=g.get("file", f.name), text=text,
                      published=g.get("published") or "")
        art.doc = nlp(text)
        ds, ts, ss = dates.extract(art), topics.extract(art), services.extract(art)
        for d in ds:
            assert text[d.start:d.end] == d.text, (f.name, d)
        gtop = {t.casefold() for t in g.get("topics", [])}
        ptop = {t.topic for t in ts}
        S["topics"].add(gtop, ptop)
        gdat = {str(d)[:10] for d in g.get("dates", [])}
        pdat = {d.date for d in ds if d.precision in ("day", "month")}
        S["dates"].add(gdat, pdat)
        if a.verbose:
            name = f.name.replace(".gold.json", "")
            if gtop != ptop:
                notes.append(f"{name}: topics: missed {sorted(gtop - ptop)} extra {sorted(ptop - gtop)}")
                for t in ts:
                    if t.topic in ptop - gtop:
                        notes.append(f"    extra {t.topic}: {t.evidence}")
            if gdat != pdat:
                notes.append(f"{name}: dates: missed {sorted(gdat - pdat)} extra {sorted(pdat - gdat)}")
            notes.append(f"{name}: all dates {[(d.text, d.date, d.precision) for d in ds]}")
            if ss:
                notes.append(f"{name}: services {[(s.ozg_id, s.leistung, s.evidence) for s in ss]}")
    secs = time.perf_counter() - t0
    print(f"{'field':<10}{'P':>7}{'R':>7}{'F1':>7}   tp/fp/fn")
    for k, s in S.items():
        p, r, f1 = s.prf()
        print(f"{k:<10}{p:7.3f}{r:7.3f}{f1:7.3f}   {s.tp}/{s.fp}/{s.fn}")
    print(f"{len(files)} documents, {n_chars} characters, {secs:.2f} s "
          f"({n_chars / secs / 1000 if secs else 0:.0f} k chars/s incl. tokenizer)")
    for n in notes:
        print("  " + n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
