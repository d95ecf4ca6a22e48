#!/usr/bin/env python3
"""Build pipeline/data/ner_clusters.tsv.gz: Brown word clusters for the NER features.

    python scripts/build_ner_clusters.py [--words 500000]

Source: the German lexeme tables of spacy-lookups-data (MIT, Explosion AI):
``de_lexeme_cluster`` (Brown cluster of about 1M word forms, stored as the integer
value of the cluster's bit path) and ``de_lexeme_prob`` (log frequency). The most
frequent ``--words`` forms are kept, one ``word<TAB>cluster`` line each, ordered by
frequency. Why: with only ~5k annotated sentences the CNN has seen few names; the
clusters put an unseen 'Helsingborg' next to known towns and 'Pasolini' next to
known surnames (see pipeline/ner/features.py).

Size: 500,000 forms cover 83 % of the entity tokens and 83 % of all tokens of the
GermEval 2014 test split (1M forms: 86 %/84 %) and give a 3 MB file.
"""
from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pipeline" / "data" / "ner_clusters.tsv.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    clusters = json.load(gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8"))
    prob = json.load(gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8"))
    words = sorted((w for w in clusters if w in prob and "\t" not in w and "\n" not in w and w.strip() == w and w),
                   key=lambda w: (-prob[w], w))[: a.words]
    # mtime=0: the same input gives a byte-identical file
    with open(a.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(f"# Brown clusters of the {len(words)} most frequent German word forms; "
                 f"built by scripts/build_ner_clusters.py from spacy-lookups-data "
                 f"(de_lexeme_cluster, de_lexeme_prob; MIT, Explosion AI)\n".encode("utf-8"))
        for w in words:
            gz.write(f"{w}\t{clusters[w]}\n".encode("utf-8"))
    print(f"{len(words)} word forms -> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
