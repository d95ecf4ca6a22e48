"""Press releases: 'Ort, Datum.' opening is the publication date; the press-contact block is not article text."""
from __future__ import annotations

from pipeline.clean import clean
from pipeline.model import Document

RELEASE = """Pressemitteilung

Landkreis Harburg digitalisiert die Führerscheinstelle

Winsen, 04.03.2024. Der Landkreis Harburg nimmt Anträge auf einen Führerschein ab sofort online entgegen. Die Führerscheinstelle bearbeitet die Anträge vollständig digital, der Gang ins Kreishaus entfällt.

Die Kreisverwaltung rechnet damit, dass sich die Bearbeitungszeit deutlich verkürzt.

Pressekontakt: Landkreis Harburg, Presse- und Öffentlichkeitsarbeit, Telefon 04171 693-0
"""


def test_press_release_fields_and_contact_block():
    a = clean(Document("harburg.txt", RELEASE))
    assert a.published == "2024-03-04"
    assert a.title == "Landkreis Harburg digitalisiert die Führerscheinstelle"
    assert a.text.startswith("Der Landkreis Harburg nimmt")
    assert "Pressekontakt" not in a.text and "Telefon" not in a.text
    assert any(b.reason == "press contact" for b in a.boilerplate)
