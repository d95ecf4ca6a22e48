#!/usr/bin/env python3
"""Convert the German Legal Entity Recognition corpus (LER) to GermEval TSV for *evaluation only*.

    python scripts/ler_to_germeval.py [--shared ../shared] [--split test] > build/ner/ler_test.tsv
    egovnews ner-eval build/ner/ler_test.tsv

LER's licence is unclear (CC BY 4.0 text, CC BY-NC-SA badge), so it is never used for
training and nothing derived from it is shipped; the converted file goes to build/.
Fine labels are folded into the three scored types: PER, RR (judge), AN (lawyer) -> PER;
LD (country), ST (city), STR (street), LDS (landscape) -> LOC; ORG, UN (company),
INN (institution), GRT (court) -> ORG; laws, regulations, norms, case references,
literature and brands (GS, VO, EUN, VS, VT, RS, LIT, MRK) -> O.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLD = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
        "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", default="test", choices=["test", "dev"])
    a = ap.parse_args()
    src = a.shared / "data/ner/legal-ler" / f"ler_{a.split}.conll"
    out = sys.stdout
    i = 0
    for line in src.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if i:
                out.write("\n")
            i = 0
            continue
        tok, _, tag = line.rpartition(" ")
        if not tok:
            continue
        lab = "O"
        if tag[:2] in ("B-", "I-") and tag[2:] in FOLD:
            lab = tag[:2] + FOLD[tag[2:]]
        i += 1
        out.write(f"{i}\t{tok}\t{lab}\tO\n")
    if i:
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
