"""The place and organisation name matchers of the NER, built once per pipeline.

Both ``egov_gazetteer_features`` (before the CNN) and ``egov_ner_rules``
(after it) match the same ~41k gazetteer names (places with their genitive
forms, organisations). ``phrase_matchers`` builds the pair once per
vocabulary and hands the same objects to both components (it was built twice:
1.3 s + 0.6 s of start-up).

The names are NOT tokenised by the pipeline's own tokenizer. spaCy's
tokenizer caches the analysis of the first 10,000 distinct strings it sees
and never evicts; tokenising the names filled that cache, so no word of any
document was ever cached, and flushing it does not help (the freed slots
still count as used). A throw-away tokenizer with the same settings
tokenises the names instead (real page texts: tokenizer 7.0 -> 4.65 ms per
document, measured in one process with /tmp benchmarks, see the closing note
of issue 16). The name token lists are kept in the start-up cache
(``cache.cached``), keyed on the lexicon files and the tokenizer's settings,
so later starts build the matchers from words without tokenising at all.
"""
from __future__ import annotations

import hashlib
import threading

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..settings import DATA_DIR
from . import cache

_BUILT: dict[tuple, tuple] = {}   # (id(vocab), data_dir) -> (vocab, (loc, org)); the vocab kept keeps its id unique
_LOCK = threading.Lock()


def loc_names(lex) -> list[str]:
    """Place names of the lexicon plus their genitive forms ('Ulms'), in the lexicon's order."""
    names = list(lex.loc)
    return names + [n + "s" for n in names if " " not in n and not n.endswith(("s", "ß", "x", "z"))]


def org_names(lex) -> list[str]:
    return sorted(lex.org)


def _pattern(f) -> str:
    owner = getattr(f, "__self__", None)
    return getattr(owner, "pattern", repr(f)) if f is not None else ""


def tokenizer_signature(tok) -> str:
    """A digest of everything that decides how a tokenizer splits a string."""
    rules = sorted((k, repr(v)) for k, v in (tok.rules or {}).items())
    parts = [repr(rules), _pattern(tok.prefix_search), _pattern(tok.suffix_search), _pattern(tok.infix_finditer),
             _pattern(tok.token_match), _pattern(tok.url_match), repr(getattr(tok, "faster_heuristics", None))]
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()


def name_tokenizer(tok) -> Tokenizer:
    """A copy of ``tok`` (same vocab and settings) whose cache can be thrown away."""
    return Tokenizer(tok.vocab, rules=tok.rules, prefix_search=tok.prefix_search, suffix_search=tok.suffix_search,
                     infix_finditer=tok.infix_finditer, token_match=tok.token_match, url_match=tok.url_match,
                     faster_heuristics=getattr(tok, "faster_heuristics", True))


def _tokenised(lex, tok, data_dir) -> tuple[list[list[str]], list[list[str]]]:
    """(place names, organisation names) as lists of token strings, from the start-up cache."""
    d = DATA_DIR if data_dir is None else data_dir

    def build():
        copy = name_tokenizer(tok)
        return ([[t.text for t in doc] for doc in copy.pipe(loc_names(lex))],
                [[t.text for t in doc] for doc in copy.pipe(org_names(lex))])

    return cache.cached("matcher-names", [f"{d}/ner_loc_lexicon.txt", f"{d}/ner_org_lexicon.txt"], build,
                        extra=tokenizer_signature(tok))


class NameMatcher:
    """spaCy's ``PhraseMatcher(attr="ORTH")`` for a fixed list of token sequences, as a dict by first token.

    Calling it on a Doc gives ``(key, start, end)`` for every token sequence of the list found in the Doc,
    overlapping ones included, each (start, end) once, sorted by start and end: the matches of a
    PhraseMatcher holding the same sequences (tests/test_speed_startup.py compares the two). Built from
    token strings without creating ~41k Docs (0.4-0.6 s of every start); the key is the label's hash
    as with ``PhraseMatcher.add(label, ...)``.
    """

    def __init__(self, vocab, label: str, sequences: list[list[str]]):
        self.key = vocab.strings.add(label)
        index: dict[str, set] = {}
        for seq in sequences:
            if seq:
                index.setdefault(seq[0], set()).add(tuple(seq[1:]))
        # longest first, so a caller could stop early; () = the first word alone
        self.index = {w: tuple(sorted(rests, key=len, reverse=True)) for w, rests in index.items()}

    def __len__(self) -> int:
        return sum(len(r) for r in self.index.values())

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        words = [t.text for t in doc]
        n = len(words)
        index, key = self.index, self.key
        out = []
        for i, w in enumerate(words):
            rests = index.get(w)
            if rests is None:
                continue
            for rest in rests:
                k = len(rest)
                if i + 1 + k <= n and (not k or tuple(words[i + 1:i + 1 + k]) == rest):
                    out.append((key, i, i + 1 + k))
        out.sort(key=lambda m: (m[1], m[2]))
        return out


def phrase_matchers(vocab, tok, lex, data_dir=None) -> tuple[NameMatcher, NameMatcher]:
    """The (place, organisation) matchers for ``vocab``, built on the first call and shared."""
    with _LOCK:
        k = (id(vocab), str(data_dir))
        hit = _BUILT.get(k)
        if hit is not None and hit[0] is vocab:
            return hit[1]
        locs, orgs = _tokenised(lex, tok, data_dir)
        pair = (NameMatcher(vocab, "LOC", locs), NameMatcher(vocab, "ORG", orgs))
        _BUILT[k] = (vocab, pair)
        return pair


def spacy_phrase_matcher(vocab, label: str, sequences: list[list[str]]) -> PhraseMatcher:
    """The PhraseMatcher ``NameMatcher`` stands in for (the reference of its test)."""
    m = PhraseMatcher(vocab, attr="ORTH")
    m.add(label, [Doc(vocab, words=w) for w in sequences if w])
    return m
