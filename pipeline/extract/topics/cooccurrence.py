"""Topics a text speaks of in two words that are often apart (``topics_cooccurrence.csv``)."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from ...model import Topic
from ...settings import DATA_DIR
from .taxonomy import TopicDef


# A topic a text speaks of in two words that are often apart: 'Digitalisierung' and an administration in
# the same sentence ('Die Gemeinde treibt die Digitalisierung voran'). ``topics_cooccurrence.csv`` gives
# per topic two regular expressions and the number of sentences that must hold both. min_sentences 2 for
# verwaltungsdigitalisierung: on the 124 dev articles 1 sentence added 8 true and 8 false topics, 2 added
# 7 true and no false one, 3 added 3 true (chosen there; the held-out articles will tell).
@lru_cache(maxsize=1)
def _cooccurrence() -> tuple[tuple[str, re.Pattern, re.Pattern, int], ...]:
    with (DATA_DIR / "topics_cooccurrence.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["topic"], re.compile(r["first"]), re.compile(r["second"]), int(r["min_sentences"]))
                     for r in csv.DictReader(f))


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def cooccurrence_topics(text: str, have: set[str], taxonomy: tuple[TopicDef, ...]) -> list[Topic]:
    """Topics (not in ``have``) whose two expressions meet in at least min_sentences sentences of ``text``;
    evidence: the first expression's words."""
    labels = {t.id: t.label for t in taxonomy}
    sentences = SENTENCE_END.split(text)
    out = []
    for topic, first, second, need in _cooccurrence():
        if topic in have or topic not in labels:
            continue
        hits = [s for s in sentences if first.search(s) and second.search(s)]
        if len(hits) >= need:
            evidence = list(dict.fromkeys(m.group(0) for s in hits for m in re.finditer(r"\w*" + first.pattern + r"\w*", s)))
            out.append(Topic(topic=topic, label=labels[topic], mentions=len(hits), evidence=evidence))
    return out


