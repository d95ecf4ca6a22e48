"""Shared state of the people extractor: tokens, mentions, phrases and the per-article ``Ctx``.

Takes an ``Article`` (its clean text, places and organisations); gives the token list and the small
records the later stages pass along: ``Mention`` (a name in the text), ``PersonInfo`` (one person with
its mentions), ``Group``/``Phrase`` (a role head with its complements), ``Link`` (whom a mention works
for) and ``Attachment`` (a phrase bound to a person, with the construction that bound it). Also the
token helpers every stage uses (sentence bounds, the mention starting or ending at a token).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ...model import Article, Place
from ..roles import RoleWord, context, vocabulary


PER_LABELS = {"PER", "PERSON"}


TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|\S")


SENTENCE_END = {".", "!", "?", ";"}


DASHES = {"–", "—", "-", ":"}


# punctuation that closes an apposition after a role ('X, beim Amt Y Leiterin der IT, sagte')
CLAUSE_END = SENTENCE_END | DASHES | {",", ")"}


# 'X, beim Landratsamt Y Leiterin ...': a name's link (organisation or place phrase) is searched at most
# this many tokens before the role; the longest organisation names on the dev articles ('Ministerium
# für Ernährung, Ländlichen Raum und Verbraucherschutz Baden-Württemberg') take about 15 tokens.
MAX_LINK_TOKENS = 20


# Names longer than this many tokens are NER run-ons, not names.
MAX_NAME_TOKENS = 5


# 'X ... als CDO' and 'X ist seit 2019 Bürgermeister': at most this many tokens
# between the name (or copula) and the role phrase; longer gaps were wrong on the
# dev articles (another clause's subject).
MAX_GAP = 4


# 'Deren Leiterin ist X': the organisation referred to must end at most this many
# characters before the phrase (about one sentence).
MAX_ANAPHOR_CHARS = 300


# A municipality/district role without a stated place takes the article's place of
# that kind when it is the only one, or mentioned at least this many times as often
# as the next one, or mentioned more often than any other AND first (the place the
# article is about). Calibrated on the dev articles: ties (three partner cities
# named equally often) must give no place.
DOMINANCE = 2.0


@dataclass
class Tok:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    start: int            # the name (without title)
    end: int
    tok0: int             # token range of the name incl. a title before it
    tok1: int
    pid: int = -1
    kind: str = "full"    # full | surname | single | anaphor
    title: str = ""


@dataclass
class PersonInfo:
    name: str
    title: str = ""
    mentions: list[Mention] = field(default_factory=list)
    party: str = ""
    bracket_orgs: list[str] = field(default_factory=list)
    honorific: bool = False
    rejected: bool = False                             # a word the NER took for a name ('..., Vorstand Firma')
    places: list[Place] = field(default_factory=list)  # places a construction states for the person


@dataclass
class Group:
    """One role head with its own adjectives and complements."""

    mods: list[str]
    word: RoleWord
    tok0: int
    tok1: int
    keep: list[str] = field(default_factory=list)   # complements kept in the role text
    orgs: list[str] = field(default_factory=list)   # organisations named in its own complements


@dataclass
class Phrase:
    tok0: int
    tok1: int                                          # exclusive
    groups: list[Group]
    det: str = ""
    plural: bool = False
    places: list[Place] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    district_default: bool = False                     # 'im Landratsamt' without a name
    municipality_default: bool = False                 # 'der Stadt', 'im Rathaus' without a name
    party: str = ""                                    # 'SPD-Bundestagsabgeordneter'
    former: bool = False                               # 'ehemalige Leiterin', 'Ex-Minister', 'zuvor war sie ...'


@dataclass
class Link:
    """Whom a person mention works for, said right after the name: 'X vom Landratsamt Y', 'X (Stadt Y)'."""

    orgs: list[str]
    places: list[Place]
    end: int = -1                                      # token after the link (after the bracket)


@dataclass
class Attachment:
    pid: int
    phrase: Phrase
    how: str
    mention: Mention | None = None                     # the name the phrase stands next to
    link: Link | None = None                           # 'X, beim Landratsamt Y Leiterin ...': the link before the role


class Ctx:
    """Everything the stages share about one article."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text or ""
        self.toks = [Tok(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(self.text)]
        self.words = [t.text for t in self.toks]
        self.starts = [t.start for t in self.toks]
        self.places = list(article.places or [])
        self.orgs = list(article.organizations or [])
        self.mention_at: dict[int, Mention] = {}
        self.rejected: set[int] = set()                # person ids that are no persons after all
        self.claimed: list[tuple[int, int]] = []       # char ranges of phrases that name a place for someone
        self.phrases: list[Phrase] = []                # every role phrase of the article (set by ``collect``)
        self._place_ends: dict[int, int] | None = None
        self.vocab = vocabulary()
        self.cx = context()

    def tok_index(self, char: int) -> int:

        """Index of the token containing (or last starting before) character ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:

        """Token range [i, j) of the tokens starting in characters [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return i, j

    def word(self, i: int) -> str:

        """Token i's text, '' outside the text."""
        return self.words[i] if 0 <= i < len(self.words) else ""

    def place_end(self, i: int) -> int | None:
        """The token after a place mention of the article that starts at token i, when the name runs
        over several tokens ('Halle (Saale)', 'Neustadt an der Weinstraße'); None otherwise."""
        if self._place_ends is None:
            self._place_ends = {}
            for p in self.places:
                for a, b in p.spans:
                    self._place_ends[a] = max(b, self._place_ends.get(a, b))
        if not 0 <= i < len(self.toks) or self.toks[i].start not in self._place_ends:
            return None
        end = self.tok_range(self.toks[i].start, self._place_ends[self.toks[i].start])[1]
        return end if end > i + 1 else None

    def gap_has_break(self, i: int) -> bool:
        """A paragraph break between token i-1 and token i."""
        if i <= 0 or i >= len(self.toks):
            return True
        return "\n" in self.text[self.toks[i - 1].end:self.toks[i].start]

    def is_cap(self, i: int) -> bool:

        """Token i starts with a capital letter."""
        w = self.word(i)
        return bool(w) and w[0].isupper() and w[0].isalpha()

    def is_det(self, i: int) -> bool:

        """Token i is a determiner (``roles_context.csv`` kind determiner)."""
        return self.word(i).casefold() in self.cx.kind("determiner")


def sentence_bounds(ctx: Ctx, i: int) -> tuple[int, int]:


    """(first token, end token) of the sentence around token i; abbreviations and initials do not end it."""
    a = i
    while a > 0 and not (ctx.word(a - 1) in SENTENCE_END and (a - 2) not in ctx.mention_at
                         and len(ctx.word(a - 2)) > 2) and not ctx.gap_has_break(a):
        a -= 1
    b = i
    while b < len(ctx.words) and not (ctx.word(b) in SENTENCE_END and len(ctx.word(b - 1)) > 2) \
            and not ctx.gap_has_break(b + 1):
        b += 1
    return a, b


def mention_starting(ctx: Ctx, i: int) -> Mention | None:


    """The non-anaphoric mention whose first token (title included) is i, else None."""
    m = ctx.mention_at.get(i)
    return m if m is not None and m.tok0 == i and m.kind != "anaphor" else None


def mention_ending(ctx: Ctx, i: int) -> Mention | None:
    """The mention whose last token is i-1 (so token i follows it), also across a bracket:
    'Anna X (SPD), Bürgermeisterin von Y'."""
    if ctx.word(i - 1) == ")":
        for k in range(i - 2, max(i - 12, -1), -1):
            if ctx.word(k) == "(":
                i = k
                break
            if ctx.word(k) in (")", ".") or ctx.gap_has_break(k):
                return None
    m = ctx.mention_at.get(i - 1)
    return m if m is not None and m.tok1 == i else None


def skip_brackets(ctx: Ctx, i: int) -> int:


    """The token after a bracket opening at i (at most 12 tokens long); i when none opens there."""
    if ctx.word(i) == "(":
        for k in range(i + 1, min(i + 12, len(ctx.words))):
            if ctx.word(k) == ")":
                return k + 1
    return i
