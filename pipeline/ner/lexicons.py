"""The word lists of the NER rule layer, read once from pipeline/data.

Every list is built by a script (scripts/build_names.py,
scripts/build_ner_lexicons.py) or hand-written with a header saying so; the
credits are in pipeline/data/ner.SOURCE.md.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.de.stop_words import STOP_WORDS

from ..settings import DATA_DIR
from .cache import cached


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [ln.rstrip("\n") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Lexicons:
    given_names: dict                # name -> newborn count
    speech_verbs: frozenset[str]
    roles: frozenset[str]            # single-token person-context words ('Landrat', 'Frau', 'Dr.')
    common_caps: frozenset[str]      # ordinary capitalised words (never a surname after a role word)
    common_words: frozenset[str]     # hand-written words that are also names ('Mai', 'Smart', 'Rose')
    common_nouns: frozenset[str]     # nouns with a plural form (compound heads only: 'Geschäfts|modell')
    loc: dict                        # name -> (kind, population)
    place_bases: frozenset[str]      # short forms of small towns ('Dillingen'): places only after an office word
    org: frozenset[str]              # organisation names and acronyms
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_complement: frozenset[str]
    legal_forms: frozenset[str]
    acronym_heads: tuple[str, ...]
    generic_heads: frozenset[str]
    company_prefix: frozenset[str]
    club_prefixes: frozenset[str]
    stop_words: frozenset[str]
    generic_bodies: frozenset[str] = frozenset()   # 'Bundesregierung': a description, not a name
    non_org_endings: tuple[str, ...] = ()          # '...gesetz', '...konto': laws, products (OTH)


@lru_cache(maxsize=4)
def load_clusters(data_dir: str | None = None) -> dict[str, int]:
    """Word form -> Brown cluster number (ner_clusters.tsv.gz); empty when the file is missing."""
    path = (Path(data_dir) if data_dir else DATA_DIR) / "ner_clusters.tsv.gz"
    return cached("ner-clusters", [path], lambda: _read_clusters(path))


def _read_clusters(path: Path) -> dict[str, int]:
    import gzip

    out: dict[str, int] = {}
    if not path.exists():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for ln in fh:
            if ln.startswith("#"):
                continue
            w, _, c = ln.rstrip("\n").partition("\t")
            out[w] = int(c)
    return out


@lru_cache(maxsize=4)
def load_world_places(data_dir: str | None = None) -> dict[str, tuple[tuple[str, ...], ...]]:
    """GeoNames place names (ner_world_places.txt.gz) indexed by first word:
    first word -> the remaining words of each name, longest first (``()`` = the word alone);
    {} when the file is missing. About 0.1 s for 230k names."""
    path = (Path(data_dir) if data_dir else DATA_DIR) / "ner_world_places.txt.gz"
    return cached("ner-world-places", [path], lambda: _read_world_places(path))


def _read_world_places(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    import gzip

    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh.read().splitlines() if ln and not ln.startswith("#")]
    alone: tuple = ((),)
    out: dict[str, tuple] = dict.fromkeys((ln for ln in lines if " " not in ln), alone)
    multi: dict[str, list] = {}
    for ln in lines:
        if " " in ln:
            words = ln.split()
            multi.setdefault(words[0], []).append(tuple(words[1:]))
    for first, rests in multi.items():
        if first in out:
            rests.append(())
        out[first] = tuple(sorted(rests, key=len, reverse=True))
    return out


@lru_cache(maxsize=4)
def load_world_names(data_dir: str | None = None) -> dict[str, str]:
    """International first names and surnames (ner_world_names.txt.gz): name -> 'F', 'S' or 'F_S'."""
    path = (Path(data_dir) if data_dir else DATA_DIR) / "ner_world_names.txt.gz"
    return cached("ner-world-names", [path], lambda: _read_world_names(path))


def _read_world_names(path: Path) -> dict[str, str]:
    import gzip

    out: dict[str, set] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for ln in fh:
                if not ln.startswith("#"):
                    n, _, k = ln.rstrip("\n").partition("\t")
                    out.setdefault(n, set()).add(k)
    return {n: "_".join(sorted(k)) for n, k in out.items()}


@lru_cache(maxsize=4)
def load(data_dir: str | None = None) -> Lexicons:
    d = Path(data_dir) if data_dir else DATA_DIR
    given = {}
    for ln in _lines(d / "ner_given_names.tsv"):
        name, _, cnt = ln.partition("\t")
        given[name] = int(cnt) if cnt.strip().isdigit() else 0
    roles = set()
    for r in _lines(d / "ner_roles.txt"):
        if " " not in r:
            roles.add(r)
    loc = {}
    bases = set()
    for ln in _lines(d / "ner_loc_lexicon.txt"):
        name, kind, pop = (ln.split("\t") + ["", ""])[:3]
        if kind == "base":
            bases.add(name)
            continue
        loc[name] = (kind, int(pop) if pop.isdigit() else 0)
    org = frozenset(ln.split("\t")[0] for ln in _lines(d / "ner_org_lexicon.txt"))
    pat = json.loads((d / "ner_org_patterns.json").read_text(encoding="utf-8")) if (d / "ner_org_patterns.json").exists() else {}
    return Lexicons(
        given_names=given,
        speech_verbs=frozenset(_lines(d / "ner_speech_verbs.txt")),
        roles=frozenset(roles),
        common_caps=frozenset(_lines(d / "ner_common_capitalized.txt")),
        common_words=frozenset(_lines(d / "ner_common_words.txt")),
        common_nouns=frozenset(_lines(d / "ner_common_nouns.txt")),
        loc=loc,
        place_bases=frozenset(bases),
        org=org,
        org_heads=frozenset(pat.get("heads", [])),
        org_suffixes=tuple(pat.get("suffixes", [])),
        org_complement=frozenset(pat.get("complement_words", [])),
        legal_forms=frozenset(pat.get("legal_forms", [])),
        acronym_heads=tuple(pat.get("acronym_heads", [])),
        generic_heads=frozenset(pat.get("generic_heads", [])),
        company_prefix=frozenset(pat.get("company_prefix_nouns", [])),
        club_prefixes=frozenset(pat.get("club_prefixes", [])),
        stop_words=frozenset(STOP_WORDS),
        generic_bodies=frozenset(_lines(d / "ner_generic_bodies.txt")),
        non_org_endings=tuple(w.lower() for w in _lines(d / "ner_non_org_heads.txt")),
    )


def is_ordinary_word(word: str, data_dir: str | None = None) -> bool:
    """An ordinary German word by the rule layer's lists (common nouns and capitalised words,
    function words, role words, stop words): the build scripts of the wide name lists leave these out."""
    lex = load(data_dir)
    return (word in lex.common_caps or word in lex.common_nouns or word in lex.common_words
            or word in lex.roles or word.lower() in lex.stop_words)
