"""Property-based tests (hypothesis): the cleaner and every extractor on arbitrary Unicode.

For any text: nothing raises (a coded ``EgovError`` such as NoArticleText is
an answer, not a crash), every offset lies inside ``article.text`` and
``text[start:end]`` equals the mention.
"""
from __future__ import annotations

import importlib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ingest, language
from pipeline import nlp as nlp_stage
from pipeline.clean import clean
from pipeline.errors import EgovError
from pipeline.extract import entities_from_doc, extract_all
from pipeline.model import Article, Document

EXTRACTORS = ["places", "orgs", "people", "quotes", "dates", "topics", "services"]  # extract_all's order
ATTR = {"places": "places", "orgs": "organizations", "people": "people", "quotes": "quotes", "dates": "dates",
        "topics": "topics", "services": "services"}

# Pieces of German news prose, so the text reaches the extractors' interesting paths.
WORDS = ["Bürgermeister", "Bürgermeisterin", "Landrat", "Erster Stadtrat", "Dr.", "Prof.", "Dennis", "Anna",
         "Weilmann", "Müller", "Wolfsburg", "Wolfsburgs", "Landkreis Gifhorn", "Frankfurt am Main", "Essen",
         "Niedersachsen", "Ministerium für Digitales", "GmbH", "e.V.", "(SPD)", "IT-Planungsrat", "OZG",
         "Onlinezugangsgesetz", "E-Akte", "Bauantrag", "Wohngeld", "am", "12.", "März", "2023", "3.5.2022",
         "[29.9.2020]", "Ende", "2024", "sagte", "erklärte", "„", "“", "\"", "«", "»", ":", ",", ".", "–", "-",
         "\n", "\n\n", " ", "der", "die", "Stadt", "des", "Niedersächsischen", "Städtetages", "(ab)",
         "Stichwörter:", "Bildquelle:", "https://www.example.org/x", "mehr...", "Anzeige"]

german = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=60).map(" ".join)
anything = st.text(max_size=400)
texts = st.one_of(anything, german)
# EGOVNEWS_PROPERTY_EXAMPLES=1000 for a longer hunt; 60 keeps the suite fast
PROFILE = settings(max_examples=int(os.environ.get("EGOVNEWS_PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp():
    return nlp_stage.load_nlp(None)[0]


def check_offsets(article: Article) -> None:
    text = article.text
    n = len(text)

    def inside(s, e, what):
        assert isinstance(s, int) and isinstance(e, int), what
        assert 0 <= s < e <= n, (what, s, e, n)

    for sp in article.entities:
        inside(sp.start, sp.end, sp)
        assert text[sp.start:sp.end] == sp.text, sp
    for p in article.people:
        inside(p.start, p.end, p)
    for pl in article.places:
        for s, e in pl.spans:
            inside(s, e, pl)
            if pl.surface:
                assert text[s:e] in pl.surface, (pl, text[s:e])
    for o in article.organizations:
        for s, e in o.spans:
            inside(s, e, o)
    for d in article.dates:
        inside(d.start, d.end, d)
        assert text[d.start:d.end] == d.text, d
    for q in article.quotes:
        inside(q.start, q.end, q)
        assert text[q.start:q.end] == q.text, q


def run_extractors(article: Article, nlp) -> Article:
    """Each extractor on its own (so a crash names it), in extract_all's order; then extract_all."""
    nlp_stage.annotate(article, nlp)
    article.entities = entities_from_doc(article)
    for name in EXTRACTORS:
        mod = importlib.import_module(f"pipeline.extract.{name}")
        try:
            result = mod.extract(article)
        except Exception as e:  # pragma: no cover - the failure message names the extractor
            raise AssertionError(f"extractor {name} raised {type(e).__name__}: {e} on {article.text!r}") from e
        assert isinstance(result, list), name
        setattr(article, ATTR[name], result)
        check_offsets(article)
    fresh = Article(doc_id=article.doc_id, source_file=article.source_file, text=article.text)
    nlp_stage.annotate(fresh, nlp)
    extract_all(fresh)
    check_offsets(fresh)
    return fresh


@PROFILE
@given(text=texts, fmt=st.sampled_from(["text", "html"]))
def test_clean_never_raises_unexpectedly(text, fmt):
    doc = Document("prop.txt", ingest.normalize_text(text), fmt)
    try:
        a = clean(doc)
    except EgovError:
        return  # a coded answer (e.g. no article text), recorded in the errors table
    assert isinstance(a.text, str)
    for b in a.boilerplate:
        assert isinstance(b.text, str) and b.reason


@PROFILE
@given(text=texts)
def test_extractors_on_arbitrary_text(nlp, text):
    article = Article(doc_id="x", source_file="prop.txt", text=text)
    run_extractors(article, nlp)


@PROFILE
@given(text=texts)
def test_clean_then_extract_offsets_hold(nlp, text):
    try:
        article = clean(Document("prop.txt", ingest.normalize_text(text), "text"))
    except EgovError:
        return
    run_extractors(article, nlp)


@PROFILE
@given(text=st.text(max_size=300))
def test_language_and_normalize_never_raise(text):
    assert language.detect(text) == "und" or len(language.detect(text)) == 2
    out = ingest.normalize_text(text)
    assert "\x00" not in out and "\r" not in out
    out.encode("utf-8")  # no lone surrogates left


@PROFILE
@given(data=st.binary(max_size=600))
def test_decode_arbitrary_bytes(data):
    text, enc, notes = ingest.decode_bytes(data)
    assert isinstance(text, str) and enc
    text.encode("utf-8")
