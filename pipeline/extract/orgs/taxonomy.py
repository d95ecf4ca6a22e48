"""Step 1: names of the taxonomy (``organisations.csv``) in the text.

``find_taxonomy(scan)`` takes a ``Scan`` and gives one ``Mention`` (source
'taxonomy') per catalogued name: multi-word names match loosely (inflection
endings ignored: 'des Nationalen Normenkontrollrates'), one-word names and
acronyms exactly; the longest name at a position wins.
"""
from __future__ import annotations

from ...gazetteer import key_tokens
from .lexicon import light_stem, loose
from .names import Mention, _nom_range
from .scan import Scan


def _match_at(sc: Scan, i: int, stems: list[str]) -> tuple[int, int] | None:
    """(length in tokens, taxonomy row) of the longest catalogued name starting at token i, or None."""
    lx, words, n = sc.lx, sc.words, sc.n
    for k in range(min(lx.loose_first.get(stems[i], 0), n - i), 1, -1):
        if not sc.cap(i):
            t = lx.lower_multi.get(tuple(words[i:i + k]))
            if t is not None:
                return (k, t)
            continue
        t = lx.loose.get(tuple(stems[i:i + k]))
        if t is not None and sc.cap(i + k - 1) or (t is not None and words[i + k - 1].isupper()):
            return (k, t)
    if i + 2 < n and words[i + 1] == "-" and sc.glued(i, i + 1) and sc.glued(i + 1, i + 2):
        t = lx.loose.get((stems[i], stems[i + 2]))
        if t is not None and len(words[i]) >= 3 and len(words[i + 2]) >= 2:
            return (3, t)       # a two-word name written as one hyphen compound: 'Muster-IT' for 'Muster IT'
    if (words[i],) in lx.exact and (sc.cap(i) or words[i][:1].isalnum()):
        # a one-word name glued into a hyphen compound: 'IT-Planungsrat' matched loosely above
        return (1, lx.exact[(words[i],)])
    return None


def _listed_name(sc: Scan, i: int, k: int, t: int) -> str:
    """The name of a match as the taxonomy lists the written form ('des Nationalen Normenkontrollrates'
    -> 'Nationaler Normenkontrollrat'); a one-word genitive gives its base form."""
    lx, words = sc.lx, sc.words
    if k > 1:
        lk = loose(words[i:i + k])
        tx = lx.taxa[t]
        listed = next((f for f in tx.forms + [tx.acronym] if f and loose(key_tokens(f)) == lk),
                      _nom_range(i, i + k, sc.toks, lx))
        return _as_written_after_complement(sc, i, k, listed)
    w = words[i]
    if w.endswith("n") and lx.exact.get((w[:-1],)) == t and (i == 0 or sc.words[i - 1] not in ("die", "den")):
        return w[:-1]   # weak adjective ending: 'der Linken', 'Grünen-Politiker' -> 'Linke', 'Grüne'; the plural
                        # 'die Grünen' / 'von den Grünen' stays as written
    return lx.base_form.get((w,), w)


COMPLEMENT = {"für", "des", "der", "von"}


def _as_written_after_complement(sc: Scan, i: int, k: int, listed: str) -> str:
    """The written form when it differs from the listed one only after its first complement word
    ('Bundesministerium des Inneren' for listed 'des Innern': the genitive complement is fixed, so the
    written form is already the nominative name); else the listed form ('des Nationalen
    Normenkontrollrates' -> 'Nationaler Normenkontrollrat')."""
    written = sc.words[i:i + k]
    lt = list(key_tokens(listed))
    c = next((j for j, w in enumerate(written) if w in COMPLEMENT), None)
    if c is None or c == 0 or lt[:c + 1] != written[:c + 1] or lt == written:
        return listed
    return sc.text[sc.toks[i][0]:sc.toks[i + k - 1][1]]


def find_taxonomy(sc: Scan) -> list[Mention]:
    """Mentions of catalogued names, left to right, not overlapping."""
    stems = [light_stem(w) for w in sc.words]
    out: list[Mention] = []
    i = 0
    while i < sc.n:
        hit = _match_at(sc, i, stems)
        if hit is None:
            i += 1
            continue
        k, t = hit
        s, e = sc.toks[i][0], sc.toks[i + k - 1][1]
        tx = sc.lx.taxa[t]
        # a party glued into a compound names the person's or group's party ('Grünen-Landtagsabgeordneter',
        # 'CDU-Politiker'): it counts as a mention of its own, unlike other glued names ('AKDB-Pressesprecher')
        glued = sc.hyphen_glued(i, k) and tx.category != "Partei"
        out.append(Mention(s, e, _listed_name(sc, i, k, t), t, tx.acronym, short=sc.text[s:e] == tx.acronym,
                           glued=glued, source="taxonomy"))
        i += k
    return out
