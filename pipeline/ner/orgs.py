"""Organisation patterns over token texts.

* heads with a name complement: 'Ministerium für Inneres und Sport',
  'Bundesamt für Sicherheit in der Informationstechnik', 'Landratsamt Gifhorn';
* heads with a proper adjective: 'Niedersächsisches Ministerium ...',
  'Statistisches Bundesamt', 'Nationaler Normenkontrollrat';
* compound heads: 'Innenministerium', 'Bundesinnenministerium' (one token);
* legal forms: '... GmbH', '... e.V.', '... AöR', 'GmbH & Co. KG';
* acronyms defined in the text: 'Nationaler Normenkontrollrat (NKR)'.

The head words, suffixes and legal forms live in pipeline/data/ner_org_patterns.json.
"""
from __future__ import annotations

import re

from . import streets
from .lexicons import Lexicons

_SENT_END = {".", "!", "?", ":", "„", "“", '"', "«", "»", "(", "–", "-"}
_PROPER_ADJ = re.compile(r"^[A-ZÄÖÜ][a-zäöüß-]*(?:isch|isches|ische|ischer|ischen|er)$")
_ISCH = re.compile(r"^[A-ZÄÖÜ][a-zäöüß-]*isch(?:e|es|er|en)?$")
_ADJ = re.compile(r"^[A-ZÄÖÜ][a-zäöüß-]*(?:e|es|er|en)$")
_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9.&/-]{1,11}$")
_CAP = re.compile(r"^[A-ZÄÖÜ0-9]")
_DETS = {"der", "die", "das", "des", "dem", "den"}
_LOCATIVE = {"in", "im", "am", "an", "bei", "beim"}


def _cap(w: str) -> bool:
    return bool(_CAP.match(w)) and any(c.isalpha() for c in w)


def _loc_len(words: list[str], k: int, lex: Lexicons) -> int:
    """Length of the longest place name from the LOC lexicon starting at token k (0 if none)."""
    for n in (4, 3, 2, 1):
        if k + n <= len(words) and " ".join(words[k:k + n]) in lex.loc:
            return n
    return 0


_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def _complement(words: list[str], k: int, lex: Lexicons, generic: bool = False) -> int:
    """End of a name complement starting at k ('für Inneres und Sport', 'Gifhorn'); k when none.

    A generic head ('Amt', 'Regierung', 'Gericht') takes only 'für ...' or a place:
    'Gericht der Antragstellerin' is no name."""
    n = len(words)
    if k >= n:
        return k
    w = words[k]
    if generic and w in lex.org_complement and w != "für":
        w = ""
    if w in lex.org_complement and w not in ("-", "/", "&", "und"):
        end = k
        j = k
        while j < n:
            # a group: complement words ('für', 'des', 'und für'), optional determiner,
            # then a capitalised word. After the first group a locative preposition
            # continues the name only before a determiner ('in der Informationstechnik'),
            # not before a bare place ('... und Sport in Gifhorn').
            if words[j] not in lex.org_complement:
                break
            if words[j] in _LOCATIVE and not (j + 1 < n and words[j + 1] in _DETS):
                break
            m = j
            prep = False
            while m < n and m < j + 3 and words[m] != "/":
                if words[m] in lex.org_complement:
                    prep = prep or words[m] not in ("und", "&", "-")
                elif not (words[m] in _DETS and prep):   # 'für die', 'in der'; not 'und das'
                    break
                m += 1
            if words[j] in _LOCATIVE and m < n and streets.street_at(words, m, lex):
                break                                     # 'Bürgeramt in der Bayreuther Straße'
            if (m < n and _cap(words[m]) and words[m].lower() not in lex.stop_words
                    and words[m] not in lex.org_heads):
                end = m + 1
                # an attributive adjective takes its noun: 'für Digitale Strategie', 'Ländlichen Raum'
                if (end < n and words[m].endswith(_ADJ_ENDINGS) and _cap(words[end])
                        and words[end].lower() not in lex.stop_words and words[end] not in lex.org_heads
                        and words[end] not in lex.given_names and words[end] not in lex.loc):
                    end += 1
                j = end
            else:
                break
        return end
    ln = _loc_len(words, k, lex)
    if ln:
        return k + ln
    if w in lex.place_bases or (_ACRONYM.match(w) and w.upper() == w):
        return k + 1
    return k


def _sentence_start(words: list[str], i: int) -> bool:
    return i == 0 or words[i - 1] in _SENT_END


def pattern_orgs(words: list[str], lex: Lexicons) -> list[tuple[int, int]]:
    out = []
    n = len(words)
    for i, w in enumerate(words):
        low = w.lower()
        is_head = w in lex.org_heads or (w[:1].isupper() and low in lex.org_suffixes)
        is_compound = (not is_head and len(w) > 8 and w[:1].isupper() and low.endswith(lex.org_suffixes))
        if not (is_head or is_compound):
            continue
        generic = w in lex.generic_heads
        start = i
        while start > 0 and start > i - 2:
            a = words[start - 1]
            if a.lower() in lex.stop_words or a in lex.roles:
                break
            if generic:
                ok = bool(_ISCH.match(a))        # 'Europäische Kommission', not 'Warschauer Regierung'
            else:
                ok = bool(_PROPER_ADJ.match(a) or (_ADJ.match(a) and not _sentence_start(words, start - 1)))
            if ok:
                start -= 1
            else:
                break
        end = _complement(words, i + 1, lex, generic)
        if is_compound or start < i or end > i + 1:
            out.append((start, end))
    return out


def club_orgs(words: list[str], lex: Lexicons) -> list[tuple[int, int]]:
    """'FC Bayern', 'Werder Bremen', 'TSV 1860 München': a club prefix before a place."""
    out = []
    n = len(words)
    for i, w in enumerate(words[:-1]):
        if w not in lex.club_prefixes:
            continue
        k = i + 1
        if words[k].isdigit() and k + 1 < n:
            k += 1
        ln = _loc_len(words, k, lex)
        if ln:
            ln2 = _loc_len(words, k + ln, lex)     # 'FC Bayern München'
            out.append((i, k + ln + ln2))
    return out


def legal_form_orgs(words: list[str], lex: Lexicons) -> list[tuple[int, int]]:
    out = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if w not in lex.legal_forms or i == 0:
            i += 1
            continue
        start = i
        j = i - 1
        while j >= 0 and j > i - 7:
            a = words[j]
            if a in ("&", "+", "-", "und") and j > 0 and _cap(words[j - 1]):
                j -= 1
                continue
            if (_cap(a) and a.lower() not in lex.stop_words and a not in lex.roles and a not in _SENT_END
                    and a not in lex.company_prefix):
                start = j
                j -= 1
                continue
            break
        if start == i:
            i += 1
            continue
        end = i + 1
        if end + 2 < n and words[end] == "&" and words[end + 1] in ("Co.", "Co") and words[end + 2] in lex.legal_forms:
            end += 3
        out.append((start, end))
        i = end
    return out


def acronym_definitions(words: list[str], lex: Lexicons, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, int, int, str]]:
    """'Long Form (ACR)' -> [(long_start, long_end, acr_index, _, label)].

    The long form is an entity found by the other layers that ends right before the
    parenthesis (its label is kept), or capitalised words before it whose last word
    ends like an organisation (``acronym_heads``) and whose first letter is the
    acronym's first letter.
    """
    out = []
    ends = {e: (s, lb) for s, e, lb in ents}
    n = len(words)
    for i in range(1, n - 2):
        if words[i] != "(" or words[i + 2] != ")":
            continue
        acr = words[i + 1]
        if not _ACRONYM.match(acr):
            continue
        if i in ends:
            s, lb = ends[i]
            # an organisation's long form, or a place whose words begin with the acronym's letters
            if lb == "ORG" or (lb == "LOC" and words[s][:1].upper() == acr[0].upper()):
                out.append((s, i, i + 1, i + 2, lb))
            continue
        found = _long_form(words, i, acr, lex)
        if found is not None:
            out.append((found, i, i + 1, i + 2, "ORG"))
    return out


_LONG_FORM_LINKS = {"für", "der", "des", "und", "in", "im", "-", "&", "von", "zur", "zum"}


def _long_form(words: list[str], i: int, acr: str, lex: Lexicons) -> int | None:
    """Start of an organisation's long form ending before the '(' at i, or None.

    The words back from the parenthesis must be capitalised words or links
    ('für', 'der', '&'); the long form must contain an organisation word
    (ending in ``acronym_heads``: 'Zweckverband', 'Normenkontrollrat') and
    either the acronym's letters are the initials of its capitalised words
    ('Zweckverband Digitale Kommunen (ZDK)') or it starts with the acronym's
    first letter and ends with the organisation word ('Nationaler Normenkontrollrat (NKR)').
    """
    letters = "".join(c for c in acr if c.isalpha()).upper()
    best = None
    has_head = False
    caps: list[str] = []
    j = i - 1
    while j >= 0 and j >= i - 8:
        a = words[j]
        if _cap(a) and a.lower() not in lex.stop_words and a not in lex.roles:
            caps.insert(0, a)
            low = a.lower()
            has_head = has_head or low.endswith(lex.acronym_heads) or a in lex.org_heads
            initials = "".join(w[0] for w in caps).upper()
            if has_head and a[0].upper() == letters[:1]:
                if initials == letters or (j == i - 1 or words[i - 1].lower().endswith(lex.acronym_heads)):
                    best = j
        elif a in _LONG_FORM_LINKS and j > 0:
            pass
        else:
            break
        j -= 1
    return best


# Long forms that name a law, rule, programme or technique, not an organisation
# ('Onlinezugangsgesetz (OZG)', 'Single Digital Gateway-Verordnung (SDG-VO)').
_NON_ENTITY_HEADS = ("gesetz", "gesetzes", "verordnung", "richtlinie", "vertrag", "vertrags", "abkommen", "programm",
                     "programms", "prinzip", "standard", "norm", "satzung", "strategie", "verfahren", "system",
                     "systems", "konzept", "plan", "plans", "katalog", "gesetzbuch", "ordnung", "vorschrift")


def non_entity_acronyms(words: list[str]) -> set[str]:
    """Acronyms defined right after a law/programme word: 'Onlinezugangsgesetz (OZG)'."""
    out = set()
    for i in range(1, len(words) - 2):
        if words[i] == "(" and words[i + 2] == ")" and _ACRONYM.match(words[i + 1]):
            if words[i - 1].lower().endswith(_NON_ENTITY_HEADS):
                out.add(words[i + 1])
    return out
