"""Topic evidence: the hits of a topic's patterns in a text and the topics they make.

A topic's hits are the matches of its strong and weak patterns that do not
overlap one of its ``exclude`` matches nor an earlier hit, and that are not a
bare head word repeating an excluded compound (``repeats_excluded``). Across
topics, a hit lying inside a longer hit of another topic is that topic's
(``drop_nested``: ``kommunale Rechenzentren`` is an IT service provider's
word, not a cloud mention). A strong word inside a compound whose head names an
office (``Kfz-Zulassungsstelle``: ``office_compound``) is weak evidence; a weak
compound repeated (``IT-Verbund`` ... ``IT-Verbunds``) is one mention of one named
thing (``weak_compound_key``), while a bare weak word counts each time (``Gesetz``). A topic needs a score (strong 1, weak
``WEAK_WEIGHT`` per hit) of ``MIN_SCORE``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ...model import Topic
from ...text import INFLECTION_ENDINGS, Pattern, Token, find_matches, token_blob, word_tokens
from ...settings import DATA_DIR
from ...text.words import _HYPHENS
from .elliptic import CONJUNCTIONS
from .taxonomy import TopicDef, _plan, load_taxonomy

_HYPHEN_CHARS = tuple(_HYPHENS)

# Two weak hits make one clear mention. Measured on the 21 dev articles
# (scripts/eval_dates_topics.py): 1.0 (weak = strong) adds 2 false topics
# (F1 .983); 0.5 and 0.34 give the same result (F1 .994, no false topic);
# 0.5 is kept as the less dev-fitted choice between the two.
WEAK_WEIGHT = 0.5
MIN_SCORE = 1.0


class Hit(NamedTuple):
    """A match of one of a topic's patterns: token range ``[start, end)`` and its weight."""

    start: int
    end: int
    weight: float
    term: bool = True    # the pattern has no gap: its range is one term (only such a hit can hold another)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _word_values(p: Pattern) -> list[str]:
    """The folded words of a one-element pattern (its case-sensitive acronyms left out)."""
    if len(p.elems) != 1:
        return []
    return [v for kind, v in p.elems[0].alts if not kind.startswith("case")]


def _is_head_of(word: str, v: str) -> bool:
    """Is ``v`` the head of the compound ``word`` (``opendataportals`` / ``portal``)?"""
    i = word.rfind(v)
    return i >= 3 and word[i + len(v):] in INFLECTION_ENDINGS


def repeats_excluded(m: tuple[int, int], p: Pattern, toks: list[Token], blocked: list[tuple[int, int]]) -> bool:
    """True when the one-token match ``m`` of ``p`` is the pattern's bare word (``Portal``) and the
    nearest earlier compound with that word as head (``Open-Data-Portal``, ``Beteiligungsportal``)
    lies in an exclude match: the bare word repeats that compound, so it is excluded too."""
    if not blocked or m[1] - m[0] != 1:
        return False
    tok = toks[m[0]]
    vals = [v for v in _word_values(p) if any(f.startswith(v) and f[len(v):] in INFLECTION_ENDINGS
                                              for f in tok.forms)]
    if len(tok.parts) != 1 or not vals:
        return False
    for j in range(m[0] - 1, -1, -1):
        if any(_is_head_of(toks[j].norm, v) for v in vals):
            return _overlaps((j, j + 1), blocked)
    return False


@lru_cache(maxsize=1)
def office_heads() -> tuple[str, ...]:
    """Folded head nouns of offices and units (``pipeline/data/topics_office_heads.txt``)."""
    lines = (DATA_DIR / "topics_office_heads.txt").read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


_LINKS = ("", "s", "n", "en", "e")


def office_compound(tok: Token, p: Pattern) -> bool:
    """Does ``tok`` continue after the word of the one-element pattern ``p`` with an office head
    (``kfzzulassung`` + ``sstelle``)? Then the compound names the office, not the topic."""
    for v in _word_values(p):
        for f in tok.forms:
            i = f.find(v)
            rest = f[i + len(v):] if i >= 0 else ""
            if rest and any(rest.startswith(link + h) and rest[len(link + h):] in INFLECTION_ENDINGS + ("n",)
                            for h in office_heads() for link in _LINKS):
                return True
    return False


def weak_compound_key(tok: Token, p: Pattern) -> str | None:
    """For a one-token hit of ``p`` that is a compound holding the pattern's word (``IT-Verbund``,
    ``Datenschutzstandards`` for ``*verbund``/``*standard``): the compound up to that word
    (``itverbund``), so repeats of one named thing count once; None for the bare word."""
    n = tok.norm
    for v in _word_values(p):
        i = n.rfind(v)
        if i == 0 and n[len(v):] in INFLECTION_ENDINGS:
            return None
        if i > 0:       # modifier + the word without a plural -s (*standard and *standards: one key)
            return n[:i] + v.removesuffix("s")
    return None


def topic_hits(excluded: list[list[tuple[int, int]]], found: list[tuple[float, Pattern, list[tuple[int, int]]]],
               toks: list[Token]) -> list[Hit]:
    """A topic's hits from its patterns' matches: ``excluded`` per exclude pattern, ``found``
    (weight, pattern, matches) per strong then weak pattern, in taxonomy order."""
    blocked = [m for ms in excluded for m in ms]
    hits: list[Hit] = []
    compounds: set[str] = set()
    for weight, p, ms in found:
        for m in ms:
            if _overlaps(m, blocked) or _overlaps(m, [(h[0], h[1]) for h in hits]) \
                    or repeats_excluded(m, p, toks, blocked):
                continue
            if weight < 1.0 and m[1] - m[0] == 1:
                key = weak_compound_key(toks[m[0]], p)
                if key in compounds:
                    continue        # the same weak compound again: one named thing, one mention
                if key:
                    compounds.add(key)
            w = WEAK_WEIGHT if weight > WEAK_WEIGHT and m[1] - m[0] == 1 and office_compound(toks[m[0]], p) \
                else weight
            hits.append(Hit(m[0], m[1], w, not any(e.gap for e in p.elems)))
    return hits


def drop_nested(hits: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """Topic id -> hits without those lying inside a longer term hit of another topic (a hit of a
    pattern with a gap holds words that are not its evidence: it holds no other hit)."""
    spans = [(h.start, h.end, tid) for tid, hs in hits.items() for h in hs if h.term]
    out = {}
    for tid, hs in hits.items():
        keep = [h for h in hs if not any(o != tid and s <= h.start and h.end <= e and e - s > h.end - h.start
                                         for s, e, o in spans)]
        if keep:
            out[tid] = keep
    return out


def _through_ellipsis(toks: list[Token], k: int) -> int:
    """The last token of the evidence ending at ``toks[k]``: an open compound (``KFZ-``) runs on to
    the compound that completes it (``KFZ- und Bootszulassung``)."""
    if not toks[k].text.endswith(_HYPHEN_CHARS):
        return k
    for m in range(k + 1, min(len(toks), k + 7)):
        if toks[m].clause != toks[k].clause:
            break
        if not toks[m].text.endswith(_HYPHEN_CHARS) and toks[m].norm not in CONJUNCTIONS:
            return m
    return k


def make_topic(t: TopicDef, hits: list[Hit], toks: list[Token], text: str) -> Topic | None:
    """The topic when its hits reach ``MIN_SCORE``; evidence: the matched words (first-seen order, unique)."""
    if sum(h.weight for h in hits) < MIN_SCORE:
        return None
    evidence: list[str] = []
    for i, j, *_ in sorted(hits):
        s = text[toks[i].start:toks[_through_ellipsis(toks, j - 1)].end]
        if s not in evidence:
            evidence.append(s)
    return Topic(topic=t.id, label=t.label, mentions=len(hits), evidence=evidence)


def score_topic(t: TopicDef, toks: list[Token], text: str, blob=None) -> Topic | None:
    """One topic of ``text`` on its own (pattern by pattern; ``find_topics`` does all at once)."""
    blob = blob or token_blob(toks)
    found = [(1.0, p, find_matches(p, toks, blob)) for p in t.strong] \
        + [(WEAK_WEIGHT, p, find_matches(p, toks, blob)) for p in t.weak]
    return make_topic(t, topic_hits([find_matches(p, toks, blob) for p in t.exclude], found, toks), toks, text)


def find_topics(text: str, taxonomy: tuple[TopicDef, ...] | None = None,
                lemmas: dict[int, str] | None = None, toks: list[Token] | None = None,
                across_topics: bool = False) -> list[Topic]:
    """Topics of ``text``; ``lemmas`` (offset -> lemma) when a model provides them;
    ``toks`` when the caller already has ``word_tokens(text, lemmas)``. Each topic is scored on its
    own (as ``score_topic``) unless ``across_topics``: then a hit inside a longer hit of another
    topic is dropped first (``drop_nested``; what ``extract`` does)."""
    if toks is None:
        toks = word_tokens(text, lemmas)
    _, pset, rows = _plan(taxonomy or load_taxonomy())
    matches = pset.matches(toks)
    pats = pset.patterns
    hits: dict[str, list[Hit]] = {}
    defs = {}
    for t, exc, strong, weak in rows:
        if not any(k in matches for k in strong) and not any(k in matches for k in weak):
            continue
        found = [(1.0, pats[k], matches.get(k, [])) for k in strong] \
            + [(WEAK_WEIGHT, pats[k], matches.get(k, [])) for k in weak]
        hs = topic_hits([matches.get(k, []) for k in exc], found, toks)
        if hs:
            hits[t.id], defs[t.id] = hs, t
    if across_topics:
        hits = drop_nested(hits)
    out = [topic for tid, hs in hits.items() if (topic := make_topic(defs[tid], hs, toks, text))]
    return sorted(out, key=lambda t: -t.mentions)
