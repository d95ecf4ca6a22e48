"""Extract stage: people with roles, places, organisations, dates, topics, quotes.

Each extractor is a function ``extract(article) -> list[...]`` that reads
``article.text`` and ``article.doc`` (the spaCy Doc over the text) and never
mutates the Doc. ``extract_all`` runs them in dependency order and stores the
results on the Article.
"""
from __future__ import annotations

from ..model import Article, Span


def entities_from_doc(article: Article) -> list[Span]:
    doc = article.doc
    if doc is None:
        return []
    return [Span(e.start_char, e.end_char, e.text, e.label_,
                 "rule" if e.ent_id_ else "model") for e in doc.ents]


def extract_all(article: Article) -> Article:
    from ..text import doc_lemmas, word_tokens
    from . import dates, orgs, people, places, quotes, services, topics

    article.entities = entities_from_doc(article)
    article.places = places.extract(article)
    article.organizations = orgs.extract(article)
    article.people = people.extract(article)
    article.organizations = orgs.for_table(article.organizations)   # people read 'Landratsamt X'; the table not
    article.places = places.for_table(article.places, article.text or "")   # nor a place named only in a dateline
    article.quotes = quotes.extract(article)
    article.dates = dates.extract(article)
    # One word tokenisation (with the Doc's lemmas) shared by topics and services instead of one
    # each: 150 real pages (textdump) 2 x (3.58 + 0.34) -> 1.99 + 0.25 ms per document (CPU, with
    # the faster word_tokens/doc_lemmas). Topics + services in all: 17.0 -> 5.6 ms per document
    # there, 6.6 -> 2.5 on 300 generated documents, 5.7 -> 2.1 on dev.
    toks = word_tokens(article.text or "", doc_lemmas(article.doc))
    article.topics = topics.extract(article, toks)
    article.services = services.extract(article, toks)
    return article
