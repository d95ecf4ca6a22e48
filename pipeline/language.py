"""Language stage: a cheap language guess for each article (``Article.language``).

``detect(text)`` returns an ISO 639-1 code ('de', 'en', ...) or 'und' when
the text is too short or matches no language well. Latin-script languages
are told apart by the share of their function words among the words of the
text (lists in ``pipeline/data/stopwords_<code>.txt``); other scripts by the
script itself (Cyrillic is checked against the Russian list). Non-German
articles are flagged by this value, never dropped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .settings import DATA_DIR

# Words looked at: the first ones of the text are enough and keep it O(1).
MAX_WORDS = 3000
# Fewer words than this: no guess ('und').
MIN_WORDS = 4
# The best language must cover at least this share of the words (one-letter
# tokens not counted). Calibrated: German function-word share on the dev
# articles 0.28-0.45 (median ~0.36); on 150 raw German page dumps with all
# their boilerplate median 0.31, lowest 0.03 and 0.10 (pages that are nearly
# all navigation); invented English/French/Spanish/Italian/Dutch/Portuguese
# paragraphs 0.35-0.55, Polish/Turkish/Russian 0.18-0.32 (shorter lists).
MIN_SHARE = 0.08
# ... and beat the runner-up by this factor (related languages share words:
# 'in', 'die', 'de', 'a').
MIN_MARGIN = 1.25
# Share of letters in one non-Latin script above which that script decides.
SCRIPT_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPTS = [  # (unicodedata name prefix, ISO code or None = check stop words)
    ("CYRILLIC", None), ("GREEK", "el"), ("ARABIC", "ar"), ("HEBREW", "he"), ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"), ("CJK", "zh"), ("HANGUL", "ko"), ("THAI", "th"), ("DEVANAGARI", "hi"),
    ("ARMENIAN", "hy"), ("GEORGIAN", "ka"), ("BENGALI", "bn"), ("TAMIL", "ta"),
]


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    lists = {}
    for f in sorted(DATA_DIR.glob("stopwords_*.txt")):
        code = f.stem.split("_", 1)[1]
        words = set()
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                words.update(w.lower() for w in line.split() if len(w) > 1)
        lists[code] = frozenset(words)
    return lists


def _script(text: str) -> str | None:
    """The ISO code (or 'cyrillic') of a non-Latin script that dominates the letters, else None."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:20000]:
        if not ch.isalpha():
            continue
        letters += 1
        if ch < "\u0250":  # Latin (incl. extensions): the common case, skip the name lookup
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if name.startswith(prefix):
                key = code or "cyrillic"
                counts[key] = counts.get(key, 0) + 1
                break
    if not letters or not counts:
        return None
    if counts.get("ja") and counts.get("zh"):  # Japanese mixes kana and kanji
        counts["ja"] += counts.pop("zh")
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n / letters >= SCRIPT_SHARE else None


def scores(text: str) -> tuple[int, dict[str, int]]:
    """``(number of words, function-word hits per language)`` over the first words of ``text``."""
    # one-letter tokens ('E' of 'E-Akte', list bullets 'o', initials) say nothing about the language
    words = [w.lower() for w in _WORD.findall(text[: MAX_WORDS * 12]) if len(w) > 1][:MAX_WORDS]
    hits = {code: sum(1 for w in words if w in sw) for code, sw in stopwords().items()}
    return len(words), hits


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' (undetermined)."""
    if not text or not text.strip():
        return "und"
    script = _script(text)
    n, hits = scores(text)
    if script and script != "cyrillic":
        return script
    if n < MIN_WORDS:
        return "und"
    if script == "cyrillic":
        hits = {k: v for k, v in hits.items() if k in ("ru", "uk", "bg")}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked:
        return "und"
    best, h1 = ranked[0]
    h2 = ranked[1][1] if len(ranked) > 1 else 0
    if h1 / n < MIN_SHARE or h1 < MIN_MARGIN * h2:
        return "und"
    return best
