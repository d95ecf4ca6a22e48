"""The learned line labeller and the header fields it feeds, on pages written for this project.

Each invented page in tests/fixtures/clean_labeller/ has its expected header fields below; the
share of fields found must not fall below the floor in tests/eval_gate/floor.json
("labeller_header_acc"; floors only rise, see test_clean_quality.py).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.clean import clean, labeller
from pipeline.clean.header import author_from_byline, split_place_opening
from pipeline.clean.lines import make_lines
from pipeline.clean.region import find_region
from pipeline.model import Document

from test_clean_quality import _check  # noqa: E402  (tests/ is on sys.path under pytest)

PAGES = Path(__file__).parent / "fixtures" / "clean_labeller"
EXPECTED = {
    "stadtblatt.txt": {"title": "Talheim bekommt ein digitales Bürgerbüro", "published": "2023-09-14",
                       "author": "Hanna Vogelsang", "dateline": "Talheim"},
    "kreisbote.txt": {"title": "Landkreis führt E-Akte ein", "published": "2020-04-22",
                      "author": "Jonas Feldmeier", "dateline": "Bergheim", "kicker": "Verwaltung"},
    "pressestelle.txt": {"title": "Online-Terminvergabe im Bürgeramt startet", "published": "2023-11-06",
                         "dateline": "Lindenau"},
    # a blog: date, byline and categories in one line under the headline
    "dorfblog.txt": {"title": "Wie unser Dorf das Bürgerportal testet", "published": "2024-03-04",
                     "author": "Greta Lindholm"},
    # a trade portal: breadcrumb above the headline, 'Posted by' byline with an English date
    "fachportal.txt": {"title": "Landkreis zieht ins Rechenzentrum des Landes", "published": "2024-03-04",
                       "author": "Malte Osterkamp"},
}
NOT_IN_TEXT = {
    "stadtblatt.txt": ["Von Hanna", "Lesedauer", "Artikel teilen", "Talheim. Die", "Mehr zum Thema", "Impressum"],
    "kreisbote.txt": ["Autor:", "06:15", "Bergheim –", "Breitbandausbau", "Cookie"],
    "pressestelle.txt": ["Pressemitteilung vom", "Lindenau (pm)", "Drucken"],
}


def _clean(name: str):
    return clean(Document(name, (PAGES / name).read_text(encoding="utf-8")))


def test_model_ships_and_labels_every_line():
    text = (PAGES / "stadtblatt.txt").read_text(encoding="utf-8")
    r = find_region(text)
    probs = labeller.label_probs(r.lines, r.start, r.end, r.template)
    assert probs is not None, "pipeline/data/line_model.json is missing"
    assert probs.shape == (len(r.lines), len(labeller.LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0)
    best = {lab: r.lines[int(probs[:, k].argmax())].text for k, lab in enumerate(labeller.LABELS)}
    assert best["title"] == "Talheim bekommt ein digitales Bürgerbüro"
    assert best["byline"] == "Von Hanna Vogelsang"


def test_header_fields_on_invented_pages_meet_the_floor():
    right = total = 0
    misses = []
    for name, want in EXPECTED.items():
        a = _clean(name)
        for field, value in want.items():
            total += 1
            got = getattr(a, field)
            right += got == value
            if got != value:
                misses.append(f"{name}: {field} want {value!r} got {got!r}")
    print(f"labeller header accuracy {right}/{total}", *misses, sep="\n  ")
    _check("labeller_header_acc", right / total)


@pytest.mark.parametrize("name", sorted(NOT_IN_TEXT))
def test_removed_lines_leave_the_text_with_a_reason(name):
    a = _clean(name)
    for s in NOT_IN_TEXT[name]:
        assert s not in a.text, s
    reasons = {b.reason for b in a.boilerplate}
    assert "dateline" in reasons and "headline" not in {r for r in reasons if r == ""}
    assert all(b.reason for b in a.boilerplate)


@pytest.mark.parametrize("text, place", [
    ("Wolfsburg. Die Stadt startet ein Portal.", "Wolfsburg. "),
    ("München – Der Stadtrat hat beschlossen.", "München – "),
    ("WAIBLINGEN. Der Gemeinderat tagt.", "WAIBLINGEN. "),
    ("Memmingen (dl). Die Stadt lädt ein.", "Memmingen (dl). "),
    ("Magazin – Beim Vorhaben geht es voran.", ""),        # a section label, no place
    ("Ja. Das ist so.", ""),
])
def test_place_dateline(text, place):
    assert split_place_opening(text)[0] == place


@pytest.mark.parametrize("text, name", [
    ("Von: Anna Muster | 12.03.2024", "Anna Muster"),
    ("Autorin Karla Beispiel, 3. Mai 2022, 10:15 Uhr", "Karla Beispiel"),
    ("Drucken", ""),
])
def test_author_from_byline(text, name):
    assert author_from_byline(text) == name


def test_labeller_without_model_falls_back_to_rules(monkeypatch):
    monkeypatch.setattr(labeller, "model", lambda: None)
    a = _clean("stadtblatt.txt")
    assert a.title == "Talheim bekommt ein digitales Bürgerbüro" and "Die Stadt Talheim" in a.text
    assert len(make_lines("a\n\nb")) == 2


def test_kicker_and_headline_printed_together_and_apart():
    from pipeline.clean.headfields import _glued_pair
    from pipeline.clean.textdump import Page
    lines = make_lines("Stadtanzeiger\nBürgerkonto startet im Mai\nDigitales Rathaus: Bürgerkonto startet im Mai\n"
                       "12.04.2024\nAb Mai können alle Einwohner ihr Bürgerkonto im Rathaus freischalten lassen.")
    pg = Page(lines, 4, 4, [0] * len(lines))
    assert _glued_pair(pg, 2) == ("Digitales Rathaus", "Bürgerkonto startet im Mai")
    assert _glued_pair(pg, 1) == ("", "")
    assert _glued_pair(pg, 0) == ("", "")


def test_title_rival_the_page_supports():
    """The title pointer's pick gives way to a rival line the page prints once more (a teaser
    line quoting the headline) or to the full line a truncated pick ('...') begins."""
    from pipeline.clean.titlerival import rival_title
    from pipeline.clean.textdump import Page
    text = ("Gemeindeblatt Nordheim\nNeues Ratsinformationssystem geht online\n"
            "Die Sitzungen sind ab sofort digital abrufbar\n"
            "Das neue Ratsinformationssystem geht online und zeigt alle Sitzungen des Gemeinderats.\n"
            "Im Archiv: Neues Ratsinformationssystem geht online\nImpressum")
    lines = make_lines(text)
    pg = Page(lines, 3, 3, [0] * len(lines))
    pg.first_body = 3
    share = np.zeros(len(lines))
    share[1], share[2] = 0.3, 0.6                  # the subtitle looks more like a headline to the model
    pg.pointers = {"title": share}
    ok = lambda ln: True                           # noqa: E731
    assert rival_title(pg, 2, ok) == 1         # the headline is quoted once more on the page
    share[1] = 0.05                                # too weak a rival: the pick stands
    assert rival_title(pg, 2, ok) == 2
    lines = make_lines("Ratsinformationssystem geht...\nRatsinformationssystem geht online\n"
                       "Das neue Ratsinformationssystem zeigt alle Sitzungen des Gemeinderats.")
    pg = Page(lines, 2, 2, [0] * len(lines))
    pg.first_body = 2
    pg.pointers = {"title": np.array([0.6, 0.3, 0.1])}
    assert rival_title(pg, 0, ok) == 1         # the full line the truncated pick begins


def test_title_neighbour_the_line_model_prefers():
    """A neighbouring rival of the pointer's pick wins when the line model rates it the likelier
    headline (a kicker-like line above the headline that the pointer picked)."""
    from pipeline.clean.titlerival import rival_title
    from pipeline.clean.textdump import Page
    lines = make_lines("Sie sagt: Das Portal ist kein Selbstläufer\nBürgerportal im Landkreis startet\n"
                       "Das Landratsamt hat am Montag sein neues Bürgerportal freigeschaltet.")
    pg = Page(lines, 2, 2, [0] * len(lines))
    pg.first_body = 2
    pg.pointers = {"title": np.array([0.6, 0.3, 0.1])}
    pg.probs = np.zeros((3, len(labeller.LABELS)))
    c = labeller.LABELS.index("title")
    pg.probs[0, c], pg.probs[1, c] = 0.4, 0.7
    assert rival_title(pg, 0, lambda ln: True) == 1
    pg.probs[1, c] = 0.2                           # the model agrees with the pointer: the pick stands
    assert rival_title(pg, 0, lambda ln: True) == 0
