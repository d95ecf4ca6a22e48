#!/usr/bin/env python3
"""Where the topics extractor loses: per-topic P/R and the kind of each miss and false topic.

    .venv/bin/python scripts/eval_topics.py GOLD_DIR OUT_DIR [--list]

GOLD_DIR holds ``*.gold.json`` beside the raw files (``../shared/corpus``); OUT_DIR is the
output folder of ``egovnews run`` over it (its ``articles`` and ``topics`` tables). The
clean text of each article is matched again against the taxonomy (without lemmas) to tell

* a miss with **no word**: no strong or weak pattern of the topic matches anywhere (the
  annotator assigned it by meaning), from a miss with a word that was **weak** (below the
  score), **excluded** (an exclude pattern, a repeated excluded compound, or a longer hit of
  another topic) or **other** (e.g. only the lemmas or an elliptic compound would match);
* a false topic from a **single** mention (one hit), **weak** (only weak hits) or **real**
  (several hits).

Scoring follows ``eval/score.py`` (topic ids as sets, micro-averaged). The texts are read,
never copied.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract.topics import load_taxonomy  # noqa: E402
from pipeline.extract.topics.taxonomy import _plan  # noqa: E402
from pipeline.text import word_tokens  # noqa: E402


def _table(out: Path, name: str) -> pd.DataFrame:
    p = out / f"{name}.parquet"
    return pd.read_parquet(p) if p.exists() else pd.read_csv(out / f"{name}.csv")


def raw_hits(text: str) -> dict[str, tuple[int, int]]:
    """Topic id -> (strong matches, weak matches) before exclusions and scores."""
    _, pset, rows = _plan(load_taxonomy())
    m = pset.matches(word_tokens(text))
    return {t.id: (sum(len(m.get(k, [])) for k in strong), sum(len(m.get(k, [])) for k in weak))
            for t, _, strong, weak in rows}


def miss_kind(strong: int, weak: int) -> str:
    if not strong and not weak:
        return "no word"
    if not strong and weak * 0.5 < 1:
        return "weak"
    return "excluded/other"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--list", action="store_true", help="list each miss and false topic")
    a = ap.parse_args()
    out = Path(a.out)
    arts = _table(out, "articles")
    tops = _table(out, "topics")
    pred = defaultdict(dict)
    for r in tops.itertuples():
        ev = r.evidence if not isinstance(r.evidence, str) else json.loads(r.evidence)
        pred[r.doc_id][r.topic] = (int(r.mentions), list(ev))
    per = defaultdict(Counter)
    kinds = Counter()
    lines = []
    for r in arts.itertuples():
        g = Path(a.gold) / (str(r.source_file).rsplit(".", 1)[0] + ".gold.json")
        if not g.exists():
            continue
        gold = set(json.loads(g.read_text(encoding="utf-8")).get("topics", []))
        got = pred.get(r.doc_id, {})
        hits = raw_hits(r.text or "") if gold ^ set(got) else {}
        for t in gold & set(got):
            per[t]["tp"] += 1
        for t in gold - set(got):
            per[t]["fn"] += 1
            k = miss_kind(*hits.get(t, (0, 0)))
            kinds["miss: " + k] += 1
            lines.append(f"  miss {r.source_file}: {t} ({k})")
        for t in set(got) - gold:
            per[t]["fp"] += 1
            mentions, ev = got[t]
            k = "single" if mentions == 1 else "weak" if not hits.get(t, (0, 0))[0] else "real"
            kinds["false: " + k] += 1
            lines.append(f"  false {r.source_file}: {t} ({k}, {mentions} mentions: {ev})")
    print(f"{'topic':<28}{'P':>6}{'R':>6}{'F1':>6}  tp/fp/fn")
    tot = Counter()
    for t, c in sorted(per.items(), key=lambda x: -(x[1]["fp"] + x[1]["fn"])):
        tot.update(c)
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        print(f"{t:<28}{p:6.2f}{rec:6.2f}{f1:6.2f}  {c['tp']}/{c['fp']}/{c['fn']}")
    p = tot["tp"] / max(tot["tp"] + tot["fp"], 1)
    rec = tot["tp"] / max(tot["tp"] + tot["fn"], 1)
    print(f"{'all':<28}{p:6.3f}{rec:6.3f}{2 * p * rec / (p + rec) if p + rec else 0:6.3f}  "
          f"{tot['tp']}/{tot['fp']}/{tot['fn']}")
    for k, n in sorted(kinds.items()):
        print(f"{k:<28}{n:>4}")
    if a.list:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
