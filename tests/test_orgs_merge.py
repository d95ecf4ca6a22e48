"""One organisation under two written forms (pipeline/extract/orgs/group.py): one acronym, a ministry
compound of the portfolio the text names, a party's 'Fraktion' and its parliamentary group."""
from pipeline.extract.orgs import extract
from pipeline.model import Article


def rows(text: str) -> list[tuple[str, str, str]]:
    return [(o.name, o.canonical, o.acronym) for o in extract(Article(doc_id="t", source_file="t", text=text))]


def test_long_form_and_catalogued_acronym_are_one():
    found = rows("Das neue Bundesministerium für Digitalisierung und Staatsmodernisierung (BMDS) beginnt. "
                 "Im BMDS arbeiten bald 500 Menschen.")
    assert [r[0] for r in found] == ["Bundesministerium für Digitalisierung und Staatsmodernisierung"]
    assert found[0][2] == "BMDS"


def test_ministry_compound_is_the_ministry_the_text_names():
    found = rows("Das Bundesdigitalministerium wächst. Ein Sprecher des BMDS bestätigte das.")
    assert len(found) == 1 and found[0][2] == "BMDS"
    alone = rows("Das Bundesdigitalministerium wächst.")
    assert len(alone) == 1 and alone[0][2] != "BMDS"        # the catalogue's own reading stays


def test_party_fraktion_is_its_parliamentary_group():
    assert [r[0] for r in rows("Die Grünen-Fraktion kritisiert das. Die Grünen Bundestagsfraktion fordert "
                               "mehr Geld.")] == ["Grünen Bundestagsfraktion"]
    assert [r[0] for r in rows("Die CDU-Fraktion und die SPD-Landtagsfraktion streiten.")] == \
        ["CDU-Fraktion", "SPD-Landtagsfraktion"]
