#!/usr/bin/env python3
"""Person names from doc.ents vs. the gold 'people' of the dev corpus (a development aid).

    python scripts/eval_per.py [--gold ../shared/corpus/dev] [--model NAME] [--verbose]

Runs the gold clean text ('text' field) through the NLP stage and turns PER
entities into names the way a people extractor would: full names (two or more
words) are names; a one-word PER that is the last word of a full name in the
same document is that person; any other one-word PER counts as a name of its
own (a false hit unless gold has it). Names are compared like the scorer does
(case-folded, titles and dots removed). Prints P/R/F1.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TITLES = re.compile(r"\b(dr|prof|dipl|ing|med|rer|nat|phil|jur|h\.\s*c)\b\.?", re.I)


def key(name: str) -> str:
    s = unicodedata.normalize("NFC", name).replace("\u00ad", "")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return re.sub(r"\s+", " ", TITLES.sub(" ", s).replace(".", " ")).strip()


def names_from_doc(doc) -> set[str]:
    full, single = [], []
    for e in doc.ents:
        if e.label_ != "PER":
            continue
        (full if len(e) >= 2 else single).append(e.text)
    full_keys = {key(f) for f in full}
    lasts = {key(f).split()[-1] for f in full}
    out = set(full_keys)
    for s in single:
        k = key(s)
        if k in lasts or (k.endswith("s") and k[:-1] in lasts):
            continue
        out.add(k)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared/corpus/dev")
    ap.add_argument("--model", default=None)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    from pipeline.nlp import load_nlp

    nlp, name = load_nlp(a.model)
    tp = fp = fn = 0
    for g in sorted(a.gold.glob("*.gold.json")):
        d = json.loads(g.read_text(encoding="utf-8"))
        gold = {key(p["name"]) for p in d.get("people", [])}
        pred = names_from_doc(nlp(d.get("text", "")))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if a.verbose and gold != pred:
            print(f"{g.name}: missed {sorted(gold - pred)} extra {sorted(pred - gold)}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"model {name}: people P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
