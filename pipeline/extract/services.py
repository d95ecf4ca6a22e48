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
from ..text import (INFLECTION_ENDINGS, Pattern, Token, doc_lemmas, find_matches, fold, phrase_pattern,
                    strip_linking, token_blob, word_tokens)


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


def _compound_hits(al: _Alias, toks: list[Token]) -> list[tuple[int, int]]:
    """Tokens that are ``alias + action word`` (``Elterngeldantrag``)."""
    out = []
    for i, t in enumerate(toks):
        for f in t.forms:
            if len(f) > len(al.folded) and f.startswith(al.folded):
                rest = f[len(al.folded):]
                if any(r.startswith(a) and r[len(a):] in INFLECTION_ENDINGS
                       for r in strip_linking(rest) for a in _actions()):
                    out.append((i, i + 1))
                    break
    return out


def find_services(text: str, lemmas: dict[int, str] | None = None) -> list[Service]:
    """OZG services named in ``text``; ``lemmas`` (offset -> lemma) when a model provides them."""
    rows, aliases = load_services()
    toks = word_tokens(text, lemmas)
    blob = token_blob(toks)
    hits: list[tuple[int, int, _Alias]] = []
    for al in aliases:
        if al.folded[:5] not in blob.folded and al.text[:5] not in blob.raw:
            continue  # cheap prefilter (an umlaut plural keeps the first 5 letters of these long names)
        spans = find_matches(al.pattern, toks, blob)
        if al.compound:
            spans += _compound_hits(al, toks)
        hits += [(i, j, al) for i, j in spans]
    # longer alias first; a token range is claimed once
    hits.sort(key=lambda h: (-len(h[2].folded), h[0]))
    taken: list[tuple[int, int]] = []
    by_id: dict[str, Service] = {}
    for i, j, al in hits:
        if any(i < e and s < j for s, e in taken):
            continue
        taken.append((i, j))
        r = rows[al.ozg_id]
        svc = by_id.setdefault(al.ozg_id, Service(ozg_id=al.ozg_id, leistung=r["leistung"],
                                                  themenfeld=r["themenfeld"]))
        svc.mentions += 1
        surface = text[toks[i].start:toks[j - 1].end]
        if surface not in svc.evidence:
            svc.evidence.append(surface)
    return sorted(by_id.values(), key=lambda s: (-s.mentions, s.ozg_id))


def extract(article: Article) -> list[Service]:
    return find_services(article.text or "", doc_lemmas(article.doc))
