"""People extractor: persons with their roles, the place and organisation they act for.

Input: ``article.doc.ents`` (PER spans from the NER stage), ``article.places`` and
``article.organizations`` (extracted before people). Output: one ``Person`` per (person, stated role;
a base form of a role already listed is no second row); a person without a role gets one row with
role ''.

The package follows the data, one module per stage:

1. ``names``: PER spans -> persons and their mentions (titles, surname-only mentions, anaphora); a lone
   given name takes its surname, and names the NER missed next to a role word are added.
2. ``phrases`` (and ``complements``): role words -> role phrases with owner, adjectives, coordinated
   heads, complements classified as place, organisation or field.
3. ``attach``: role phrases -> persons, by the constructions news use; ``patterns`` applies the
   construction table ``pipeline/data/people_patterns.json`` (constructions as data) after it, some
   referring back to the last named person ('ihr Amt als ...', 'Zuvor war er ...'); then roles that
   follow a bound role ('(ISB)', 'sowie als ...') and a predecessor's former office ('die Nachfolge von X').
4. ``links`` (and ``lookup``): a name's organisation or place stated right after it; places and
   organisations resolved against the article and the gazetteer.
5. ``rows``: one row per (document, person, stated role) with gender, canonical office, place,
   organisation and ``current`` (False for a former role).

``context`` holds the shared records and the per-article ``Ctx``.
"""
from __future__ import annotations

from ...model import Article, Person
from .attach import attach, bracket_info, follower_attachments, predecessor_attachments, role_bracket_party
from .context import Ctx, PersonInfo
from .names import per_spans, person_mentions
from .patterns import apply_patterns
from .phrases import find_phrases
from .rows import person_rows

__all__ = ["extract", "speaker_mentions", "collect"]


def collect(article: Article) -> tuple[Ctx, list[PersonInfo], list[Person]]:


    """Run the stages over one article; gives (ctx, persons, rows)."""
    ctx = Ctx(article)
    persons = person_mentions(ctx, per_spans(article))
    if not persons:
        return ctx, persons, []
    phrases = find_phrases(ctx)
    ctx.phrases = phrases
    atts = attach(ctx, phrases)
    atts.extend(bracket_info(ctx, persons, phrases))
    atts.extend(apply_patterns(ctx, persons, phrases, atts))
    atts.extend(follower_attachments(ctx, phrases, atts))
    atts.extend(predecessor_attachments(ctx, atts))
    role_bracket_party(ctx, persons, atts)
    return ctx, persons, person_rows(ctx, persons, atts)


# The last article's result, so the quotes extractor (run right after) need not parse it again.
_LAST: list = [None, None, None]          # [text, doc, (ctx, persons, rows)]


def _collect_cached(article: Article):


    """``collect``, reusing the last article's result (the quotes extractor asks right after people)."""
    if _LAST[0] is article.text and _LAST[1] is article.doc and _LAST[2] is not None:
        return _LAST[2]
    result = collect(article)
    _LAST[:] = [article.text, article.doc, result]
    return result


def extract(article: Article) -> list[Person]:


    """The ``Person`` rows of an article, in order of first mention (roles keep their order)."""
    # people in order of first mention (a stable sort keeps each person's roles in order), so the table does not depend on PYTHONHASHSEED
    return sorted(_collect_cached(article)[2], key=lambda p: (p.start, p.name))  # stable: roles keep their order


def speaker_mentions(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, full name) of every person mention, for the quotes extractor."""
    ctx, persons, rows = _collect_cached(article)
    kept = {r.name for r in rows}
    out = []
    for p in persons:
        if p.name not in kept:
            continue
        for m in p.mentions:
            out.append((m.start, m.end, p.name))
    return sorted(out)
