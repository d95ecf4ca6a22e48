"""Gazetteer loading and the resolve_place / adjective_state API (invented forms, shipped data only)."""
from pipeline.gazetteer import adjective_state, genitive, get_gazetteer, resolve_place


def test_loads_all_levels():
    gz = get_gazetteer()
    kinds = {e.kind for e in gz.entries}
    assert {"municipality", "district", "state", "country", "other"} <= kinds
    assert sum(e.kind == "state" for e in gz.entries) == 16
    assert get_gazetteer() is gz  # cached


def test_genitive_forms():
    assert genitive("Wolfsburg") == ["Wolfsburgs"]
    assert genitive("Zollernalbkreis") == ["Zollernalbkreises"]
    assert genitive("Graz") == []


def test_resolve_inflected_and_triggered_forms():
    assert resolve_place("Wolfsburgs").ags == "03103000"
    assert resolve_place("der Stadt Wolfsburg").ags == "03103000"
    p = resolve_place("Landkreises Konstanz")
    assert (p.name, p.kind, p.ags, p.state) == ("Landkreis Konstanz", "district", "08335", "Baden-Württemberg")
    assert resolve_place("Landratsamt Kulmbach").ags == "09477"
    assert resolve_place("Kulmbacher Landratsamt").ags == "09477"
    assert resolve_place("Schleswig-Holsteins").ags == "01"
    assert resolve_place("Landkreis Dillingen").name == "Landkreis Dillingen a.d.Donau"
    assert resolve_place("Kreis Unna").name == "Kreis Unna"
    assert resolve_place("Zollernalbkreis").kind == "district"
    p = resolve_place("Wolfsburg")
    assert p.mentions == 0 and p.lat and p.lon


def test_resolve_state_adjectives():
    assert resolve_place("Niedersächsischen").name == "Niedersachsen"
    assert resolve_place("bayerische").ags == "09"
    assert adjective_state("niedersächsischen") == "Niedersachsen"
    assert adjective_state("Baden-Württembergische") == "Baden-Württemberg"
    assert adjective_state("Thüringer") == "Thüringen"
    assert adjective_state("Niedersachsen") is None
    assert adjective_state("schnellen") is None


def test_homonyms_by_context_else_population():
    assert resolve_place("Frankfurt").ags == "06412000"
    assert resolve_place("Frankfurt", "Die Stadt an der Grenze zu Polen liegt in Brandenburg.").ags == "12053000"
    assert resolve_place("Halle").name == "Halle (Saale)"
    assert resolve_place("Halle/Saale").ags == "15002000"
    assert resolve_place("Neustadt", "Der Ort liegt im Landkreis Coburg.").name == "Neustadt b.Coburg"
    assert resolve_place("Essen").ags == "05113000"


def test_city_states_and_foreign():
    assert resolve_place("Hamburg").ags == "02000000"
    assert resolve_place("Bremen").ags == "04011000"
    assert resolve_place("Sachsen").kind == "state"
    assert resolve_place("Brandenburg").kind == "state"
    assert resolve_place("Stadt Brandenburg").kind == "municipality"
    p = resolve_place("St. Gallen")
    assert (p.kind, p.ags) == ("other", "") and p.lat
    assert resolve_place("Schweiz").kind == "country"
    assert resolve_place("Deutschlands").name == "Deutschland"


def test_unknown_forms():
    assert resolve_place("") is None
    assert resolve_place("Qwertzhausen") is None
    assert resolve_place("der") is None


def test_town_hall_with_its_town_names_the_municipality():
    assert resolve_place("Rathaus Wolfsburg").ags == "03103000"
    assert resolve_place("des Rathauses Wolfsburg").kind == "municipality"
