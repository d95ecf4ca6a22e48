"""Shared helper of the organisation tests: the organisation names found in an invented text."""
from pipeline.extract.orgs import extract
from pipeline.model import Article


def names(text: str) -> list[str]:
    """Names of the organisations ``orgs.extract`` finds in ``text`` (no NER spans)."""
    return [o.name for o in extract(Article(doc_id="t", source_file="t", text=text))]
