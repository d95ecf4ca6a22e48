#!/usr/bin/env python3
"""Build ``pipeline/data/orgs_english_words.txt`` and ``pipeline/data/orgs_english_heads.txt``.

    pip install wordfreq && python scripts/build_english_words.py

English words: the 40,000 most frequent English words of ``wordfreq`` (Apache-2.0 code, data CC BY-SA 4.0:
see orgs_english.SOURCE.md) that are letters only, have a Zipf frequency >= MIN_ZIPF in English and are
clearly more frequent in English than in German (by DE_MARGIN): 'choice', 'media', 'stack', not 'computer'.
English organisation heads: the last word of every multi-word organisation name of the shipped lexicons
(ner_org_lexicon.txt, organisations.csv, organisations_extra.csv) that is such an English word
('foundation', 'press', 'services'): a span of English words ending in one of them may be a name.
Both are read by pipeline/extract/orgs/ner.py (an English phrase of ordinary words is no organisation).
"""
from __future__ import annotations

import csv
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"
# A word an English reader meets at least about three times per million words, and at least ~3x (0.5 on
# the log10 Zipf scale) more often in English than in German text. Set a priori, not tuned on articles.
MIN_ZIPF, DE_MARGIN, TOP = 3.5, 0.5, 40_000
# English class nouns that end organisation names (general vocabulary, hand-written, not from any article).
CLASS_NOUNS = ("academy agency alliance association authority bank board bureau center centre club coalition college "
               "commission committee community company conference congress consortium convention corporation council "
               "department enterprises federation forum foundation fund group hub initiative institute institution labs "
               "lab league network office organisation organization partners partnership party press school services "
               "society solutions studio systems team technologies trust union university ventures").split()


def english_words() -> list[str]:
    out = []
    for w in top_n_list("en", TOP):
        if not w.isalpha() or not w.isascii():
            continue
        en = zipf_frequency(w, "en")
        if en >= MIN_ZIPF and en >= zipf_frequency(w, "de") + DE_MARGIN:
            out.append(w)
    return sorted(set(out))


def lexicon_names() -> list[str]:
    names = [ln.split("\t")[0] for ln in (DATA / "ner_org_lexicon.txt").read_text(encoding="utf-8").splitlines()]
    for f in ("organisations.csv", "organisations_extra.csv"):
        with (DATA / f).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                names += [r["canonical"]] + [a for a in (r.get("aliases") or "").split("|") if a]
    return names


def main() -> None:
    words = english_words()
    known = set(words)
    heads = sorted({n.split()[-1].casefold() for n in lexicon_names()
                    if len(n.split()) >= 2 and n.split()[-1].casefold() in known} | set(CLASS_NOUNS))
    hdr = "# built by scripts/build_english_words.py (wordfreq; see orgs_english.SOURCE.md)\n"
    (DATA / "orgs_english_words.txt").write_text(hdr + "\n".join(words) + "\n", encoding="utf-8")
    (DATA / "orgs_english_heads.txt").write_text(hdr + "\n".join(heads) + "\n", encoding="utf-8")
    print(f"{len(words)} English words, {len(heads)} English organisation heads: {heads[:40]}")


if __name__ == "__main__":
    main()
