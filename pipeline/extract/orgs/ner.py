"""Step 4: ORG entities of the statistical NER (``article.doc.ents``), cleaned by rules.

``find_ner(scan, doc)`` takes the ``Scan`` and the spaCy ``Doc`` (or None) and
gives one ``Mention`` (source 'ner') per ORG entity that is name-shaped and
none of: a generic word, a place, a bare head, a short uncatalogued acronym
('IT'), a term of the topic taxonomy ('Smart City'), a lone adjective
('Kommunale'), a role ('Landesbeauftragte') or a place noun with its place
('Landkreises X'), a descriptive adjective with an ordinary noun ('Digitale
Agenda'), a compound of a long English common word ('Identitätsmanagement'),
one short English word ('Tech'), a product noun with its product ('Software X',
``orgs_product_nouns.txt``) or a span of two or more words cut before the noun
it modifies ('Nationales X Technical | System').
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...gazetteer import key_tokens
from ...language import stopwords
from ...settings import DATA_DIR
from .lexicon import ACRONYM, ADJ, DETERMINERS, GENERIC, GENERIC_HEADS, NAME_LINKS, QUOTES, lexicon
from .names import Mention, _nom_range
from .scan import Scan
from .apposition import _ordinary, class_noun
from .heads import _indefinite_before
from .words import _function_word, _is_role_word, _names_a_topic, _place_noun_word


def _not_name_shaped(sc: Scan, et: tuple[str, ...]) -> bool:
    """NER spans run over sometimes ('Staatskanzlei am Montag'): True unless the tokens start and end
    with a capital (or a digit), end in no generic noun, name no place and hold no lower-case word but
    name links ('für', 'und', ...)."""
    return not et or not et[0][:1].isupper() or not (et[-1][:1].isupper() or et[-1].isdigit()) \
        or et[-1] in GENERIC or et[-1] in GENERIC_HEADS or bool(sc.gz.lookup(et)) or _spaced_place(sc, et) \
        or any(w[:1].islower() and w not in NAME_LINKS for w in et)


def _spaced_place(sc: Scan, et: tuple[str, ...]) -> bool:
    """True when the words joined by hyphens name a place: a hyphenated name written with spaces
    ('Sachsen Anhalt' for 'Sachsen-Anhalt')."""
    if len(et) < 2 or "-" in et:
        return False
    joined = tuple(x for w in et for x in (w, "-"))[:-1]
    return bool(sc.gz.lookup(joined))


def _rejected(sc: Scan, t: str, et: tuple[str, ...]) -> bool:
    """True when an ORG entity with text ``t`` (tokens ``et``) is no organisation of its own."""
    lx = sc.lx
    if _not_name_shaped(sc, et):
        return True
    uncatalogued = lx.canonical_of(t) is None
    if len([w for w in et if w != "-"]) <= 2 and lx.head_of(et[-1]) and uncatalogued:
        return True         # a bare head ('Digitalministerium'): the head rules decide
    if len(et) == 1 and len(t) <= 3 and t.isupper() and uncatalogued:
        return True         # 'IT', 'FH': a short acronym counts when catalogued or defined (step 5)
    if uncatalogued and not lx.head_of(et[-1]) and _names_a_topic(t):
        return True         # 'Smart City', 'E-Government': a subject of the topic taxonomy
    if len(et) == 1 and uncatalogued and _function_word(t):
        return True         # 'Vieles', 'Einige': a pronoun or determiner tagged as a name
    if len(et) == 1 and ADJ.match(t) and uncatalogued:
        return True         # 'Kommunale' cut from 'Kommunale IT-Union': an adjective alone names nothing
    if uncatalogued and not lx.head_of(et[-1]) and _is_role_word(et[-1]):
        return True         # 'Gießener Landrat', 'Landesbeauftragte': a role (with its place), no organisation
    if len(et) > 1 and _place_noun_word(et[0], sc.place_nouns) and sc.gz.lookup(et[1:]) and uncatalogued:
        return True         # 'Landkreises Vorpommern-Greifswald', 'Stadt Halle', 'Nachbargemeinde X': a place
    if uncatalogued and _is_role_word(et[0]):
        return True         # 'Beauftragter der Bundesregierung für X': an office, not an organisation
    if uncatalogued and any(_is_role_word(w) or w in sc.gz.given_names for w in et[1:-1]):
        return True         # 'Staatskanzlei von Ministerpräsident X': the span runs into a person
    if uncatalogued and _english_phrase(et) and not any(sc.gz.lookup((w,)) for w in et):
        return True         # 'Multiple Choice', 'Social Media': English ordinary words, no class noun at the end
    if uncatalogued and (_descriptive_phrase(sc, et) or _english_word_alone(et) or _product_name(et)):
        return True         # 'Digitale Agenda', 'Tech', 'Software Beispielo': no organisation's name
    if uncatalogued and any(w in ("den", "dem") and et[k - 1] not in PREPOSITIONS for k, w in enumerate(et) if k):
        return True         # 'Rechnungshof den Bau': a dative/accusative object after a noun, the span ran over
    if any(w[:1].isupper() and w.casefold() in DETERMINERS for w in et[1:]):
        return True         # 'Beispielstadion Das Nationale X': a capitalised article inside, the span crossed a break
    if uncatalogued and len(et) >= 3 and et[1] in ("des", "der") and _thing_of_owner(sc, et[0]):
        return True         # 'IT des Bundes', 'Daten der Stadt': a thing of its owner, no body
    if uncatalogued and lx.is_plural_head(et[-1]):
        return True         # 'Bayerische Kommunale Spitzenverbände': bodies of a kind, not one named
    return uncatalogued and _generic_phrase(sc, et)


# prepositions an article may follow inside a name ('für den öffentlichen Sektor', 'in dem', 'mit den')
PREPOSITIONS = {"für", "in", "von", "mit", "zu", "an", "auf", "aus", "bei", "nach", "unter", "über", "vor"}
# descriptive adjective stems (no '-isch' of a place: 'Rheinische', 'Hessische' may open a name)
DESCRIPTIVE = re.compile(r"^[A-ZÄÖÜ]\w*(al|ell|iv|är|ig|lich|bar|sam|en|er)(e|en|em|er|es)$")
MIN_ENGLISH_TAIL = 8    # 'Identitäts|management'; shorter tails ('-port', '-soft', '-digital') end brand names


def _descriptive_phrase(sc: Scan, et: tuple[str, ...]) -> bool:
    """Two words, a descriptive adjective ('Digitale', 'Offener') and a noun that is no organisation head,
    class noun or English organisation head ('Digitale Agenda', 'Digitaler Kundenservice'): a programme
    or a service described, not a body named; or one compound ending in a long English common word
    ('Identitätsmanagement': a field of work)."""
    words, heads = _english()
    if len(et) == 1:
        low = et[0].casefold()
        return not et[0].isupper() and any(low.endswith(w) and len(low) - len(w) >= 4 for w in _english_tails())
    if len(et) != 2 or not DESCRIPTIVE.match(et[0]) or sc.gz.adjective_state(et[0]) or sc.gz.city_adjective(et[0]):
        return False
    n = et[1]
    return not (sc.lx.head_of(n) or class_noun(n) or n.casefold() in heads or n.isupper())


@lru_cache(maxsize=1)
def _english_tails() -> tuple[str, ...]:
    """English common words long enough to be a compound's head ('management', 'marketing')."""
    words, heads = _english()
    return tuple(w for w in words if len(w) >= MIN_ENGLISH_TAIL and w.isalpha() and w not in heads)


def _english_word_alone(et: tuple[str, ...]) -> bool:
    """One short English common word, written as a word ('Tech', 'Open', 'Data'): no name on its own."""
    words, heads = _english()
    return len(et) == 1 and len(et[0]) <= 4 and et[0][1:].islower() and et[0].casefold() in words \
        and et[0].casefold() not in heads


@lru_cache(maxsize=1)
def _product_nouns() -> frozenset[str]:
    """Nouns of ``orgs_product_nouns.txt`` with their plural and genitive forms."""
    lines = (DATA_DIR / "orgs_product_nouns.txt").read_text(encoding="utf-8").splitlines()
    base = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    return frozenset(w + e for w in base for e in ("", "s", "e", "en", "n", "es"))


MIN_PRODUCT_HEAD = 6    # product nouns this long also head a compound ('Informationssystem'; not 'App', 'Tool')


def _product_name(et: tuple[str, ...]) -> bool:
    """A span opening with a product noun ('Software Beispielo', 'App Musterapp') or whose last word before
    an acronym is a compound of one ('Beispielinformationssystems BIS'): a product's name."""
    if len(et) >= 2 and et[0] in _product_nouns():
        return True
    words = [w for w in et if sum(c.isupper() for c in w) < 2 and w[:1].isalpha()]     # no acronym ('BayBIS')
    if len(et) < 2 or not words:
        return False
    low = words[-1].casefold()
    return any(low.endswith(p.casefold()) and len(low) > len(p) + 3 for p in _product_nouns() if len(p) >= MIN_PRODUCT_HEAD)


@lru_cache(maxsize=1)
def _english() -> tuple[frozenset[str], frozenset[str]]:
    """(English words, English organisation heads) of scripts/build_english_words.py."""
    def read(name: str) -> frozenset[str]:
        lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return read("orgs_english_words.txt") | stopwords().get("en", frozenset()), read("orgs_english_heads.txt")


def _english_phrase(et: tuple[str, ...]) -> bool:
    """True when two or more words are all frequent English words (written as words: capital initial only)
    and the last is no English organisation head ('Foundation', 'Services'): a phrase, not a name."""
    ws = [w for w in et if w != "-"]
    words, heads = _english()
    return len(ws) >= 2 and all(w[1:].islower() and w.casefold() in words for w in ws) \
        and ws[-1].casefold() not in heads



def _generic_phrase(sc: Scan, et: tuple[str, ...]) -> bool:
    """An uncatalogued span that names no organisation by its shape: one ordinary noun ('Vereinigung',
    'Landkreises'), a determiner or an adjective with an ordinary noun ('Die Zeit', 'Sächsische
    Initiative'; not a city adjective: 'Xer Datenwerke' is a company),
    a generic body with a person or a topic after it ('Regierung X')."""
    if len(et) == 1:
        return not et[0].isupper() and _ordinary(et[0])
    if et[0].casefold() in DETERMINERS or ADJ.match(et[0]):
        return len(et) == 2 and not sc.lx.head_of(et[-1]) and _ordinary(et[-1])
    return len(et) == 2 and et[0] in GENERIC and not sc.gz.lookup(et[1:])


def _without_noun_tail(sc: Scan, t: str) -> str:
    """An uncatalogued entity ending in a head noun whose name comes before it (kind none / place / acronym:
    'Europäische Kommission') and one ordinary noun after it ends at the head ('Europäische Kommission
    Atomkraft' -> 'Europäische Kommission': the last word is the topic of the sentence)."""
    et = key_tokens(t)
    if len(et) < 3 or sc.lx.canonical_of(t) is not None:
        return t
    hd = sc.lx.head_of(et[-2])
    last = et[-1]
    if hd is None or hd[0].name_kind == "topic" or last.isupper() or not _ordinary(last) \
            or sc.gz.lookup((last,)) or sc.lx.head_of(last) or class_noun(last):
        return t
    return t[: t.rfind(last)].rstrip()


def _thing_of_owner(sc: Scan, w: str) -> bool:
    """The first word of '<word> des/der <owner>' names a thing, not a body: no head noun, class noun or
    generic body ('Rat der X' is one), but an ordinary noun or a short acronym ('IT', 'Daten')."""
    if sc.lx.head_of(w) or class_noun(w) or w in GENERIC:
        return False
    return _ordinary(w) or (w.isupper() and len(w) <= 3)


def _runs_into_noun(sc: Scan, k: int) -> bool:
    """The word at token k, right after an entity, is a capitalised ordinary noun (German or English) that
    is no organisation head, class noun or acronym: the entity only modifies it ('... Technical System')."""
    if k >= sc.n or not sc.cap(k) or not sc.toks[k - 1][1] < sc.toks[k][0]:
        return False
    w = sc.words[k]
    words, heads = _english()
    if w.isupper() or sc.lx.head_of(w) or class_noun(w) or w.casefold() in heads or w in sc.gz.given_names \
            or w.casefold().endswith(("gruppe", "gruppen")):
        return False        # 'Beispiel Solutions Gruppe' / '... Unternehmensgruppe': the group of that company
    return _ordinary(w) or (w[1:].islower() and w.casefold() in words)


def _without_class_noun(s: int, t: str) -> tuple[int, str]:
    """An entity opening with a class noun ('Firma Beispielsoft', 'Forschungsinstitut Muster FOKUS') or an
    ordinary noun before an acronym ('Kürzel ABC') starts after it: that noun says what follows, it is
    not part of the name."""
    first, _, rest = t.partition(" ")
    if rest[:1].islower():
        return s, t         # 'Verlag für Beispielwesen GmbH': the class noun heads the name
    if rest.strip() and (class_noun(first) or (_ordinary(first) and " " not in rest.strip()
                                               and rest.strip().isupper() and ACRONYM.match(rest.strip()) and not lexicon().head_of(first))):
        skip = len(t) - len(rest.lstrip())
        return s + skip, t[skip:]
    return s, t


def _strong_nominative(sc: Scan, a: int, b: int, name: str) -> str:
    """'der Rheinischen Zeitung' -> 'Rheinische Zeitung': after 'der' or 'einer', an attributive adjective
    in -en is feminine genitive/dative or plural genitive (a masculine nominative would end in -e, other
    genitives take 'des'); the name, written without article, ends in -e. Only leading adjectives of tokens
    a..b-1 followed by a noun, and only where the head lexicon gave no nominative."""
    words = sc.words
    k = a - 1 if a > 0 and words[a - 1] in QUOTES else a        # 'der „Rheinischen Zeitung“'
    if k == 0 or words[k - 1] not in ("der", "einer"):
        return name
    j = a
    while j < b and ADJ.match(words[j]) and words[j].endswith("en") and words[j][:1].isupper():
        j += 1
    if j == a or j >= b or ADJ.match(words[j]) or not words[j][:1].isupper():
        return name
    out = name
    for w in words[a:j]:
        out = out.replace(w, w[:-1], 1)
    return out


def find_ner(sc: Scan, doc) -> list[Mention]:
    """Mentions of the NER's ORG entities that pass ``_rejected``, in entity order."""
    if doc is None:
        return []
    try:
        ents = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "ORG"]
    except Exception:
        ents = []
    toks = sc.toks
    tok_at_start = {tk[0]: k for k, tk in reversed(list(enumerate(toks)))}   # first token starting there
    tok_at_end = {tk[1]: k for k, tk in reversed(list(enumerate(toks)))}
    out: list[Mention] = []
    for s, e, t in ents:
        if sc.lx.canonical_of(t) is None and _product_name(key_tokens(t)):
            continue        # 'Musterinformationssystems MUSIS': a system and its short name, no organisation
        s, t = _without_class_noun(s, t)
        t = _without_noun_tail(sc, t)
        e = s + len(t)
        et = key_tokens(t)
        if _rejected(sc, t, et):
            continue
        a, b = tok_at_start.get(s), tok_at_end.get(e)
        if a is None or b is None:
            continue
        if len(et) >= 2 and sc.lx.canonical_of(t) is None and _runs_into_noun(sc, b + 1):
            continue        # 'Nationales Beispiel Technical | System': the span is cut from a longer noun phrase
                            # (one word before a noun is kept: 'Beispiel Software' names the maker)
        if len(et) <= 2 and sc.lx.canonical_of(t) is None and _indefinite_before(sc, a + 1 if len(et) == 2 else a):
            continue        # 'eine sächsische Initiative', 'ein Startup': a kind, not a name
        if a >= 2 and sc.words[a - 1] in ("der", "des") and _is_role_word(sc.words[a - 2]) and "für" in et \
                and sc.lx.canonical_of(t) is None:
            continue        # 'Beauftragte der Landesregierung für X': the office of a person, with its owner
        name = _nom_range(a, b + 1, toks, sc.lx)
        if name == t and sc.lx.canonical_of(t) is None:
            name = _strong_nominative(sc, a, b + 1, name)
        out.append(Mention(s, e, name, sc.lx.canonical_of(t), source="ner"))
    return out
