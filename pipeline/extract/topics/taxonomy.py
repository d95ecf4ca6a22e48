"""The topic taxonomy (``pipeline/data/topics.csv``) and its patterns compiled into one ``PatternSet``.

A pattern of two words with a gap between them (``antraege ~3 online``) matches them in either
order (``online ~3 antraege`` too): German puts the parts of one statement in either order by
clause type (``Anträge gibt es online`` / ``was online an Anträgen möglich ist``). Patterns with
more elements keep their order (``digitalisierung der ~3 verwaltung``).

A strong or weak pattern for a hyphenated compound of two words (``kfz-abmeldung*``) also
matches its paraphrase with the head first (``Abmeldung von Kfz``, ``Zulassung der
Kraftfahrzeuge`` for ``kraftfahrzeug-zulassung*``): ``paraphrase``.

An ``exclude`` pattern written with hyphens (``open-data-portal*``) also excludes the same words
written apart (``Open Data Portal``): one compound, spelt either way. Only exclusions: as evidence,
words apart are often not one compound (``Bund, Ländern`` is no ``Bund-Länder``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ...settings import DATA_DIR
from ...text import Pattern, PatternSet, compile_pattern


@dataclass(frozen=True)
class TopicDef:
    id: str
    label: str
    strong: tuple[Pattern, ...]
    weak: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]


def either_order(source: str) -> list[str]:
    """``source`` and, for two words around one gap (``a ~3 b``), the reversed ``b ~3 a``."""
    el = source.split()
    if len(el) == 3 and el[1].startswith("~") and not el[0].startswith("~") and not el[2].startswith("~"):
        return [source, f"{el[2]} {el[1]} {el[0]}"]
    return [source]


def spelt_apart(source: str) -> list[str]:
    """``source`` and, for one hyphenated word (``open-data-portal*``), its parts as words
    (``open data portal*``); acronym (``=``) and head (``*x``) patterns are left as they are."""
    if " " in source or source.startswith(("=", "*")) or "-" not in source:
        return [source]
    parts = source.split("-")
    if any(len(x.strip("*")) < 2 for x in parts):
        return [source]
    return [source, " ".join(parts)]


PARAPHRASE_LINKS = "von/vom/der/des/fuer/zur/zum"


def paraphrase(source: str) -> list[str]:
    """``source`` and, for one hyphenated word of two parts (``kfz-abmeldung*``, modifier at least
    2 and head at least 4 letters), the head before the modifier (``abmeldung* von/... ~1 kfz*``)."""
    if " " in source or source.startswith(("=", "*")) or source.count("-") != 1:
        return [source]
    mod, head = source.split("-")
    mod, head = mod.strip("*"), head.rstrip("*")
    if len(mod) < 2 or len(head) < 4:
        return [source]
    return [source, f"{head}* {PARAPHRASE_LINKS} ~1 {mod}*"]


def _patterns(cell: str, apart: bool = False) -> tuple[Pattern, ...]:
    """The compiled patterns of a cell (``|``-separated); ``apart`` (exclusions): hyphenated words
    also spelt apart; else hyphenated two-part words also paraphrased (``paraphrase``)."""
    out = []
    for p in (cell or "").split("|"):
        if p.strip():
            for v in (spelt_apart(p.strip()) if apart else paraphrase(p.strip())):
                out.extend(compile_pattern(w) for w in either_order(v))
    return tuple(out)


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> tuple[TopicDef, ...]:
    """The topic taxonomy (default: ``pipeline/data/topics.csv``)."""
    p = path or str(DATA_DIR / "topics.csv")
    with open(p, encoding="utf-8") as f:
        return tuple(TopicDef(r["id"].strip(), r["label"].strip(), _patterns(r["strong"]),
                              _patterns(r["weak"]), _patterns(r.get("exclude", ""), apart=True))
                     for r in csv.DictReader(f) if r["id"].strip())


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


