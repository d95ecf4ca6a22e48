"""The start-up shortcuts of issue 16 give what the slow paths gave: the start-up cache, the dict name matcher,
the plain-dict lemmatizer, the tokenizer copy, the BLAS thread pin."""
from __future__ import annotations

import pickle

import pytest
import spacy

from pipeline import nlp as nlp_stage
from pipeline.ner import cache, lexicons, matchers

# Invented sentences with overlapping and genitive place names and organisations.
SENTENCES = [
    "Der Landkreis Dillingen an der Donau und die Stadt Frankfurt am Main arbeiten mit Dataport zusammen.",
    "Bad Homburg vor der Höhe, Homburg und Ulms Bürgerbüro: das Landratsamt Görlitz lädt ein.",
    "In Neustadt an der Weinstraße sagte die Bürgermeisterin, Hamburgs Senat und die AKDB seien Partner.",
    "",
    "Berlin Berlin Berlin.",
]


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("EGOVNEWS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_builds_once_and_follows_its_sources(cache_in, tmp_path):
    src = tmp_path / "liste.txt"
    src.write_text("a\nb\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return src.read_text(encoding="utf-8").split()

    assert cache.cached("liste", [src], build) == ["a", "b"]
    assert cache.cached("liste", [src], build) == ["a", "b"] and len(calls) == 1   # read from the file
    src.write_text("a\nb\nc\n", encoding="utf-8")                                  # the source changed
    assert cache.cached("liste", [src], build) == ["a", "b", "c"] and len(calls) == 2
    assert len(list(cache_in.glob("liste-*.pickle"))) == 1                          # the stale entry is gone
    assert cache.cached("liste", [src], build, extra="v2") == ["a", "b", "c"] and len(calls) == 3


def test_a_broken_cache_file_is_rebuilt(cache_in, tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("1", encoding="utf-8")
    cache.cached("x", [src], lambda: 1)
    (f,) = cache_in.glob("x-*.pickle")
    f.write_bytes(b"not a pickle")
    assert cache.cached("x", [src], lambda: 2) == 2
    assert pickle.loads(f.read_bytes()) == 2


def test_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("EGOVNEWS_CACHE_DIR", "off")
    calls = []
    for _ in range(2):
        cache.cached("y", [], lambda: calls.append(1) or 5)
    assert len(calls) == 2 and cache.cache_dir() is None


def test_name_matcher_finds_what_a_phrase_matcher_finds(cache_in):
    nlp = spacy.blank("de")
    lex = lexicons.load()
    locs, orgs = matchers._tokenised(lex, nlp.tokenizer, None)
    for label, seqs in (("LOC", locs), ("ORG", orgs)):
        mine = matchers.NameMatcher(nlp.vocab, label, seqs)
        ref = matchers.spacy_phrase_matcher(nlp.vocab, label, seqs)
        for s in SENTENCES:
            doc = nlp(s)
            assert mine(doc) == sorted(ref(doc), key=lambda m: (m[1], m[2])), (label, s)
    doc = nlp(SENTENCES[1])
    found = {doc[s:e].text for _, s, e in matchers.NameMatcher(nlp.vocab, "LOC", locs)(doc)}
    assert {"Homburg", "Ulms"} <= found


def test_names_are_tokenised_like_the_pipeline_does_but_not_by_it(cache_in):
    nlp = spacy.blank("de")
    lex = lexicons.load()
    names = matchers.loc_names(lex)[:300] + matchers.org_names(lex)[:300]
    copy = matchers.name_tokenizer(nlp.tokenizer)
    assert copy is not nlp.tokenizer
    assert [[t.text for t in copy(n)] for n in names] == [[t.text for t in nlp.tokenizer(n)] for n in names]
    assert matchers.tokenizer_signature(copy) == matchers.tokenizer_signature(nlp.tokenizer)


def test_the_matchers_are_built_once_for_both_components(cache_in):
    nlp, _ = nlp_stage.load_nlp("egovnews")
    nlp("Die Stadt Ulm und Dataport.")
    rules = nlp.get_pipe("egov_ner_rules")._matchers()
    if "egov_gazetteer_features" in nlp.pipe_names:
        assert nlp.get_pipe("egov_gazetteer_features")._matchers() == rules


def test_plain_dict_lemmatizer_gives_spacys_lemmas(cache_in):
    ref = spacy.blank("de")
    ref.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    mine = spacy.blank("de")
    mine.add_pipe("egov_lookup_lemmatizer", name="lemmatizer")
    for s in SENTENCES:
        assert [t.lemma_ for t in mine(s)] == [t.lemma_ for t in ref(s)]


def test_a_users_thread_setting_is_respected(monkeypatch):
    import threadpoolctl

    def refuse(*a, **k):
        raise AssertionError("the user's thread setting was overridden")

    monkeypatch.setattr(threadpoolctl, "threadpool_limits", refuse)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    assert nlp_stage.pin_blas_threads() is True


def _small_ner():
    nlp = spacy.blank("de")
    nlp.add_pipe("ner").add_label("ORG")
    nlp.initialize()
    return nlp


def _gemm_kinds(nlp) -> set:
    return {getattr(n.ops, "use_blis", None) for n in nlp.get_pipe("ner").model.walk()}


def test_matrix_products_through_numpy_or_blis_on_request(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")   # counts as the user's setting: no process-wide pin here
    nlp = _small_ner()
    monkeypatch.setenv("EGOVNEWS_GEMM", "blis")
    assert nlp_stage.use_numpy_gemm(nlp) is False and _gemm_kinds(nlp) == {True}
    monkeypatch.delenv("EGOVNEWS_GEMM")
    assert nlp_stage.use_numpy_gemm(nlp) is True and _gemm_kinds(nlp) == {False}
    doc = nlp("Die Stadt Ulm und Dataport.")
    assert len(doc) == 6
