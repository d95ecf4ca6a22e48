"""Model resolution of the NLP stage."""
from __future__ import annotations

import pytest
import spacy

from pipeline import nlp as nlp_stage
from pipeline.errors import ModelNotFound
from pipeline.model import Article


def test_default_is_best_installed_or_shipped():
    nlp, name = nlp_stage.load_nlp(None)
    best = nlp_stage.installed_preferred()
    if best:
        assert name.startswith(best)
    else:
        assert name.startswith("egovnews-de-")
    assert "egov_ner_rules" in nlp.pipe_names
    assert getattr(nlp, "_egov_name") == name


def test_shipped_pipeline_components():
    nlp, name = nlp_stage.load_nlp("egovnews")
    assert name.startswith("egovnews-de-")
    assert "sentencizer" in nlp.pipe_names and nlp.pipe_names[-1] == "egov_ner_rules"
    if nlp_stage.SHIPPED_DIR.joinpath("meta.json").exists():
        assert "ner" in nlp.pipe_names and name == "egovnews-de-ner-0.1"
    doc = nlp("Die Bürgermeisterinnen der Kommunen sprachen mit Frank Hollmer. Danach ging es weiter.")
    assert len(list(doc.sents)) == 2
    if "lemmatizer" in nlp.pipe_names:
        assert [t.lemma_ for t in doc][1] == "Bürgermeisterinnen" or doc[4].lemma_ == "Kommune"


def test_shipped_model_is_small_and_credited():
    d = nlp_stage.SHIPPED_DIR
    if not d.joinpath("meta.json").exists():
        pytest.skip("shipped NER model not built")
    size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024
    meta = nlp_stage.shipped_meta()
    assert "CC BY 4.0" in meta["license"] and any("GermEval" in s["name"] for s in meta["sources"])


def test_path_to_saved_pipeline(tmp_path):
    p = tmp_path / "mini"
    spacy.blank("de").to_disk(p)
    nlp, name = nlp_stage.load_nlp(str(p))
    assert name.endswith("+egovnews-rules") and "egov_ner_rules" in nlp.pipe_names
    assert any(e.label_ == "PER" for e in nlp("Gestern sprach Karl Heinz Brommler.").ents)


def test_unknown_model_is_a_coded_error():
    with pytest.raises(ModelNotFound):
        nlp_stage.load_nlp("no_such_pipeline_xyz")


def test_annotate_sets_doc():
    nlp, _ = nlp_stage.load_nlp("egovnews-rules")
    a = Article(doc_id="x", source_file="x.txt", text="Sabine Kessler leitet das Landratsamt Celle.")
    nlp_stage.annotate(a, nlp)
    assert a.doc is not None and a.doc.text == a.text


@pytest.mark.parametrize("pkg", nlp_stage.PREFERRED)
def test_de_core_news_with_rules_when_installed(pkg):
    if not spacy.util.is_package(pkg):
        pytest.skip(f"{pkg} not installed")
    nlp, name = nlp_stage.load_nlp(pkg)
    assert name.startswith(pkg) and name.endswith("+egovnews-rules")
    assert nlp.pipe_names.index("egov_ner_rules") > nlp.pipe_names.index("ner")
    found = [(e.text, e.label_) for e in nlp("Landrat Klaus D. Grotemann besuchte das Landratsamt Gifhorn.").ents]
    assert ("Klaus D. Grotemann", "PER") in found
