"""Quotes extractor: quoted speech with its speaker (runs after people).

1. ``quote_spans``: pairs of quotation marks in ``article.text``: „…“ / „…" /
   „…” (German), "…" (straight), «…» and »…« (guillemets), “…” (English). A
   quotation never crosses a paragraph break; an unclosed one is dropped.
2. Attribution, in this order:
   * after: ``„…“, erklärt/sagte/so [role words] Name`` — a speech verb (list in
     ``roles_context.csv``) right after the closing mark, then the first person
     mention in the same sentence;
   * before: ``Name: „…“`` and ``Name ergänzt: „…“`` — a colon before the opening
     mark and a person mention at most a few words before it;
   * framed: ``Name sprach von einem „…“``, ``Name bezeichnete das als „…“``,
     ``Name betonte, man sei „…“`` — in the same sentence, a person mention, then a
     framing verb with its word (kind ``quote_frame``) or a speech verb and a comma;
   * pronoun: ``„…“, sagte sie`` -> the last person named before, when the
     pronoun fits that person's gender and nobody else was named just before;
   * continuation: an unattributed quotation that follows an attributed one in
     the same paragraph, with nothing but that speaker's attribution between;
   * interview (``interview_quotes``): in an article laid out as an interview
     ('Frage …?' / 'Name: Antwort …', 'Frage: …' / 'Antwort: …', labels in
     ``roles_context.csv`` kind interview_label), each answer paragraph without
     quotation marks is a quote of the interviewee; questions are not.
3. ``Quote.speaker`` is the full name as in ``people``; ``Quote.person`` the
   mention as written that identified the speaker ('Goebel'); ``start``/``end``
   are the offsets of the quoted words (marks and a trailing comma excluded).
"""
from __future__ import annotations

import re

from ..model import Article, Quote
from .people import speaker_mentions
from .roles import context, name_gender

# opening mark -> closing marks
PAIRS = {"„": "“\"”", "«": "»", "»": "«", "\"": "\"", "“": "”\""}
# A quotation longer than this is a pairing error (an unmatched mark far away);
# calibrated above the longest quoted passage in the dev articles (~400 chars).
MAX_QUOTE_CHARS = 1500
# Words allowed between a person mention and the colon of 'Name ergänzt: „…'.
MAX_WORDS_BEFORE_COLON = 4
# Words allowed between the speech verb and the speaker: 'erklärte unlängst der
# IT-Beauftragte der Bundesregierung, Klaus X' (role phrases can be long).
MAX_WORDS_AFTER_VERB = 16
# 'Name (SPD) sprach am 5. Februar 2025 von einem „…': words (punctuation and a bracket not
# counted) allowed between the end of the person mention and the opening mark; the longest in the
# tests/fixtures/articles2 articles has 11 (a role apposition), dev has no framed quotation.
MAX_WORDS_BEFORE_FRAMED = 12
# '„…“, sagte sie': the person must have been named at most this far before the quotation.
MAX_PRONOUN_CHARS = 400
# Interview layout: a paragraph label 'Dr. Nadine X:' has at most this many words (title, given name,
# surname, a particle); 'Kommune21:', 'Frage:' have one. Longer text before a colon is a sentence.
MAX_LABEL_WORDS = 4
# An article is an interview when at least this many answer paragraphs each follow a question (a
# question-labelled paragraph or an unlabelled one ending in '?'): one 'Fazit: …' line never is.
# Two is the smallest number that shows alternation; the tests/fixtures/articles2 interview has 3.
MIN_INTERVIEW_TURNS = 2
LABEL = re.compile(r"(?P<label>[A-ZÄÖÜ][\w.’'\- ]*?)[ \t]*:[ \t]+(?=\S)")
WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(inner start, inner end) of every quotation, marks excluded."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in PAIRS and _opens(text, i):
            closers = PAIRS[ch]
            j = i + 1
            while j < n and j - i <= MAX_QUOTE_CHARS:
                if text[j] in closers and (ch != "\"" or _closes(text, j)):
                    break
                if text.startswith("\n\n", j) or (text[j] == "\n" and text[j + 1:j + 2] == "\n"):
                    j = n
                    break
                j += 1
            if j < n and j - i <= MAX_QUOTE_CHARS and j > i + 1:
                out.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return out


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``text[i]`` can open a quotation (a word follows; a straight quote also needs
    a space or an opening bracket/dash before it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[i] in "„«»":
        return True
    return before.isspace() or before in "([–—-:/"


def _closes(text: str, j: int) -> bool:
    """Whether the straight quote at ``text[j]`` can close a quotation (glued to the word before)."""
    return j > 0 and not text[j - 1].isspace()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``s``..``e`` without leading whitespace and without trailing whitespace and commas."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def extract(article: Article) -> list[Quote]:
    """The quotes of ``article`` (its ``people`` must be extracted): every quotation attributed to a
    person of ``article.people`` (see the module docstring for the order) and the answers of an
    interview, in text order; a quotation inside its own speaker's answer paragraph is left to the answer."""
    text = article.text or ""
    if not text or not article.people:
        return []
    names = {p.name for p in article.people}
    mentions = [m for m in speaker_mentions(article) if m[2] in names]
    spans = quote_spans(text)
    inside = [(s - 1, e + 1) for s, e in spans]
    mentions = [m for m in mentions if not any(a <= m[0] < b for a, b in inside)]
    speech = context().kind("speech")
    out: list[Quote] = []
    prev: tuple[int, tuple[int, int, str]] | None = None     # (end of last attributed quote, its mention)
    for k, (s, e) in enumerate(spans):
        close_end = e + 1
        next_open = spans[k + 1][0] - 1 if k + 1 < len(spans) else len(text)
        who = _speaker(text, s - 1, close_end, next_open, mentions, speech, prev)
        if who is None:
            prev = None
            continue
        qs, qe = _trim(text, s, e)
        if qe <= qs:
            continue
        out.append(Quote(speaker=who[2], text=text[qs:qe], start=qs, end=qe, person=text[who[0]:who[1]]))
        prev = (close_end, who)
    answers = interview_quotes(text, mentions, article.publisher or "")
    # a quotation inside an answer paragraph of its own speaker is part of that answer
    out = [q for q in out if not any(a.start <= q.start < a.end and a.speaker == q.speaker for a in answers)]
    return sorted(out + answers, key=lambda q: q.start)


def _speaker(text: str, open_pos: int, close_end: int, next_open: int, mentions, speech, prev):
    """The speaker mention (start, end, name) of the quotation whose opening mark is at ``open_pos`` and
    whose closing mark ends at ``close_end`` (``next_open``: the next quotation's opening mark), trying
    after, pronoun, before, framed, and continuation of ``prev`` (end of the last attributed quotation,
    its mention) in this order; None when none applies."""
    who = after_speaker(text, close_end, next_open, mentions, speech)
    if who is None:
        who = pronoun_speaker(text, open_pos, close_end, mentions, speech)
    if who is None:
        who = before_speaker(text, open_pos, mentions)
    if who is None:
        who = framed_speaker(text, open_pos, mentions, speech)
    if who is None and prev is not None:
        who = continuation(text, prev, open_pos, mentions)
    return who


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty paragraph (blank-line separated), whitespace trimmed."""
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        s, e = _trim(text, m.start(), m.end())
        if e > s:
            out.append((s, e))
    return out


def interview_quotes(text: str, mentions: list[tuple[int, int, str]], publisher: str = "") -> list[Quote]:
    """Answers of an interview printed without quotation marks: 'Kessler-X: Ehrgeizig ist es. …' after
    a question ('Welche Rolle spielt …?' or 'Kommune21: …?' / 'Frage: …'), or 'Antwort: …' (the speaker
    is then the person named first before the interview turns). Each answer paragraph (without its
    label) becomes a quote of the interviewee; questions never do. Only when at least
    MIN_INTERVIEW_TURNS answers follow a question. Takes the text, the speaker mentions (start, end,
    full name) and the publisher's name (a label of the interviewer); gives the answer quotes."""
    turns = _interview_turns(text, {n for _, _, n in mentions}, publisher)
    turns = _named_interviewers(text, turns)
    answers = [k for k, t in enumerate(turns) if t[0] == "answer"]
    if not answers or _answers_after_question(turns, answers) < MIN_INTERVIEW_TURNS:
        return []
    first_turn = min(k for k, t in enumerate(turns) if t[0] in ("question", "answer") and t[2])
    intro = [m for m in mentions if m[0] < turns[first_turn][4][0]]
    out = []
    for k in answers:
        _, who, label, body, (s, e) = turns[k]
        if not who and intro:                          # 'Antwort: …' -> the person the intro names first
            who = intro[0][2]
        if not who:
            continue
        out.append(Quote(speaker=who, text=text[body:e], start=body, end=e, person=label))
    return out


def _interview_turns(text: str, names: set[str], publisher: str) -> list[tuple]:
    """Every paragraph of ``text`` as a turn (kind, speaker, label, body start, (start, end)): kind
    'question' (a question label, the publisher's label, or a paragraph ending in '?'), 'answer' (an
    answer label or the label of one of ``names``, who is then the speaker) or ''."""
    labels = context().kind("interview_label")

    def person_of(label: str) -> str:
        """The one name of ``names`` whose surname ends ``label``, else ''."""
        words = label.replace(".", " ").split()
        if not words:
            return ""
        hits = {n for n in names if n.split()[-1] == words[-1]}   # the surname ends the label
        return hits.pop() if len(hits) == 1 else ""

    turns = []
    for s, e in _paragraphs(text):
        m = LABEL.match(text, s, e)
        label = m.group("label").strip() if m else ""
        if m and len(label.split()) <= MAX_LABEL_WORDS:
            kind = labels.get(label, "")
            who = person_of(label) if not kind else ""
            if label == publisher or (not kind and not who and text[e - 1] == "?"):
                kind = "question"
            elif who:
                kind = "answer"
            if kind:
                turns.append((kind, who, label, m.end(), (s, e)))
                continue
        turns.append(("question" if text[e - 1] == "?" else "", "", "", s, (s, e)))
    return turns


def _named_interviewers(text: str, turns: list[tuple]) -> list[tuple]:
    """``turns`` with the answers of a person whose paragraphs are mostly questions ('Jan X: Wie geht es
    weiter?', a named interviewer) made questions."""
    for label in {t[2] for t in turns if t[0] == "answer"}:
        own = [t for t in turns if t[2] == label]
        if 2 * sum(text[t[4][1] - 1] == "?" for t in own) > len(own):
            turns = [("question", "", *t[2:]) if t[2] == label else t for t in turns]
    return turns


def _answers_after_question(turns: list[tuple], answers: list[int]) -> int:
    """How many of the answer turns (indexes ``answers``) follow a question since the previous answer."""
    followed = 0
    last = -1
    for k in answers:
        if any(turns[x][0] == "question" for x in range(last + 1, k)):
            followed += 1
        last = k
    return followed


SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# the word before a full stop that does not end a sentence: an initial ('J.') or an ordinal ('4. März')
NO_END_WORD = re.compile(r"(?:^|(?<=[\s(]))(?:[A-ZÄÖÜ]|\d{1,2})$")


def _abbreviation_dot(text: str, i: int) -> bool:
    """Is the full stop at ``text[i]`` part of an academic title, an initial or an ordinal
    ('Ministerin Dr. Vera X', 'Jan M. Probe', 'am 4. März'), not a sentence end?"""
    if text[i] != ".":
        return False
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(":
        j -= 1
    word = text[j:i + 1]
    return word in context().kind("title") or bool(NO_END_WORD.search(text[max(0, i - 3):i]))


def _sentence_end(text: str, i: int, limit: int) -> int:
    """End of the sentence that goes on from ``i`` (abbreviation dots do not end one), at most ``limit``."""
    for m in SENTENCE_END.finditer(text, i, limit):
        if not _abbreviation_dot(text, m.start()):
            return m.end()
    return limit


def _sentence_start(text: str, i: int) -> int:
    """Start of the sentence that holds position ``i`` (abbreviation dots do not end one)."""
    start = text.rfind("\n", 0, i) + 1
    for m in SENTENCE_END.finditer(text, start, i):
        if not _abbreviation_dot(text, m.start()):
            start = m.end()
    return start


def after_speaker(text, close_end, limit, mentions, speech):
    """'„…“, sagte Goebel' / '„…,“ so Bundestagsabgeordnete Emmi X.'"""
    m = re.compile(r"\s*[,–—-]?\s*").match(text, close_end)
    i = m.end()
    words = WORD.findall(text[i:i + 40])
    if not words or words[0] not in speech:
        return None
    end = _sentence_end(text, i, limit)
    budget = 0
    for mt in mentions:
        if mt[0] < i:
            continue
        if mt[0] >= end:
            break
        budget = len(WORD.findall(text[i:mt[0]]))
        return mt if budget <= MAX_WORDS_AFTER_VERB else None
    return None


def pronoun_speaker(text, open_pos, close_end, mentions, speech):
    """'„…“, sagte sie.' -> the last person named before the quotation, if the pronoun fits
    that person's gender (from the given name) and nobody else was named in between."""
    m = re.compile(r"\s*[,–—-]?\s*").match(text, close_end)
    words = WORD.findall(text[m.end():m.end() + 40])
    pronouns = context().kind("pronoun")
    if len(words) < 2 or words[0] not in speech or words[1] not in pronouns:
        return None
    before = [mt for mt in mentions if mt[1] <= open_pos and open_pos - mt[1] <= MAX_PRONOUN_CHARS]
    if not before:
        return None
    last = before[-1]
    if any(mt[2] != last[2] for mt in before if "\n\n" not in text[mt[1]:open_pos]
           and mt[0] >= open_pos - MAX_PRONOUN_CHARS // 2):
        return None                                    # two people named just before: ambiguous
    return last if name_gender(last[2]) == pronouns[words[1]] else None


def before_speaker(text, open_pos, mentions):
    """'Karoline X: „…' / 'Martin X ergänzt: „…'"""
    j = open_pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or text[j - 1] != ":":
        return None
    colon = j - 1
    cands = [m for m in mentions if m[1] <= colon]
    if not cands:
        return None
    mt = cands[-1]
    between = text[mt[1]:colon]
    if "\n" in between or re.search(r"[!?;„“\"«»]|\.(?=\s+[A-ZÄÖÜ])", between):
        return None
    between = re.sub(r"\([^()]*\)", " ", between)       # 'Anna X (SPD) meinte:'
    between = re.sub(r"^\s*,[^,]*,", " ", between)      # 'Max X, Leiter des Amtes, sagte:'
    return mt if len(WORD.findall(between)) <= MAX_WORDS_BEFORE_COLON else None


def framed_speaker(text, open_pos, mentions, speech):
    """'Anna X (SPD) sprach von einem „…' / 'Jan X, Leiter des Bauamts, bezeichnete das als „…' /
    'Jan X betonte, die Stadt sei „…': the last person mentioned before the quotation in its
    sentence, followed by a framing verb and its word (or a speech verb and a comma)."""
    start = _sentence_start(text, open_pos)
    cands = [m for m in mentions if start <= m[0] and m[1] <= open_pos]
    if not cands:
        return None
    mt = cands[-1]
    if any(m[2] != mt[2] for m in cands):
        return None                                    # two people in the sentence: ambiguous
    between = text[mt[1]:open_pos]
    if re.search(r"[„“\"«»:;]", between):
        return None
    between = re.sub(r"\([^()]*\)", " ", between)       # 'Anna X (SPD) sprach'
    words = WORD.findall(between)
    if sum(w[0].isalnum() for w in words) > MAX_WORDS_BEFORE_FRAMED:
        return None
    frames = context().kind("quote_frame")
    copulas = context().kind("copula")                 # 'X ist, wie sie sagt, „…' is no speech verb
    for k, w in enumerate(words):
        if w in frames and (not frames[w] or frames[w] in words[k + 1:]):
            return mt
        if w in speech and w not in copulas and w != "so" and words[k + 1:k + 2] == [","]:
            return mt
    return None


def continuation(text, prev, open_pos, mentions):
    """A quotation that goes on after the attributed one: '„…“, sagte X. „…“'"""
    prev_end, who = prev
    between = text[prev_end:open_pos]
    if "\n" in between or len(between) > 200:
        return None
    others = [m for m in mentions if prev_end <= m[0] < open_pos and m[2] != who[2]]
    if others:
        return None
    cut = max(between.rfind(". "), between.rfind("! "), between.rfind("? "))
    last_start = prev_end + cut + 1 if cut >= 0 else prev_end
    own = any(last_start <= m[0] < open_pos for m in mentions)
    if between.rstrip().endswith(":") and not own:
        return None                                    # someone else introduced: 'Ein Sprecher erklärte: „…'
    return who
