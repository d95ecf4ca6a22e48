"""Topics extractor: topics of the project taxonomy a text explicitly speaks of.

The taxonomy is ``pipeline/data/topics.csv`` (users extend it by adding rows or
patterns): ``id``, ``label``, ``strong``, ``weak``, ``exclude`` (patterns
separated by ``|``, syntax in ``pipeline.text.compile_pattern``), ``description``.

Patterns match word tokens after folding (casefold, umlauts transliterated),
with German inflection endings accepted, inside hyphenated compounds
(``OZG-Umsetzung`` -> ``=OZG``) and, where the pattern says so, as the
modifier (``kooperation*`` -> Kooperationsvereinbarung) or head
(``*verbund`` -> Leistungsverbund) of a closed compound. A compound hit is only
allowed where the pattern asks for it, so a passing word inside an unrelated
compound (``Standortförderung``) does not count unless listed.

Minimal evidence: a strong pattern is enough on its own (one clear mention);
a weak pattern (a word that is often used loosely: ``Verbund``, ``Gesetz``,
``Normenkontrollrat``) counts ``WEAK_WEIGHT``; a topic needs a score of 1.
A hit that overlaps a hit of one of the topic's ``exclude`` patterns is
dropped (``Portalverbund`` is not a ``Verbund`` of municipalities).

``evidence`` lists the matched surface words (first-seen order, unique);
``mentions`` counts the hits.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, Topic
from ..settings import DATA_DIR
from ..text import (Pattern, PatternSet, Token, compile_pattern, doc_lemmas, find_matches, token_blob,
                    word_tokens)

# Two weak hits make one clear mention. Measured on the 21 dev articles
# (scripts/eval_dates_topics.py): 1.0 (weak = strong) adds 2 false topics
# (F1 .983); 0.5 and 0.34 give the same result (F1 .994, no false topic);
# 0.5 is kept as the less dev-fitted choice between the two.
WEAK_WEIGHT = 0.5
MIN_SCORE = 1.0


@dataclass(frozen=True)
class TopicDef:
    id: str
    label: str
    strong: tuple[Pattern, ...]
    weak: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]


def _patterns(cell: str) -> tuple[Pattern, ...]:
    return tuple(compile_pattern(p.strip()) for p in (cell or "").split("|") if p.strip())


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> tuple[TopicDef, ...]:
    """The topic taxonomy (default: ``pipeline/data/topics.csv``)."""
    p = path or str(DATA_DIR / "topics.csv")
    with open(p, encoding="utf-8") as f:
        return tuple(TopicDef(r["id"].strip(), r["label"].strip(), _patterns(r["strong"]),
                              _patterns(r["weak"]), _patterns(r.get("exclude", "")))
                     for r in csv.DictReader(f) if r["id"].strip())


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def score_topic(t: TopicDef, toks: list[Token], text: str, blob=None) -> Topic | None:
    blob = blob or token_blob(toks)
    return _score(t, [find_matches(p, toks, blob) for p in t.exclude],
                  [(1.0, find_matches(p, toks, blob)) for p in t.strong]
                  + [(WEAK_WEIGHT, find_matches(p, toks, blob)) for p in t.weak], toks, text)


def _score(t: TopicDef, excluded: list[list[tuple[int, int]]], found: list[tuple[float, list[tuple[int, int]]]],
           toks: list[Token], text: str) -> Topic | None:
    """Score a topic from its patterns' matches: ``excluded`` per exclude pattern, ``found``
    (weight, matches) per strong then weak pattern, in taxonomy order."""
    blocked = [m for ms in excluded for m in ms]
    hits: list[tuple[int, int, float]] = []
    for weight, ms in found:
        for m in ms:
            if _overlaps(m, blocked) or _overlaps(m, [(h[0], h[1]) for h in hits]):
                continue
            hits.append((m[0], m[1], weight))
    if sum(h[2] for h in hits) < MIN_SCORE:
        return None
    hits.sort()
    evidence: list[str] = []
    for i, j, _ in hits:
        s = text[toks[i].start:toks[j - 1].end]
        if s not in evidence:
            evidence.append(s)
    return Topic(topic=t.id, label=t.label, mentions=len(hits), evidence=evidence)


# Every pattern of a taxonomy in one PatternSet, so one pass over the tokens finds where each
# may start (instead of a blob search per pattern): topic matching without the tokenisation
# 2.25 -> 1.36 ms per document on 150 real pages (textdump), 1.35 -> 0.70 on 300 generated
# documents (CPU, best of 3); the tokens are now made once for topics and services (extract_all).
_PLANS: dict[int, tuple] = {}


def _plan(taxonomy: tuple[TopicDef, ...]):
    """(taxonomy, PatternSet, [(topic, exclude ids, strong ids, weak ids)]) for a taxonomy."""
    hit = _PLANS.get(id(taxonomy))
    if hit is not None and hit[0] is taxonomy:
        return hit
    pats: list[Pattern] = []
    rows = []
    for t in taxonomy:
        ids = []
        for group in (t.exclude, t.strong, t.weak):
            ids.append(list(range(len(pats), len(pats) + len(group))))
            pats.extend(group)
        rows.append((t, *ids))
    if len(_PLANS) >= 8:
        _PLANS.clear()
    hit = _PLANS[id(taxonomy)] = (taxonomy, PatternSet(pats), rows)
    return hit


def find_topics(text: str, taxonomy: tuple[TopicDef, ...] | None = None,
                lemmas: dict[int, str] | None = None, toks: list[Token] | None = None) -> list[Topic]:
    """Topics of ``text``; ``lemmas`` (offset -> lemma) when a model provides them;
    ``toks`` when the caller already has ``word_tokens(text, lemmas)``."""
    if toks is None:
        toks = word_tokens(text, lemmas)
    _, pset, rows = _plan(taxonomy or load_taxonomy())
    matches = pset.matches(toks)
    out = []
    for t, exc, strong, weak in rows:
        if not any(k in matches for k in strong) and not any(k in matches for k in weak):
            continue
        topic = _score(t, [matches.get(k, []) for k in exc],
                       [(1.0, matches.get(k, [])) for k in strong]
                       + [(WEAK_WEIGHT, matches.get(k, [])) for k in weak], toks, text)
        if topic:
            out.append(topic)
    return sorted(out, key=lambda t: -t.mentions)


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


def extract(article: Article, toks: list[Token] | None = None) -> list[Topic]:
    """Topics of the article; ``toks``: its ``word_tokens`` with the Doc's lemmas, when already made."""
    if toks is None:
        toks = word_tokens(article.text or "", doc_lemmas(article.doc))
    found = find_topics(article.text or "", toks=toks)
    return found + cooccurrence_topics(article.text or "", {t.topic for t in found}, load_taxonomy())
