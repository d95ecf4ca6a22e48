"""Topic evidence: the hits of a topic's patterns in a text and the topics they make."""
from __future__ import annotations

from ...model import Topic
from ...text import Token, find_matches, token_blob, word_tokens
from .taxonomy import TopicDef, _plan, load_taxonomy

# Two weak hits make one clear mention. Measured on the 21 dev articles
# (scripts/eval_dates_topics.py): 1.0 (weak = strong) adds 2 false topics
# (F1 .983); 0.5 and 0.34 give the same result (F1 .994, no false topic);
# 0.5 is kept as the less dev-fitted choice between the two.
WEAK_WEIGHT = 0.5
MIN_SCORE = 1.0


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


