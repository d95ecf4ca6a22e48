"""Step 4c: web domains named as actors ('Nach Informationen von beispiel-netz.org', 'des
zivilgesellschaftlichen Beispiel.org'): outlets and groups that go by their domain.

``find_domains(scan)`` takes a ``Scan`` and gives one ``Mention`` (source 'domain') per domain written
as a word of its own (no 'www.', no path, no e-mail, not in quotes) after a cue word of
``organisations_actor_cues.txt`` (an article, a preposition, a reporting verb), with at most one
lower-case adjective between: an address ('auf der Website beispiel.de', 'unter www.x.de') is no actor.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...settings import DATA_DIR
from .names import Mention
from .scan import Scan

DOMAIN = re.compile(r"(?<![\w@/.:‚'\"„“])([A-Za-z][A-Za-z0-9-]*\.(?:org|de|com|net|eu|info))(?![\w/@-]|\.\w)")
WORD = re.compile(r"[\w-]+")


@lru_cache(maxsize=1)
def actor_cues() -> frozenset[str]:
    """Cue words of ``organisations_actor_cues.txt`` (comments '#' skipped)."""
    lines = (DATA_DIR / "organisations_actor_cues.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def _cued(before: str) -> bool:
    """True when the text ``before`` a domain ends in a cue word, maybe with one lower-case adjective after it."""
    words = WORD.findall(before[-80:])
    if not words:
        return False
    if words[-1].casefold() in actor_cues():
        return True
    return len(words) >= 2 and words[-1][:1].islower() and words[-1].endswith(("en", "e")) \
        and words[-2].casefold() in actor_cues()


def find_domains(sc: Scan) -> list[Mention]:
    """Mentions of web domains in actor position, left to right."""
    out: list[Mention] = []
    for m in DOMAIN.finditer(sc.text):
        line_start = sc.text.rfind("\n", 0, m.start()) + 1
        before = sc.text[line_start:m.start()]
        if before.rstrip().endswith(":") or not _cued(before):
            continue        # 'Montage: x.org' is a credit line
        out.append(Mention(m.start(1), m.end(1), m.group(1), sc.lx.canonical_of(m.group(1)), source="domain"))
    return out
