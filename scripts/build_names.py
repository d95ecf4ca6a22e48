#!/usr/bin/env python3
"""Build pipeline/data/ner_given_names.tsv: German given names for the person-name rules.

    python scripts/build_names.py [--shared ../shared]

Input: ``data/names/given_names_newborns_*.csv`` (newborn first-name statistics of
Berlin, Köln, Leipzig, München; all name positions, so older names such as
Klaus or Jürgen are present as second names). Output: one ``name<TAB>count``
line per kept name, most frequent first. Also writes
pipeline/data/ner_common_capitalized.txt (ordinary capitalised words, see COMMON_MIN).

A name is dropped when it would make the rule "given name + capitalised word"
fire on ordinary text:
  * it is rare in the statistics (count below MIN_COUNT: typos and one-offs);
  * it is a function word (spaCy's German and English stop words: ``Will``, ``The``);
  * it is a word listed in ``pipeline/data/ner_common_words.txt`` (months,
    weekdays, common nouns that are also names: ``Mai``, ``Rose``, ``Sonne``);
  * it occurs in Europeana German (CC0) mostly as an ordinary capitalised
    word (tagged O in mid-sentence at least CORPUS_MIN_O times and more than
    twice as often O as inside an entity), unless it is an ESTABLISHED name;
  * it is a place name in pipeline/data/ner_loc_lexicon.txt (``Berlin``,
    ``Paris``); run scripts/build_ner_lexicons.py first.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"
sys.path.insert(0, str(ROOT))

# Calibrated on the newborn file: below 3 occurrences the list is dominated by
# misspellings and transliteration variants; at 3 it still holds older names that
# appear as second names only (e.g. Detlef 74, Thorsten 44, Eckhard, Hartmut).
MIN_COUNT = 3
# A capitalised word seen as O in mid-sentence at least this often (and more than
# twice as often inside an entity) in Europeana's 145k tokens is an ordinary word...
CORPUS_MIN_O = 2
# ... unless at least ESTABLISHED newborns carry the name (Kai 365, Roman 341: the
# old newspapers use 'Kai' as quay, which says little about modern news).
ESTABLISHED = 300
# Capitalised words seen at least COMMON_MIN times mid-sentence as O (and at least
# COMMON_RATIO times as often as inside an entity) go to ner_common_capitalized.txt:
# the rules do not read them as surnames after a role word ('Direktor Verkehr').
COMMON_MIN = 3
COMMON_RATIO = 5
# Municipalities at least this large are known enough that their name is read as a place.
BIG_PLACE = 50_000


def corpus_word_stats(shared: Path) -> tuple[Counter, Counter]:
    """(mid-sentence O counts, entity counts) of capitalised tokens in Europeana German."""
    from scripts.ner_corpora import read_europeana

    o_mid, per = Counter(), Counter()
    # Europeana only (CC0): GermEval is kept out so that its cross-validation folds
    # never influence the rules.
    sents = []
    for f in sorted((shared / "data/ner/europeana-de").glob("*.bio")):
        sents.extend(read_europeana(f))
    for words, tags in sents:
        for i, (w, t) in enumerate(zip(words, tags)):
            if not w[:1].isupper():
                continue
            if t != "O":
                per[w] += 1
            elif t == "O" and i > 0 and words[i - 1] not in {".", "!", "?", ":", "„", '"', "«", "»"}:
                o_mid[w] += 1
    return o_mid, per


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=DATA / "ner_given_names.tsv")
    a = ap.parse_args()
    src = a.shared / "data/names/given_names_newborns_berlin_koeln_leipzig_muenchen.csv"
    if not src.exists():
        print(f"missing {src}", file=sys.stderr)
        return 2
    from spacy.lang.de.stop_words import STOP_WORDS
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS

    STOP_WORDS = set(STOP_WORDS) | set(EN_STOP_WORDS)   # English titles in German text: 'The', 'May'

    common = {w.strip() for w in (DATA / "ner_common_words.txt").read_text(encoding="utf-8").splitlines()
              if w.strip() and not w.startswith("#")}
    loc_file = DATA / "ner_loc_lexicon.txt"
    places = set()
    if loc_file.exists():
        for ln in loc_file.read_text(encoding="utf-8").splitlines():
            name, kind, pop = (ln.split("\t") + ["", ""])[:3]
            # Small municipalities share names with people (Achim, Karl, Linda);
            # only well-known places (states, countries, cities >= BIG_PLACE) block a name.
            if kind not in ("municipality", "district", "base") or (pop.isdigit() and int(pop) >= BIG_PLACE):
                places.add(name)
    o_mid, per = corpus_word_stats(a.shared)

    counts: Counter = Counter()
    with src.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name = r["name"].strip()
            if not name or not name[0].isupper() or not name.replace("-", "").isalpha():
                continue
            if name[1:].isupper() and len(name) > 1:   # 'MARIE': all-caps variants
                continue
            counts[name] += int(r["count_total"])
    dropped = Counter()
    kept = []
    for name, n in counts.most_common():
        if n < MIN_COUNT:
            dropped["rare"] += 1
            continue
        if name.lower() in STOP_WORDS:
            dropped["stop word"] += 1
            continue
        if name in common or name.lower() in common:
            dropped["common word list"] += 1
            continue
        if n < ESTABLISHED and o_mid[name] >= CORPUS_MIN_O and o_mid[name] > 2 * per[name]:
            dropped["ordinary word in corpora"] += 1
            continue
        if name in places:
            dropped["place name"] += 1
            continue
        kept.append((name, n))
    common_caps = sorted(w for w, c in o_mid.items()
                         if c >= COMMON_MIN and c >= COMMON_RATIO * per[w] and w.isalpha() and len(w) > 1)
    (DATA / "ner_common_capitalized.txt").write_text("".join(w + "\n" for w in common_caps), encoding="utf-8")
    print(f"{len(common_caps)} common capitalised words -> pipeline/data/ner_common_capitalized.txt")
    a.out.write_text("".join(f"{n}\t{c}\n" for n, c in kept), encoding="utf-8")
    print(f"{len(kept)} given names -> {a.out.relative_to(ROOT)}; dropped: "
          + ", ".join(f"{k} {v}" for k, v in dropped.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
