"""Step 2: names built on an organisation head noun (``organisations_heads.csv``).

``find_heads(scan, taxonomy_mentions)`` takes the ``Scan`` and the step-1
mentions (a catalogued name right after a head is the head's name) and gives
one ``Mention`` per head occurrence: source 'head' for a named organisation,
source 'bare' (empty name) for a head standing alone.

Constructions: 'Ministerium für X (und Y)', 'Niedersächsisches Ministerium ...',
'Finanzministerium von Sachsen-Anhalt', a Land or a seat after the 'für'
complement ('Landesamt für Steuern Niedersachsen'), 'Landratsamt X' /
'Kulmbacher Landratsamt', 'Zweckverband KDOS', 'Bezirksamt Mitte' (name kind
'district'), compounds that stand alone ('Bundesverkehrsministerium'), a legal
form right after ('IT-Verbund Schleswig-Holstein AöR'). A head with only a
place is keyed '<head>@<place>' so 'Berliner Senat' = 'Senat von Berlin'.
"""
from __future__ import annotations

import re

from .lexicon import ACRONYM, ADJ, CONNECT, DETERMINERS, GENERIC, LEGAL, QUOTES, Head
from .apposition import _name_end, class_noun
from .names import Mention, _nom_range
from .scan import Scan
from .words import _function_word, _is_role_word, _place_noun_word


def name_after(sc: Scan, j: int, kind: str, tax_end: dict[int, int]) -> int:
    """End token of a name after a head at j (j when none). ``kind`` is the head's name kind
    (none / place / acronym / district / topic); ``tax_end`` maps a catalogued name's first token to
    its end."""
    n, words, gz = sc.n, sc.words, sc.gz
    if kind == "none" or j >= n:
        return j
    if kind in ("place", "acronym", "district"):
        if j in tax_end:                                    # 'Zweckverband Kommunale Datenverarbeitung ...'
            return tax_end[j]
        k = sc.is_place(j)
        if k and not (kind == "district" and sc.compound_end(j) > j + k):
            return j + k
        if (ACRONYM.match(words[j]) or DIGIT_ACRONYM.match(words[j])) and words[j] not in GENERIC:
            return sc.compound_end(j)                       # 'Zweckverband KDOS', 'Zweckverband 4IT'
        if kind == "district" and sc.district_name(j):
            return sc.compound_end(j)                       # 'Bezirksamt Mitte', '... Hamburg-Nord'
        return j
    # topic: capitalised words joined by 'und' / ','
    end = j
    k = j
    while k < n and sc.cap(k) and (words[k] not in GENERIC or k > j) and words[k] not in gz.given_names \
            and words[k].casefold() not in DETERMINERS and not (words[k][1:].islower() and _function_word(words[k])):
        adj = ADJ.match(words[k])
        k = sc.compound_end(k)
        end = k
        if adj and sc.cap(k):
            continue                                        # 'Digitale Verwaltung'
        if k < n - 1 and words[k] in CONNECT and sc.cap(k + 1) and words[k + 1] not in gz.given_names:
            k += 1
            continue
        break
    return end


def qual_after(sc: Scan, j: int, head: Head) -> int:
    """End token of the head's qualifier starting at j ('von Sachsen-Anhalt', 'des Landes Berlin',
    'für Inneres und Sport Niedersachsen'); j when the word at j is none of the head's qualifiers."""
    n, words = sc.n, sc.words
    if j >= n or words[j] not in head.qual:
        return j
    w = words[j]
    k = j + 1
    if w == "von":
        p = sc.is_place(k)
        return k + p if p else j
    if w in ("des", "der") and k < n and words[k] in ("Landes", "Freistaates", "Freistaats", "Bundes"):
        p = sc.is_place(k + 1)
        return k + 1 + p if p else k + 1
    return _complement_end(sc, j, k, w)


def _complement_end(sc: Scan, j: int, k: int, w: str) -> int:
    """End token of a complement list after the qualifier word ``w`` at j (items from k): capitalised
    items joined by 'und' / ',' / 'und für', then a Land, a seat ('für' only), 'der Stadt X' or
    'in X'. A comma not closed by 'und' ends the name before it ('für X, Y' + something else)."""
    n, words, gz = sc.n, sc.words, sc.gz
    end = j
    comma_end = None        # end before a comma that no 'und' has closed yet: 'für X, Y und Z'
    while k < n:
        while k < n and ADJ.match(words[k].capitalize()) and words[k][:1].islower():
            k += 1                                          # 'für digitale Infrastruktur'
        if not sc.cap(k):
            break
        adj = sc.attributive(k)
        k = _slash_compound_end(sc, k)
        end = k
        if adj and sc.cap(k) and words[k] not in gz.given_names and not sc.is_place(k):
            continue                                        # 'für Digitale Strategie', 'Ländlichen Raum'
        if adj and sc.is_place(k):
            end = k + sc.is_place(k)                        # 'der Freien Hansestadt Bremen'
            break
        if k < n - 2 and words[k] in ("und", ",") and words[k + 1] == "für" and sc.cap(k + 2):
            comma_end = None                                # 'der Justiz und für Demokratie', 'des Innern, für Bau'
            k += 2
            continue
        if k < n - 1 and words[k] in CONNECT and _person_item(sc, k + 1):
            break                                           # '... der Verteidigung und Direktorin X': a person
        if k < n - 1 and words[k] in CONNECT and (sc.cap(k + 1) or words[k + 1][:1].islower()
                                                  and ADJ.match(words[k + 1].capitalize())):
            comma_end = None if words[k] != "," else (comma_end or end)
            k += 1
            continue
        end = _place_after_items(sc, k, w, end, comma_end)
        break
    return comma_end or end


def _person_item(sc: Scan, k: int) -> bool:
    """The item at token k is a person, not a complement: a role word (also as the last part of a hyphen
    compound: 'Muster-Direktorin') or a given name."""
    e = sc.compound_end(k)
    return sc.cap(k) and (_is_role_word(sc.words[e - 1]) or sc.words[k] in sc.gz.given_names)


def _place_after_items(sc: Scan, k: int, w: str, end: int, comma_end: int | None) -> int:
    """End token after the complement items when a place follows at k: a Land or a seat
    ('... und Verbraucherschutz Baden-Württemberg'), 'der Stadt Nürnberg', 'in X'; else ``end``."""
    n, words = sc.n, sc.words
    st = sc.state_at(k) or (sc.town_at(k) if w == "für" else 0)
    if st and comma_end is None:
        return k + st
    if k < n - 2 and words[k] in ("der", "des") and sc.place_nouns.get(words[k + 1]):
        p = sc.is_place(k + 2)                              # '... der Stadt Nürnberg', '... des Landes NRW'
        return k + 2 + p if p else end
    if k < n - 1 and words[k] in ("in", "der", "des") and (sc.is_place(k + 1) or sc.cap(k + 1)):
        p = sc.is_place(k + 1)
        if not p and (words[k] == "in" or _place_noun_word(words[k + 1], sc.place_nouns)):
            return end                                      # 'in Zusammenarbeit', 'der Wissenschaftsstadt'
        return k + 1 + p if p else _slash_compound_end(sc, k + 1)
    return end


def _slash_compound_end(sc: Scan, j: int) -> int:
    """Index after a compound at j whose parts are glued by '-' or '/' ('CDU/CSU-Bundestagsfraktion')."""
    k = sc.compound_end(j)
    while k + 1 < sc.n and sc.words[k] == "/" and sc.glued(k - 1, k) and sc.glued(k, k + 1) and sc.cap(k + 1):
        k = sc.compound_end(k + 1)
    return k


def head_place_key(sc: Scan, nom: str, pre: int, start_i: int, i: int, end: int, city: str | None) -> str:
    """'<head>@<place>' for a name that is only a head and a place, however the place is written:
    'Berliner Senat' / 'Senat von Berlin' / 'Senat des Landes Berlin', 'Kulmbacher Landratsamt' /
    'Landratsamt Kulmbach'; empty for any other name."""
    words = sc.words
    place = ""
    if city:
        place = city
    elif pre == start_i - 1 and end == i + 1:
        place = sc.gz.adjective_state(words[pre]) or ""
    elif pre == start_i and end > i + 1:
        k = i + 1
        if words[k] in ("von", "der", "des"):
            k += 1
            if k < end and words[k] in ("Landes", "Freistaates", "Freistaats", "Stadt"):
                k += 1
        while k < end - 1 and sc.is_place(k) != end - k and (sc.cap(k) or words[k] == "und"):
            k += 1                                          # 'der Freien und Hansestadt Hamburg'
        if k < end and sc.is_place(k) == end - k:
            place = sc.official(k, end)
    return f"{nom.casefold()}@{place}" if place else ""


def _compound_start(sc: Scan, i: int) -> int:
    """First token of the hyphen compound ending in the head at i ('IT-Verbund' -> 'IT'; 'Städte- und
    Gemeindebund' -> 'Städte')."""
    words, glued = sc.words, sc.glued
    start_i = i
    while start_i >= 2 and words[start_i - 1] == "-" and glued(start_i - 1, start_i) \
            and glued(start_i - 2, start_i - 1):
        start_i -= 2
    if start_i >= 3 and words[start_i - 1] in ("und", "oder") and words[start_i - 2] == "-" \
            and glued(start_i - 3, start_i - 2) and sc.cap(start_i - 3):
        start_i -= 3
    return start_i


DIGIT_ACRONYM = re.compile(r"^\d[A-ZÄÖÜ]{2,}$")
INDEFINITE = {"ein", "eine", "eines", "einem", "einen", "einer", "kein", "keine", "keines", "keinem", "keinen"}


def _indefinite_before(sc: Scan, i: int) -> bool:
    """An indefinite article before token i, over up to two lower-case adjectives ('eines Digitalministeriums',
    'ein eigenes Digitalministerium'): the noun names a kind of body, not one named body."""
    k = i - 1
    while k >= 0 and i - k <= 3 and sc.words[k][:1].islower() and sc.words[k] not in INDEFINITE \
            and sc.words[k].endswith(("e", "en", "er", "es", "em")):
        k -= 1
    return k >= 0 and sc.words[k].casefold() in INDEFINITE


def _is_party(sc: Scan, k: int) -> bool:
    """Token k is a party of the taxonomy (category 'Partei': 'CDU', 'Grünen')."""
    t = sc.lx.exact.get((sc.words[k],)) if 0 <= k < sc.n else None
    return t is not None and sc.lx.taxa[t].category == "Partei"


def _party_start(sc: Scan, i: int, start_i: int) -> int | None:
    """First token of the parties a group head is named after ('CDU/CSU-Bundestagsfraktion' -> 'CDU',
    'Grünen Bundestagsfraktion' -> 'Grünen'); None when no party is part of the name."""
    words, glued = sc.words, sc.glued
    k = start_i
    while k >= 2 and words[k - 1] == "/" and glued(k - 1, k) and glued(k - 2, k - 1) and sc.cap(k - 2):
        k -= 2                                              # 'CDU/CSU', 'FDP/FW'
    if k < i and any(_is_party(sc, j) for j in range(k, i)):
        return k
    if k == i and _is_party(sc, i - 1):
        return i - 1
    return None


def _words_before(sc: Scan, start_i: int, head: Head) -> tuple[int, str | None]:
    """(first token, city) of the words before the head's compound: adjectives ('Niedersächsischen
    Ministerium'), any capitalised word before an English head ('Competence Center'), a Land adjective
    ('Thüringer Finanzministerium'); a city adjective before a place-named head gives the city
    ('Kulmbacher Landratsamt' -> 'Kulmbach') and no extra token."""
    words, gz = sc.words, sc.gz
    pre = start_i
    city = None
    while pre > 0 and (ADJ.match(words[pre - 1]) or (head.suffix in ("center", "centre", "lab", "office", "campus")
                                                     and sc.cap(pre - 1) and words[pre - 2:pre - 1] != ["."]
                                                     and not class_noun(words[pre - 1]))):
        pre -= 1
    if pre == start_i and pre > 0 and (head.name_kind not in ("place", "district") or words[pre - 1][:1].islower()) \
            and gz.adjective_state(words[pre - 1]):
        pre -= 1                                            # 'Thüringer Finanzministerium'
    if pre == start_i and start_i > 0 and gz.city_adjective(words[start_i - 1]) and head.name_kind == "place":
        city = gz.city_adjective(words[start_i - 1])[0]    # 'Kulmbacher Landratsamt' -> 'Landratsamt Kulmbach'
    return pre, city


def _quoted_name(sc: Scan, i: int) -> int | None:
    """Index of the closing quote when the head at i is followed by a quoted short name, one token of
    capitals or digits ('Zweckverband „4IT“', 'Verbund „KDN“'); else None. A quoted phrase of words
    ('Initiative „Digitales Amt“') is a title, not the name of the body."""
    j = i + 1
    if j + 2 >= sc.n or sc.words[j] not in QUOTES or sc.words[j + 2] not in QUOTES:
        return None
    w = sc.words[j + 1]
    return j + 2 if (w.isupper() or w[:1].isdigit()) and len(w) >= 2 else None


def _head_end(sc: Scan, i: int, head: Head, tax_end: dict[int, int]) -> int:
    """End token of the name after the head at i: its own name, then its qualifier."""
    end = name_after(sc, i + 1, head.name_kind, tax_end)
    end = max(end, qual_after(sc, end, head)) if end > i + 1 or head.qual else end
    if end == i + 1:
        end = max(end, qual_after(sc, i + 1, head))
    return end


def _head_mention(sc: Scan, i: int, head: Head, nom: str, tax_end: dict[int, int]) -> Mention:
    """The mention of the head at i: a bare head (no name, no adjective, no self-standing compound
    prefix) or the named organisation with its span, nominative name, legal form and grouping key."""
    toks, words, gz, lx = sc.toks, sc.words, sc.gz, sc.lx
    start_i = _compound_start(sc, i)
    end = _head_end(sc, i, head, tax_end)
    pre, city = _words_before(sc, start_i, head)
    party = _party_start(sc, i, start_i) if head.party_prefix else None
    if party is not None:
        start_i = pre = min(pre, party)
    prefix = nom[: len(nom) - len(head.suffix)] if nom.casefold().endswith(head.suffix) else ""
    self_standing = bool(prefix and head.self_prefix and head.self_prefix.match(prefix)) \
        or (head.name_kind == "acronym" and start_i == i - 2 and len(words[start_i]) >= 4  # 'ABCD-Lenkungsgruppe'
            and bool(ACRONYM.match(words[start_i])) and words[start_i].isupper()) \
        or (start_i == i - 3 and words[i - 1] in ("und", "oder") and words[start_i].endswith(("e", "er", "en")))
    # 'Städte- und Gemeindetag': a body of members named in the plural is one; 'Haupt- und Personalamt' no
    if head.name_kind == "topic" and end > i + 1 and pre == start_i and _indefinite_before(sc, start_i):
        end = i + 1                     # 'eine eigene Abteilung für X': a unit to be set up, no named body
    if nom in GENERIC and i + 2 < sc.n and words[i + 1] in ("der", "des") and _is_role_word(words[i + 2]):
        end = i + 1                     # 'das Amt der Staatssekretärin': a person's office, no body
    if end == i + 1 and start_i == i and not self_standing and (_indefinite_before(sc, pre) or (
            nom in GENERIC and all(ADJ.match(w) and not gz.adjective_state(w) for w in words[pre:start_i]))):
        pre = start_i                   # 'eine Sächsische Initiative', 'Digitales Amt': a kind of body, no name
    if end == i + 1 and pre == start_i and not city and not self_standing and party is None \
            and _quoted_name(sc, i) is None:
        if head.short_form and (start_i != i or len(prefix) >= 3) and not _indefinite_before(sc, start_i):
            # 'Innenministerium', 'des Digitalministeriums', 'Verwaltungs- und Finanzausschuss': the short
            # form names a body as written
            name = _nom_range(start_i, i + 1, toks, lx)
            return Mention(toks[start_i][0], toks[i][1], name, lx.canonical_of(name), source="head",
                           head=head.suffix, short_head=True)
        # 'IT-Verbund' alone: a compound with a specific first part is not enough
        return Mention(toks[start_i][0], toks[i][1], "", source="bare", head=head.suffix)
    if city:
        s, e = toks[start_i - 1][0], toks[i][1]
        name = f"{nom} {city}"
    else:
        s, e = toks[pre][0], toks[end - 1][1]
        name = _nom_range(pre, end, toks, lx)
        if head.name_kind == "district" and pre == start_i and start_i > 0 and gz.city_adjective(words[start_i - 1]):
            s = toks[start_i - 1][0]                        # 'Berliner Bezirksamt Mitte': the city is part of
                                                            # the mention (people read the place), not the name
    quoted = _quoted_name(sc, i) if end == i + 1 and head.name_kind != "none" else None
    if quoted is not None and not city:                     # 'Gesamtzweckverband „4IT“': the name in quotes
        e, end = toks[quoted - 1][1], quoted + 1
        name = _nom_range(pre, i + 1, toks, lx) + " " + sc.text[toks[i + 2][0]:toks[quoted - 1][1]]
    if end < sc.n and words[end] in LEGAL:                  # a legal form right after
        e = toks[end][1]
        name = name + " " + words[end]
    elif end + 3 < sc.n and words[end:end + 4] == ["e", ".", "V", "."]:
        e = toks[end + 3][1]
        name = name + " " + sc.text[toks[end][0]:e]         # 'Verband der X e.V.'
    t = lx.canonical_of(name)
    g = end < sc.n and words[end] == "-" and sc.glued(end - 1, end)
    return Mention(s, e, name, t, lx.taxa[t].acronym if t is not None else "", glued=g, source="head",
                   head=head.suffix, key=head_place_key(sc, nom, pre, start_i, i, end, city))


def find_heads(sc: Scan, taxonomy: list[Mention]) -> list[Mention]:
    """Head-noun mentions (named and bare), left to right."""
    tok_of_start = {s: k for k, (s, _, _) in enumerate(sc.toks)}
    tok_of_end = {e: k for k, (_, e, _) in enumerate(sc.toks)}
    tax_end = {tok_of_start[m.start]: tok_of_end[m.end] + 1 for m in taxonomy
               if not m.glued and m.start in tok_of_start and m.end in tok_of_end}
    words = sc.words
    out: list[Mention] = []
    for i in range(sc.n):
        w = words[i]
        hd = sc.lx.head_of(w)
        if not hd or (i > 0 and words[i - 1] == "-" and sc.glued(i - 1, i) and not sc.cap(i - 2)):
            continue
        head, nom = hd
        if class_noun(w) and not (i + 1 < sc.n and words[i + 1] in head.qual) and _name_end(sc, i + 1) > i + 1:
            continue                                        # 'die Gesellschaften X AöR und Y GmbH', 'Verein
                                                            # Beispiel Demokratie': apposition names them
        if w in GENERIC and head.name_kind == "none" \
                and not (head.party_prefix and _party_start(sc, i, _compound_start(sc, i)) is not None):
            continue                                        # 'Fraktion' alone; 'CDU-Fraktion' is a name
        out.append(_head_mention(sc, i, head, nom, tax_end))
    return out
