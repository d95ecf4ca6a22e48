"""A unit inside another body ('Abteilung X', 'Geschäftsstelle des Y', 'Aufbaustab III'): when it is
an organisation of its own and when it is only a part or a designation.

``drop_units(scan, mentions)`` takes the ``Scan`` and the mentions of all steps and gives them without
the uncatalogued mentions whose name opens with a unit head (``organisations_heads.csv`` column unit)
and that name no organisation by these rules:

- after an indefinite article ('einer Geschäftsstelle X', 'eine Abteilung für Y'): a kind of unit;
- the name after the head is only a number ('Aufbaustab III', 'Referat 2'): a designation;
- an office with only its owner after it ('die Geschäftsstelle des Verbandes X'): the owner's own
  office, no name of its own (kind office);
- a department with a name but no owner named with it ('übernimmt das Dezernat für X', 'die
  Abteilung Y leitete'): a department of unnamed owner, no organisation (kind department);
  'die Abteilung Y im Landratsamt Z' / '... der Stadtverwaltung' names its owner and stays.
"""
from __future__ import annotations

import re

from .heads import _indefinite_before
from .names import Mention
from .scan import Scan

NUMBER = re.compile(r"^(\d+[a-z]?|[IVXL]+)\.?$")
# words that join a unit to its owner: 'im Landratsamt X', 'in der Stadtverwaltung', 'des Ministeriums', 'beim Kreis'
OWNER_LINKS = {"im", "beim", "des", "der", "in", "vom", "am"}


def _owner_after(sc: Scan, b: int) -> bool:
    """An owner is named right after token b-1: a joining word ('im', 'der', 'in der') and a capitalised word."""
    words = sc.words
    if b >= sc.n or words[b] not in OWNER_LINKS:
        return False
    k = b + 1
    if words[b] == "in" and k < sc.n and words[k] in ("der", "dem"):
        k += 1
    while k < sc.n and words[k][:1].islower() and words[k] not in OWNER_LINKS and k - b <= 3:
        k += 1                                      # 'im neuen Landratsamt'
    return sc.cap(k)


def _not_a_name(sc: Scan, a: int, b: int, k: int, kind: str) -> bool:
    """True when the unit head at token k (mention tokens a..b-1) names no organisation (rules above)."""
    words = sc.words
    rest = [w for w in words[k + 1:b] if w not in ("„", "“", "\"")]
    if _indefinite_before(sc, a):
        return True
    if rest and all(NUMBER.match(w) for w in rest):
        return True
    if kind == "office" and rest and rest[0] in ("des", "der"):
        return True
    if kind == "department" and rest and rest[0] not in ("des", "der"):
        owned = any(w in OWNER_LINKS for w in rest[1:])  # 'Abteilung X im Landratsamt Y' taken in whole
        return not owned and not _owner_after(sc, b)
    return False


def drop_units(sc: Scan, mentions: list[Mention]) -> list[Mention]:
    """The mentions without the units that name no organisation (module docstring)."""
    starts = {s: k for k, (s, _, _) in enumerate(sc.toks)}
    ends = {e: k for k, (_, e, _) in enumerate(sc.toks)}
    dropped: list[tuple[int, int]] = []
    for m in mentions:
        if m.name and m.tax is None and m.source != "bare" and m.start in starts and m.end in ends:
            a, b = starts[m.start], ends[m.end] + 1
            k = next((j for j in range(a, min(b, a + 3)) if sc.lx.head_of(sc.words[j])), None)
            hd = sc.lx.head_of(sc.words[k]) if k is not None else None
            if hd and hd[0].unit and _not_a_name(sc, a, b, k, hd[0].unit):
                dropped.append((m.start, m.end))
    # a part of a dropped unit's name is no name either ('Digitale Gesellschaft' of 'Abteilung Digitale
    # Gesellschaft'); a catalogued owner inside stays ('... des Verbandes X')
    return [m for m in mentions if not any(s <= m.start and m.end <= e and (m.tax is None or (s, e) == (m.start, m.end))
                                           for s, e in dropped)]
