"""Person-name rules over token texts.

* full names: one or more given names (or initials, 'Klaus D. Grote'), optional
  name particles ('von der'), then a capitalised surname: 'Jan Erik Bohling',
  'Klaus Peter Söllner', 'Ursula von der Leyen', 'Frank-Walter Steinmeier'.
  Titles ('Dr.', 'Prof.') stay outside the span.
* context names: a person-context word (role, 'Herr', 'Frau', title) followed by
  a capitalised word that is no ordinary word and no place: 'Landrat Müller'.

Functions take the list of token texts and return ``(start, end)`` token spans.
"""
from __future__ import annotations

import re

from .lexicons import Lexicons

# Name particles: a particle group starts with one of PARTICLES ('von', 'van', 'de')
# and may go on with PARTICLES_NEXT ('von der Leyen', 'van den Berg', 'von und zu').
PARTICLES = {"von", "van", "de", "zu", "di", "da", "del", "della", "le", "la", "ten", "ter", "dos", "du", "bin", "ibn",
             "af", "al", "el"}
PARTICLES_NEXT = {"der", "den", "dem", "la", "le", "de", "und", "zu", "los"}
_ROMAN = re.compile(r"^(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})\.?$")
SAINT = {"St.", "Sankt", "San", "Santa", "Santo", "São", "Saint", "Ste.", "Sainte"}   # 'St. Martin', 'San Marino'
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_NAME_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿ]+(?:['’][A-Za-zäöüß]+)?(?:-[A-ZÄÖÜ][a-zäöüßà-ÿ]+)*$")
# Words after which a name-like sequence is a street, building, prize or foundation,
# not a person ('Paul Ehrlich Institut', 'Konrad Adenauer Straße').
NOT_PERSON_NEXT = {"Straße", "Str.", "Platz", "Allee", "Weg", "Ring", "Gasse", "Damm", "Ufer", "Brücke", "Park", "Haus",
                   "Halle", "Schule", "Gymnasium", "Realschule", "Grundschule", "Gesamtschule", "Institut", "Stiftung",
                   "Preis", "Medaille", "Kaserne", "Klinik", "Krankenhaus", "Zentrum", "Center", "Arena", "Stadion",
                   "Kirche", "Universität", "Hochschule", "Bibliothek", "Museum", "Theater", "Saal", "Turm", "Bau",
                   "GmbH", "AG", "e.V.", "KG", "Verlag", "Gesellschaft", "Award", "Festival", "Bank", "Hotel"}
_NOT_PERSON_SUFFIX = tuple(w.lower() for w in NOT_PERSON_NEXT if w.isalpha())


def is_given(w: str, lex: Lexicons) -> bool:
    if w in lex.given_names:
        return True
    if "-" in w:
        parts = w.split("-")
        return len(parts) <= 3 and all(p in lex.given_names for p in parts)
    return False


def is_surname(w: str, lex: Lexicons, after_given: bool = True) -> bool:
    """A capitalised word that can end a person's name.

    After a given name, role words are fine surnames ('Michael Richter', 'Anna Kaiser');
    without one ('Landrat Richter'?) they are not."""
    if len(w) < 2 or not _NAME_WORD.match(w):
        return False
    if w.lower() in lex.stop_words or (not after_given and w in lex.roles):
        return False
    last = w.rsplit("-", 1)[-1].lower()
    if "-" in w and last.endswith(_NOT_PERSON_SUFFIX):
        return False
    if w in NOT_PERSON_NEXT or w in lex.org_heads:
        return False
    return True


def full_names(words: list[str], lex: Lexicons) -> list[tuple[int, int]]:
    out = []
    n = len(words)
    i = 0
    while i < n:
        if not is_given(words[i], lex) or (i > 0 and words[i - 1] in SAINT):
            i += 1
            continue
        j = i + 1
        while j < n and j < i + 4 and (is_given(words[j], lex) or _INITIAL.match(words[j])):
            j += 1
        k = j
        if k < n and words[k] in PARTICLES:
            k += 1
            while k < n and k < j + 3 and words[k] in PARTICLES_NEXT:
                k += 1
        end = None
        if k < n and _ROMAN.match(words[k]) and k == j and len(words[k]) <= 5:
            end = k + 1                    # 'Benedikt XVI', 'Karl V.'
        elif (k < n and is_surname(words[k], lex)
              and (k == j or (words[k] not in lex.common_caps and words[k] not in lex.loc))):
            end = k + 1
            # a second surname word ('Sabine Leutheusser Schnarrenberger'), when it is
            # no ordinary word, place, role or organisation word
            if (end < n and is_surname(words[end], lex, after_given=False) and words[end] not in lex.common_caps
                    and words[end] not in lex.loc and not is_given(words[end], lex)
                    and (end + 1 == n or not words[end + 1][:1].isupper())):
                end += 1
            elif words[k] in lex.roles and end < n and words[end][:1].isupper():
                end = None                 # 'Friedrich Wilhelm Prinzessin Victoria': a title, not a surname
                if k == j and j - i >= 2:
                    end = j
        elif k == j and j - i >= 2 and not _INITIAL.match(words[j - 1]):
            end = j                        # 'Thomas Walter': the last given name is the surname
        elif k == j and j - i >= 2 and _ROMAN.match(words[j - 1]):
            end = j                        # 'Karl V.'  (read as an initial above)
        if end is None or (end < n and words[end] in NOT_PERSON_NEXT):
            i = j if j > i + 1 else i + 1
            continue
        out.append((i, end))
        i = end
    return out


def context_names(words: list[str], lex: Lexicons, taken: set[int]) -> list[tuple[int, int]]:
    """'Landrat Müller', 'Frau Dr. Schneider', 'Präsident Obama' (a single surname after a context word)."""
    out = []
    n = len(words)
    for i, w in enumerate(words[:-1]):
        if w not in lex.roles:
            continue
        k = i + 1
        while k < n and words[k] in ("Dr.", "Prof.", "h.c.", "med.", "rer.", "nat.", "phil.", "jur.", "Ing."):
            k += 1
        if k >= n or k in taken:
            continue
        s = words[k]
        if not is_surname(s, lex, after_given=False) or s in lex.common_caps or s in lex.loc or is_given(s, lex):
            continue
        if s.endswith("s") and s[:-1] in lex.loc:          # genitive of a place: 'Landrat Gifhorns'
            continue
        end = k + 1
        # up to two more name words: 'Ministerpräsident Ehud Olmert', 'Dichter Gotthold Ephraim Lessing'
        while end < n and end < k + 3 and end not in taken and _NAME_WORD.match(words[end]) \
                and is_surname(words[end], lex, after_given=False) and words[end] not in lex.common_caps \
                and words[end] not in lex.loc:
            end += 1
        if end < n and words[end] in NOT_PERSON_NEXT:
            continue
        out.append((k, end))
    return out


def _plain_surname(s: str, lex: Lexicons) -> bool:
    return (is_surname(s, lex, after_given=False) and s not in lex.common_caps and s not in lex.loc
            and not (s.endswith("s") and s[:-1] in lex.loc) and not is_given(s, lex))


def speaker_names(words: list[str], lex: Lexicons, taken: set[int]) -> list[tuple[int, int]]:
    """'..., sagte Müller.' - a surname right after a verb of saying, followed by
    punctuation or a lower-case word."""
    out = []
    n = len(words)
    for i, w in enumerate(words[:-1]):
        if w not in lex.speech_verbs:
            continue
        k = i + 1
        if k in taken or not _plain_surname(words[k], lex):
            continue
        if k + 1 < n and (words[k + 1][:1].isupper() or words[k + 1] in NOT_PERSON_NEXT):
            continue
        out.append((k, k + 1))
    return out


# A given name standing alone in mid-sentence ('..., sagte Anja.') is read as a
# person only when at least this many newborns carry it: rarer entries of the
# list are more often words or surnames. Calibrated on the GermEval rule
# development slice (100 kept precision of these spans above 0.8).
GIVEN_ALONE_MIN = 100
GIVEN_ALONE_START_MIN = 500   # same slice; at a sentence start the name must be much more common
DETERMINERS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein",
               "keine", "keinen", "sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "ihrer",
               "dieser", "diese", "diesen", "diesem", "dieses", "jeder", "jede", "jeden", "jedem", "mein", "meine",
               "meinen", "unser", "unsere", "unseren", "zum", "zur", "im", "am", "vom", "beim", "ins", "ans"}


def lone_given_names(words: list[str], lex: Lexicons, taken: set[int]) -> list[tuple[int, int]]:
    out = []
    n = len(words)
    for i, w in enumerate(words):
        cnt = lex.given_names.get(w, 0)
        if i in taken or cnt < GIVEN_ALONE_MIN or w in lex.common_caps:
            continue
        prev = words[i - 1] if i else "."
        if prev in (".", "!", "?", ":", "„", "“", '"', "«", "»", "(", "–"):
            # at a sentence start only well-established names before a lower-case word ('Michael sagt')
            if cnt < GIVEN_ALONE_START_MIN or i + 1 >= n or not words[i + 1][:1].islower():
                continue
            prev = ""
        if prev in SAINT:
            continue
        # 'der Roman', 'seinen Oscar': a determiner makes it a noun; 'Elton John':
        # a capitalised word before it is an unknown first name
        if prev.lower() in DETERMINERS or (prev[:1].isupper() and prev not in lex.roles):
            continue
        if i + 1 < n and (words[i + 1][:1].isupper() or _INITIAL.match(words[i + 1]) or words[i + 1] in PARTICLES):
            continue
        out.append((i, i + 1))
    return out
