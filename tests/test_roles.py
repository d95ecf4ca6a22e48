"""Role vocabulary and German role morphology (no model, no shared data needed)."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from pipeline.extract.roles import (ROLES_FILE, inflect_modifier, is_modifier, is_skip_adjective, name_gender,
                                    role_head, vocabulary)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def vocab():
    return vocabulary()


@pytest.mark.parametrize("word, singular, canonical, number", [
    ("Stadträte", "Stadtrat", "Stadtrat", "pl"),
    ("Stadträten", "Stadtrat", "Stadtrat", "pl"),
    ("Landrätin", "Landrätin", "Landrat", "sg"),
    ("Bürgermeisterin", "Bürgermeisterin", "Bürgermeister", "sg"),
    ("Bürgermeisterinnen", "Bürgermeisterin", "Bürgermeister", "pl"),
    ("Finanzministers", "Finanzminister", "Minister", "sg"),
    ("Senatoren", "Senator", "Senator", "pl"),
    ("Staatssekretäre", "Staatssekretär", "Staatssekretär", "pl"),
    ("Vorstände", "Vorstand", "Vorstand", "pl"),
    ("Bezirksstadträtin", "Bezirksstadträtin", "Stadtrat", "sg"),     # Berlin district offices
    ("Verbandsvorsteherin", "Verbandsvorsteherin", "Verbandsvorsteher", "sg"),  # head of a Zweckverband
    ("CISO", "CISO", "Chief Information Security Officer", "sg"),
])
def test_plural_female_and_genitive_forms(vocab, word, singular, canonical, number):
    rw = vocab.analyse(word)
    assert rw is not None
    assert rw.singular() == singular
    assert rw.canonical == canonical
    assert rw.number == number


@pytest.mark.parametrize("word, prefix, singular, canonical", [
    ("Kulturdezernent", "Kultur", "Kulturdezernent", "Dezernent"),
    ("Sozialdezernenten", "Sozial", "Sozialdezernent", "Dezernent"),
    ("Datenschutzbeauftragte", "Datenschutz", "Datenschutzbeauftragter", "Beauftragter"),
    ("Umweltministerin", "Umwelt", "Umweltministerin", "Minister"),
    ("Projektleiterin", "Projekt", "Projektleiterin", "Leiter"),
    ("XYZ-Pressesprecherin", "XYZ-", "XYZ-Pressesprecherin", "Pressesprecher"),
    ("Kreistagsabgeordneten", "", "Kreistagsabgeordneter", "Abgeordneter"),
])
def test_compounds_take_the_head_office(vocab, word, prefix, singular, canonical):
    rw = vocab.analyse(word)
    assert rw is not None and rw.prefix == prefix
    assert rw.singular() == singular
    assert rw.canonical == canonical


def test_adjectival_nouns_inflect_by_gender(vocab):
    rw = vocab.analyse("Abgeordneten")                # die beiden Abgeordneten
    assert rw.gender == "" and rw.number == ""
    assert rw.singular("f") == "Abgeordnete"
    assert rw.singular("m") == "Abgeordneter"
    assert vocab.analyse("Vorsitzendem").singular() == "Vorsitzender"
    assert vocab.analyse("Beauftragter").gender == "m"


def test_weak_nouns(vocab):
    rw = vocab.analyse("Präsidenten")
    assert rw.entry.role == "Präsident" and rw.number == ""
    assert vocab.analyse("Referentin").singular() == "Referentin"


def test_not_roles(vocab):
    for w in ("Ministerium", "Halbleiter", "Wegbegleiterin", "Verwaltung", "Rathaus", "stadtrat", "Vorsitz",
              "Beratung", "Leitung"):
        assert vocab.analyse(w) is None, w


def test_abbreviations_and_english_titles(vocab):
    assert vocab.analyse("OB").canonical == "Oberbürgermeister"
    assert vocab.analyse("CIO").canonical == "Chief Information Officer"
    words = "künftig soll ein Chief Digital Officer helfen".split()
    rw, first = vocab.analyse_fixed(words, 5)
    assert first == 3 and rw.text == "Chief Digital Officer"


def test_lookup_of_multiword_offices(vocab):
    assert vocab.lookup("Erster Stadtrat").canonical == "Erster Stadtrat"
    assert vocab.lookup("erste stadträtin").role == "Erster Stadtrat"
    assert vocab.lookup("Chef der Staatskanzlei").organization == "Staatskanzlei"


def test_modifiers():
    assert is_modifier("Erster") and is_modifier("stellvertretenden") and is_modifier("2.")
    assert is_modifier("akademischer")
    assert not is_modifier("Digitales") and not is_modifier("neuen")
    assert is_skip_adjective("zuständigen") and is_skip_adjective("beiden")
    assert inflect_modifier("Ersten", "m") == "Erster"
    assert inflect_modifier("Stellvertretenden", "f") == "Stellvertretende"
    assert inflect_modifier("1.", "f") == "1."


def test_role_head_matches_the_scorers_idea_of_a_head():
    assert role_head("Dezernent für Wirtschaft, Digitales und Kultur") == "Dezernent"
    assert role_head("Erster Stadtrat") == "Stadtrat"
    assert role_head("Leiter der Stabsstelle") == "Leiter"


def test_name_gender():
    assert name_gender("Anna Beispiel") == "f"
    assert name_gender("Peter Beispiel") == "m"
    assert name_gender("Xyzzy Beispiel") == ""


def test_data_file_is_consistent():
    rows = list(csv.DictReader(open(ROLES_FILE, encoding="utf-8")))
    roles = {r["role"] for r in rows}
    assert len(roles) == len(rows), "duplicate roles"
    levels = {"municipality", "district", "state", "federal", "any"}
    for r in rows:
        assert r["level"] in levels, r
        assert r["decl"] in ("strong", "weak", "adj"), r
        assert r["canonical"] in roles, f"canonical {r['canonical']!r} of {r['role']!r} is no role"


@pytest.mark.skipif(not (SHARED / "data/egov/roles_vocabulary.csv").exists(), reason="shared data not present")
def test_build_script_reproduces_the_data_file():
    spec = importlib.util.spec_from_file_location("build_roles", ROOT / "scripts" / "build_roles.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build(SHARED)
    shipped = list(csv.DictReader(open(ROLES_FILE, encoding="utf-8")))
    assert [dict(r) for r in shipped] == built


@pytest.mark.parametrize("word, singular, canonical", [
    ("Oberregierungsrätin", "Oberregierungsrätin", "Regierungsrat"),     # grade prefix on a listed role
    ("Oberkreisdirektor", "Oberkreisdirektor", "Kreisdirektor"),
    ("Kreisbaurätin", "Kreisbaurätin", "Rat"),                         # grade prefixes on the grade head
    ("Stadtoberamtsrat", "Stadtoberamtsrat", "Rat"),
    ("Amtsräten", "Amtsrat", "Rat"),
    ("Kreisinspektorin", "Kreisinspektorin", "Inspektor"),
    ("Aufsichtsrätin", "Aufsichtsrätin", "Rat"),                       # a feminine '-rätin' is always a person
    ("Stadtbaudirektorin", "Stadtbaudirektorin", "Direktor"),
    ("Kreisreferentin", "Kreisreferentin", "Referent"),
])
def test_grade_compounds_take_the_head_office(vocab, word, singular, canonical):
    rw = vocab.analyse(word)
    assert rw is not None, word
    assert rw.singular() == singular and rw.canonical == canonical


def test_bodies_ending_in_rat_are_no_roles(vocab):
    for w in ("Rat", "Räte", "Verwaltungsrat", "Verwaltungsrates", "IT-Planungsrat", "Beirat", "Personalrat",
              "Normenkontrollrat", "Inspektor"):
        assert vocab.analyse(w) is None, w


def test_grade_prefix_chain(vocab):
    assert vocab.is_grade("Kreisober") and vocab.is_grade("Oberregierungs") and vocab.is_grade("Ober")
    assert not vocab.is_grade("Verwaltungs") and not vocab.is_grade("Planungs") and not vocab.is_grade("")
