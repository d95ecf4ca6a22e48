"""Services extractor: OZG services (Leistungen) an article names.

``pipeline/data/ozg_services.csv`` (built by ``scripts/build_services.py`` from
the OZG catalogue and LeiKa names) lists each service with its aliases. An
alias matches a word or phrase of the text in any inflected form
(``Bauanträge`` -> Bauantrag), a hyphen part (``Elterngeld-Antrag``), or a
closed compound whose remainder is an action word from
``ozg_services_curated.csv`` (``Elterngeldstelle``, ``Kraftfahrzeugzulassungsstelle``,
``Grundsteuererklärung``). Acronyms (``BAföG``) match case-sensitively.
Where aliases of two services overlap, the longer alias wins.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article, Service
from ..settings import DATA_DIR
from ..text import (INFLECTION_ENDINGS, MEMO_MAX, Pattern, PatternSet, Token, doc_lemmas, fold,
                    phrase_pattern, strip_linking, word_tokens)


@dataclass(frozen=True)
class _Alias:
    ozg_id: str
    text: str
    folded: str          # folded, hyphens removed (prefix test for compounds)
    pattern: Pattern
    compound: bool       # may start a closed compound with an action word


@lru_cache(maxsize=1)
def _actions() -> tuple[str, ...]:
    with (DATA_DIR / "ozg_services_curated.csv").open(encoding="utf-8") as f:
        return tuple(fold(r["value"]) for r in csv.DictReader(f) if r["kind"] == "action")


def _is_acronym(a: str) -> bool:
    return " " not in a and sum(c.isupper() for c in a) >= 2 and not any(c in a for c in "-")


@lru_cache(maxsize=1)
def load_services() -> tuple[dict[str, dict], tuple[_Alias, ...]]:
    """``({ozg_id: row}, aliases)`` from ``pipeline/data/ozg_services.csv``."""
    rows, aliases = {}, []
    with (DATA_DIR / "ozg_services.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[r["ozg_id"]] = r
            for a in filter(None, r["aliases"].split("|")):
                acr = _is_acronym(a)
                folded = fold(a).replace("-", "")
                aliases.append(_Alias(r["ozg_id"], a, folded, phrase_pattern(a, acr),
                                      compound=not acr and " " not in a))
    return rows, tuple(aliases)


@dataclass(frozen=True)
class _Matcher:
    """Every alias pattern in one ``PatternSet`` and the compound aliases indexed by their
    folded text, built once per process: the per-alias pattern scans and the compound test
    of every alias against every token become one pass over the tokens with hash lookups.
    Service matching without the tokenisation: 6.5 -> 1.4 ms per document on 150 real pages
    (textdump), 2.3 -> 0.7 on 300 generated documents (CPU, best of 3); the results are the
    same (``tests/test_speed_matchers.py``)."""
    patterns: PatternSet
    compounds: dict[str, tuple[int, ...]]   # alias folded text -> alias numbers (compound aliases)
    lengths: tuple[int, ...]                # the distinct lengths of those folded texts
    action_forms: frozenset[str]            # action word + inflection ending (``antrag``, ``antraege``, ...)
    memo: dict[str, tuple[int, ...]]        # word form -> compound aliases it starts with an action word


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    _, aliases = load_services()
    compounds: dict[str, list[int]] = {}
    for k, al in enumerate(aliases):
        if al.compound:
            compounds.setdefault(al.folded, []).append(k)
    return _Matcher(PatternSet(al.pattern for al in aliases),
                    {f: tuple(ks) for f, ks in compounds.items()},
                    tuple(sorted({len(f) for f in compounds})),
                    frozenset(a + e for a in _actions() for e in INFLECTION_ENDINGS), {})


def _compound_aliases(m: _Matcher, f: str) -> tuple[int, ...]:
    """Compound aliases ``f`` is made of, followed by an action word (``Elterngeldantrag``)."""
    hit = m.memo.get(f)
    if hit is None:
        found: list[int] = []
        for n in m.lengths:
            if n >= len(f):
                break
            ks = m.compounds.get(f[:n])
            if ks and any(r in m.action_forms for r in strip_linking(f[n:])):
                found.extend(ks)
        hit = tuple(found)
        if len(m.memo) >= MEMO_MAX:
            m.memo.clear()
        m.memo[f] = hit
    return hit


def find_services(text: str, lemmas: dict[int, str] | None = None,
                  toks: list[Token] | None = None) -> list[Service]:
    """OZG services named in ``text``; ``lemmas`` (offset -> lemma) when a model provides them;
    ``toks`` when the caller already has ``word_tokens(text, lemmas)``."""
    rows, aliases = load_services()
    if toks is None:
        toks = word_tokens(text, lemmas)
    m = _matcher()
    # (alias number, kind) -> token ranges; kind 0 = the alias pattern, 1 = alias + action compound
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {(k, 0): r for k, r in m.patterns.matches(toks).items()}
    for i, t in enumerate(toks):
        ks: set[int] = set()
        for f in t.forms:
            ks.update(_compound_aliases(m, f))
        for k in ks:
            spans.setdefault((k, 1), []).append((i, i + 1))
    if not spans:
        return []
    # The cheap prefilter of the per-alias scan is kept as it was, so results do not change:
    # an alias counts only when its first 5 folded letters (or 5 letters as written) occur in
    # the text's tokens. (It also drops a few true hits: a multi-word alias whose first word
    # is inflected and shorter than 5 letters, or the umlaut plural of a short alias.)
    folded = " ".join(" ".join(t.forms) for t in toks)
    raw = " ".join(t.text for t in toks)
    ok: dict[int, bool] = {}
    hits: list[tuple[int, int, int, int, int]] = []
    for (k, kind), rs in spans.items():
        if k not in ok:
            al = aliases[k]
            ok[k] = al.folded[:5] in folded or al.text[:5] in raw
        if ok[k]:
            hits += [(-len(aliases[k].folded), i, k, kind, j) for i, j in rs]
    # longer alias first, then the earlier token, then alias order (as the per-alias scan added
    # them); a token range is claimed once
    hits.sort()
    taken: list[tuple[int, int]] = []
    by_id: dict[str, Service] = {}
    for _, i, k, _, j in hits:
        if any(i < e and s < j for s, e in taken):
            continue
        taken.append((i, j))
        al = aliases[k]
        r = rows[al.ozg_id]
        svc = by_id.setdefault(al.ozg_id, Service(ozg_id=al.ozg_id, leistung=r["leistung"],
                                                  themenfeld=r["themenfeld"]))
        svc.mentions += 1
        surface = text[toks[i].start:toks[j - 1].end]
        if surface not in svc.evidence:
            svc.evidence.append(surface)
    return sorted(by_id.values(), key=lambda s: (-s.mentions, s.ozg_id))


def extract(article: Article, toks: list[Token] | None = None) -> list[Service]:
    """Services of the article; ``toks``: its ``word_tokens`` with the Doc's lemmas, when already made."""
    if toks is None:
        toks = word_tokens(article.text or "", doc_lemmas(article.doc))
    return find_services(article.text or "", toks=toks)
