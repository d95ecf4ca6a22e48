"""Topics extractor: topics of the project taxonomy a text explicitly speaks of.

The taxonomy is ``pipeline/data/topics.csv`` (users extend it by adding rows or
patterns): ``id``, ``label``, ``strong``, ``weak``, ``exclude`` (patterns
separated by ``|``, syntax in ``pipeline.text.compile_pattern``), ``description``.

Patterns match word tokens after folding (casefold, umlauts transliterated),
with German inflection endings accepted, inside hyphenated compounds
(``OZG-Umsetzung`` -> ``=OZG``) and, where the pattern says so, as the
modifier (``kooperation*`` -> Kooperationsvereinbarung) or head
(``*verbund`` -> Leistungsverbund) of a closed compound. A compound hit is only
allowed where the pattern asks for it, so a passing word inside an unrelated
compound (``Standortförderung``) does not count unless listed.

Minimal evidence: a strong pattern is enough on its own (one clear mention);
a weak pattern (a word that is often used loosely: ``Verbund``, ``Gesetz``,
``Normenkontrollrat``) counts ``WEAK_WEIGHT``; a topic needs a score of 1.
A hit that overlaps a hit of one of the topic's ``exclude`` patterns is
dropped (``Portalverbund`` is not a ``Verbund`` of municipalities).

``extract`` runs, in order (modules of this package):

1. ``elliptic``: elliptic compounds completed (``KFZ- und Bootszulassung`` ->
   ``kfzzulassung``; ``IT-Steuerung, -Sicherheit`` -> ``itsicherheit``);
2. ``taxonomy``: every pattern of ``topics.csv`` in one ``PatternSet`` (two words
   around a gap match in either order; ``kfz-abmeldung*`` also as ``Abmeldung von Kfz``;
   a hyphenated exclusion also spelt apart);
3. ``evidence``: per topic, hits minus excluded ones, a bare head word repeating an
   excluded compound (``Portal`` after ``Beteiligungsportal``) dropped, a strong word in
   an office compound (``Kfz-Zulassungsstelle``) weak; across topics, a hit inside a
   longer term hit of another topic dropped (``kommunale Rechenzentren``); the score;
4. ``cooccurrence``: topics from two expressions meeting in enough sentences.

``find_topics`` is steps 2-3 for a text, each topic on its own unless asked to
weigh hits across topics.

``evidence`` lists the matched surface words (first-seen order, unique);
``mentions`` counts the hits.
"""
from __future__ import annotations

from ...model import Article, Topic
from ...text import Token, doc_lemmas, word_tokens
from .cooccurrence import cooccurrence_topics
from .elliptic import complete_elliptic
from .evidence import MIN_SCORE, WEAK_WEIGHT, find_topics, score_topic
from .taxonomy import TopicDef, _plan, load_taxonomy  # noqa: F401  (_plan: tests read its PatternSet)

__all__ = ["MIN_SCORE", "WEAK_WEIGHT", "TopicDef", "complete_elliptic", "cooccurrence_topics", "extract", "find_topics",
           "load_taxonomy", "score_topic"]


def extract(article: Article, toks: list[Token] | None = None) -> list[Topic]:
    """Topics of the article; ``toks``: its ``word_tokens`` with the Doc's lemmas, when already made.
    Elliptic compounds are completed (``complete_elliptic``) and hits are weighed across topics."""
    if toks is None:
        toks = word_tokens(article.text or "", doc_lemmas(article.doc))
    found = find_topics(article.text or "", toks=complete_elliptic(toks, article.text or ""), across_topics=True)
    return found + cooccurrence_topics(article.text or "", {t.topic for t in found}, load_taxonomy())
