"""Word lists of the clean stage, read once from ``pipeline/data/boilerplate_*.txt``.

``norm_line`` is the one normalisation used for phrase matching: casefolded,
every run of non-word characters turned into one space, trimmed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..settings import DATA_DIR

_NONWORD = re.compile(r"[\W_]+", re.UNICODE)

# A "^" (starts-with) phrase only fires on lines that are at most this many words
# longer than the phrase: "Mehr aus Berlin" is a teaser heading, a 30-word sentence
# that happens to start with "Mehr aus" is not. Calibrated on the dev dumps.
PREFIX_SLACK_WORDS = 6


def norm_line(s: str) -> str:
    return _NONWORD.sub(" ", s.casefold()).strip()


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass
class PhraseSet:
    exact: dict[str, str] = field(default_factory=dict)        # normalised line -> reason
    prefix: list[tuple[str, str]] = field(default_factory=list)
    contains: list[tuple[str, str]] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)             # reasons that open a non-article block
    _prefix_re: re.Pattern | None = None
    _contains_re: re.Pattern | None = None
    _prefix_reason: dict[str, str] = field(default_factory=dict)
    _contains_reason: dict[str, str] = field(default_factory=dict)
    _triggers: frozenset = frozenset()     # first words of the 'contains' phrases: a cheap pre-filter

    def compile(self) -> "PhraseSet":
        if self.prefix:
            ps = sorted({p for p, _ in self.prefix}, key=len, reverse=True)
            self._prefix_re = re.compile(r"^(?:" + "|".join(re.escape(p) for p in ps) + r")(?:\s|$)")
            self._prefix_reason = {p: r for p, r in self.prefix}
        if self.contains:
            self._triggers = frozenset(p.split()[0] for p, _ in self.contains)
            cs = sorted({p for p, _ in self.contains}, key=len, reverse=True)
            self._contains_re = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in cs) + r")(?:\s|$)")
            self._contains_reason = {p: r for p, r in self.contains}
        return self

    def match(self, normed: str, n_words: int) -> str:
        """The reason of the first phrase matching the normalised line, or ''."""
        r = self.exact.get(normed)
        if r:
            return r
        if self._prefix_re is not None:
            m = self._prefix_re.match(normed)
            if m:
                p = m.group(0).strip()
                if n_words <= p.count(" ") + 1 + PREFIX_SLACK_WORDS:
                    return self._prefix_reason[p]
        if self._contains_re is not None and not self._triggers.isdisjoint(normed.split()):
            m = self._contains_re.search(normed)
            if m:
                return self._contains_reason[m.group(0).strip()]
        return ""


@lru_cache(maxsize=1)
def phrases() -> PhraseSet:
    ps = PhraseSet()
    reason = "boilerplate phrase"
    for line in _read_lines("boilerplate_phrases.txt"):
        if line.startswith("[") and line.endswith("]"):
            parts = [p.strip() for p in line[1:-1].split("|")]
            reason = parts[0]
            if "marker" in parts[1:]:
                ps.markers.add(reason)
            continue
        mode, _, phrase = line.partition(" ")
        phrase = norm_line(phrase)
        if not phrase:
            continue
        if mode == "=":
            ps.exact.setdefault(phrase, reason)
        elif mode == "^":
            ps.prefix.append((phrase, reason))
        elif mode == "~":
            ps.contains.append((phrase, reason))
    return ps.compile()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words of German (and of other languages, so that foreign prose reads as prose)."""
    words: set[str] = set()
    for name in ("boilerplate_stopwords.txt", "boilerplate_stopwords_other.txt"):
        for line in _read_lines(name):
            words.update(w.casefold() for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def german_stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in _read_lines("boilerplate_stopwords.txt"):
        words.update(w.casefold() for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def agencies() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_lines("boilerplate_agencies.txt"))


@lru_cache(maxsize=1)
def camelcase_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_lines("boilerplate_camelcase.txt"))


@lru_cache(maxsize=1)
def patterns() -> dict[str, list[str]]:
    """Sections of boilerplate_patterns.txt: name -> entries (one per line, or words for word lists)."""
    out: dict[str, list[str]] = {}
    section = ""
    for line in _read_lines("boilerplate_patterns.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            out.setdefault(section, [])
            continue
        if section in ("buttons", "buttons strong"):
            out[section].extend(w.casefold() for w in line.split())
        else:
            out[section].append(line.casefold())
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_lines("boilerplate_given_names.txt"))
