"""HTML: a headline repeated at the top of the main text is a field, not text; a short line above it is the kicker."""
from __future__ import annotations

from pipeline.clean import clean
from pipeline.model import Document

BODY = ("Die Stadt Hameln stellt ihre Terminvergabe auf ein neues Online-System um. Bürgerinnen und Bürger "
        "können ab sofort Termine für das Bürgeramt rund um die Uhr buchen. ") * 3

PAGE = f"""<html><head><meta charset="utf-8"><title>Neue Terminvergabe in Hameln | Stadtblatt</title>
<meta property="og:title" content="Neue Terminvergabe in Hameln"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><p class="kicker">Bürgerservice</p><h1>Neue Terminvergabe in Hameln</h1>
<p>{BODY}</p><p>Das System ersetzt die bisherige Telefonhotline, die oft überlastet war und lange Wartezeiten hatte.</p>
</article></body></html>"""


def test_headline_and_kicker_leave_the_text():
    a = clean(Document("hameln.html", PAGE, "html"))
    assert a.title == "Neue Terminvergabe in Hameln"
    assert "Neue Terminvergabe in Hameln" not in a.text
    assert a.text.startswith("Die Stadt Hameln")
    assert a.kicker == "Bürgerservice"
    assert any(b.reason == "headline" for b in a.boilerplate)


def test_a_sentence_above_the_headline_is_not_taken_as_kicker():
    page = PAGE.replace('<p class="kicker">Bürgerservice</p>',
                        '<p>Die Verwaltung informiert über Änderungen im Bürgeramt.</p>')
    a = clean(Document("hameln.html", page, "html"))
    assert a.kicker != "Die Verwaltung informiert über Änderungen im Bürgeramt."
