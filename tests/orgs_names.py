"""Shared helper of the organisation tests: the organisation names found in an invented text."""
from pipeline.extract.orgs import extract
from pipeline.model import Article


def names(text: str) -> list[str]:
    """Names of the organisations ``orgs.extract`` finds in ``text`` (no NER spans)."""
    return [o.name for o in extract(Article(doc_id="t", source_file="t", text=text))]


def with_ner(text: str, ner_orgs: list[str]) -> list[str]:
    """Names ``orgs.extract`` finds in ``text`` when the NER tagged the spans ``ner_orgs`` as ORG."""
    import spacy
    doc = spacy.blank("de")(text)
    doc.ents = [doc.char_span(text.index(w), text.index(w) + len(w), label="ORG") for w in ner_orgs]
    art = Article(doc_id="t", source_file="t", text=text)
    art.doc = doc
    return [o.name for o in extract(art)]
