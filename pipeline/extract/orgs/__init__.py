"""Organisations extractor: one row per organisation per document, with the
name as written (full form, nominative), the taxonomy name, the acronym and
the number of mentions.

Where mentions come from (token-based, offsets into ``article.text``):

1. The taxonomy (``organisations.csv``, built by ``scripts/build_orgs.py``):
   canonical names, aliases and acronyms; multi-word names match loosely
   (inflection endings ignored: 'des Nationalen Normenkontrollrates').
2. Acronyms the text defines: 'Langform (KURZ)', 'KURZ (Langform)', 'KURZ steht
   für „Langform“' (and its elliptic ', KURZ2 für „...“'), 'Langform, KURZ.';
   the short form later counts for the long one ('NKR' -> Nationaler
   Normenkontrollrat). A definition makes an organisation only when the
   long form is one (an org head noun, a taxonomy name, matching initials):
   'Onlinezugangsgesetz (OZG)' is not.
3. Head nouns (``organisations_heads.csv``): 'Ministerium für X (und Y)',
   'Niedersächsisches Ministerium ...', 'Finanzministerium von Sachsen-Anhalt', a Land or a seat
   after the 'für' complement ('Landesamt für Steuern Niedersachsen', 'Hochschule für ... Ludwigsburg'),
   'Landratsamt X' / 'Kulmbacher Landratsamt', 'Stabsstelle X', 'Zweckverband
   KDOS' / 'Zweckverband „4IT“', 'Direktion X und Y', 'Competence Center X', compounds that stand
   alone ('Bundesverkehrsministerium', 'Finanzministerkonferenz', 'Städte- und Gemeindetag'),
   short forms as written (column short_form: 'Innenministerium', 'Bundeskabinett',
   'Handwerkskammer'; none after an indefinite article, and a mention of the one named
   ministry carrying that word or portfolio), groups named after parties (column
   party_prefix: 'CDU/CSU-Bundestagsfraktion', 'Grünen Bundestagsfraktion'), 'Senat der Freien
   und Hansestadt Hamburg' / 'Berliner Senat', 'Bezirksamt Friedrichshain-Kreuzberg'
   (name kind 'district': a capitalised district name, not in the place directory).
   A head with only a place is one organisation however the place is written
   ('Berliner Senat' = 'Senat von Berlin', 'Kulmbacher Landratsamt' = 'Landratsamt Kulmbach').
   A catalogued name right after the head is the head's name ('Zweckverband
   Kommunale Datenverarbeitung Oldenburg'); when the catalogue's category names
   that head, or the head names a legal form ('Landesbetrieb'), the whole is
   that organisation (one row, canonical KDO / HZD).
   A bare head ('das Landratsamt', 'der Stadtrat', 'die Landesregierung') is no
   organisation; it counts as a mention when exactly one named organisation with
   that head is in the document. A named organisation in a genitive complement is
   one of its own ('Arbeitsgemeinschaft X der CDU/CSU-Bundestagsfraktion').
4. Legal forms: '... GmbH / AG / e.V. / eG / AöR / SE' (nominative after 'der':
   'der Kommunalen Datenverarbeitung X GmbH' -> 'Kommunale ...').
4b. Apposition after a class noun (``organisations_class_nouns.csv``):
   'das Softwareunternehmen X', 'die Firma Y'.
4c. Web domains named as actors ('laut beispiel.org', 'des ... Beispiel.org'; cue words in
   ``organisations_actor_cues.txt``), not addresses ('auf der Website x.de').
5. ORG entities of the NER (``article.doc.ents``) that are not generic words,
   short uncatalogued acronyms ('IT'), terms of the topic taxonomy ('Smart City'),
   a lone adjective ('Kommunale'), a place ('Landkreises X'), an ordinary noun or
   phrase ('Vereinigung', 'Die Zeit'), an office ('Beauftragter der X für Y') or a
   span running into a person; a leading class noun is cut ('Firma X' -> X). A
   defined acronym the NER tagged counts for its long form.

Names are normalised to the nominative ('des Niedersächsischen Städtetages'
-> 'Niedersächsischer Städtetag', 'des bayerischen Verkehrsministeriums' ->
'Bayerisches Verkehrsministerium', 'der Linken' -> 'Linke'). A mention glued
into a compound ('AKDB-Pressesprecher', 'EU-Ebene') counts only for an
organisation that is also mentioned on its own; a party counts glued too
('Grünen-Landtagsabgeordneter').

A place's own administration ('Landratsamt X', 'Stadtverwaltung X'; heads
column place_admin) is found like any organisation (people read it as a
person's office) but ``for_table`` leaves it out of the organizations table:
the answer keys count it as the place.

Layout (one module per step, run in this order by ``extract``):
``lexicon`` (data, word sets), ``words`` (word classes), ``names`` (Mention,
nominative, district city), ``scan`` (token view), ``taxonomy`` (1),
``heads`` (3 above), ``legal`` (4), ``apposition`` (4b), ``domains`` (4c), ``ner`` (5),
``units`` (a unit inside another body that names none: 'Dezernat für X' without owner),
``legal.extend_legal`` (a legal form after a name belongs to it), ``quoted`` (a quoted name with a
dash description is one name), ``acronyms`` (2, read last because it needs the other mentions),
``group`` (mentions -> rows).

Public API: ``extract(article) -> list[Organization]``, ``for_table(orgs)`` and
``resolve_org(surface, context="") -> Organization | None`` (normalise one
written form, e.g. for a person's organisation).
"""
from __future__ import annotations

from ...model import Article, Organization
from .acronyms import apply_acronyms
from .apposition import find_appositions
from .domains import find_domains
from .group import group
from .heads import find_heads
from .legal import extend_legal, find_legal_forms
from .lexicon import (ACRONYM, ADJ, CONNECT, DETERMINERS, GENERIC, GENERIC_HEADS, LEGAL, NAME_LINKS,  # noqa: F401
                      QUOTES, Head, Lexicon, Tax, lexicon, light_stem, loose)
from .names import DISTRICT_CITY_MIN_POPULATION, Mention, _nominative, district_city  # noqa: F401
from .ner import find_ner
from .scan import Scan
from .quoted import extend_quoted
from .taxonomy import find_taxonomy
from .units import drop_units
from .words import _date_words, _is_role_word, _not_a_district, _place_nouns  # noqa: F401


def extract(article: Article) -> list[Organization]:
    """Organisations of one article: taxonomy, head nouns, legal forms, NER ORGs, acronyms, grouped."""
    text = article.text or ""
    if not text.strip():
        return []
    sc = Scan(text)
    mentions = find_taxonomy(sc)
    mentions += find_heads(sc, mentions)
    mentions += find_legal_forms(sc)
    mentions += find_appositions(sc)
    mentions += find_domains(sc)
    mentions += find_ner(sc, getattr(article, "doc", None))
    mentions = extend_quoted(sc, extend_legal(sc, drop_units(sc, mentions)))
    mentions, acr_map = apply_acronyms(sc, mentions)
    return group(mentions, acr_map, text, sc.lx)


def place_admin(org: Organization) -> bool:
    """True when an organisation is a place's own administration ('Landratsamt Kulmbach', 'Stadtverwaltung
    X', 'Kreisverwaltung X': heads marked place_admin in ``organisations_heads.csv``; a generic body noun
    with only a town or district: 'Behörde Starnberg' from 'die Starnberger Behörde'). The answer keys
    count these as the place, not as an organisation; people still read them (a person's office)."""
    first, _, rest = (org.name or "").strip().partition(" ")
    hd = lexicon().head_of(first) if first else None
    if hd and hd[0].place_admin and rest:
        return True
    return bool(hd and first in GENERIC and rest and _town_or_district(rest))


def _town_or_district(name: str) -> bool:
    """The words name a municipality or a district and no Land ('Starnberg'; not 'Berlin', 'Bayern'): the
    seat a generic body noun names ('die Starnberger Behörde' = the place's own administration)."""
    from ...gazetteer import get_gazetteer, key_tokens
    kinds = {h.entry.kind for h in get_gazetteer().lookup(key_tokens(name))}
    return bool(kinds) and "state" not in kinds and kinds <= {"municipality", "district"}


def for_table(found: list[Organization]) -> list[Organization]:
    """The organisations of the ``organizations`` table: all found but a place's own administration."""
    return [o for o in found if not place_admin(o)]


def resolve_org(surface: str, context: str = "") -> Organization | None:
    """Normalise one written organisation form to an Organization (mentions 0, no spans).

    'des Niedersächsischen Städtetages' -> name 'Niedersächsischer Städtetag';
    '(SPD)' -> 'SPD' (canonical 'Sozialdemokratische Partei Deutschlands');
    'im Landratsamt Kulmbach' -> 'Landratsamt Kulmbach'. A short form the
    ``context`` defines ('... Musteragentur (MA) ...') resolves to its long form.
    Returns None when the form names no organisation.
    """
    s = (surface or "").strip().strip("()")
    if not s:
        return None
    found = extract(Article(doc_id="", source_file="", text=s))
    if not found and context:
        key = s.casefold()
        for o in extract(Article(doc_id="", source_file="", text=context)):
            if key in {o.name.casefold(), o.canonical.casefold(), o.acronym.casefold()}:
                found = [o]
                break
    if not found:
        return None
    best = max(found, key=lambda o: max(e - b for b, e in o.spans) if o.spans else 0)
    return Organization(name=best.name, canonical=best.canonical, acronym=best.acronym)
