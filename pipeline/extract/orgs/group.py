"""Last step: mentions -> one ``Organization`` per organisation.

``group(mentions, acr_map, text, lx)`` takes all mentions of steps 1-5 and
gives the rows: a mention inside a longer one is dropped (except a catalogued
name inside a longer pattern name); mentions group by taxonomy row, by the
long form of their acronym, by a head@place key or by their loose name; groups
with one acronym are one, a ministry compound joins the one ministry of its
portfolio the text names, a party's 'Fraktion' joins the one parliamentary group
of that party; a bare head counts for the one named organisation with that head; an organisation
only glued into compounds ('AKDB-Pressesprecher') and a generic word are no
row.
"""
from __future__ import annotations

import re

from ...gazetteer import get_gazetteer, key_tokens
from ...model import Organization
from .lexicon import GENERIC, Lexicon, loose
from .names import Mention
from .words import _only_modifiers


def _only_city_adjectives(words: str) -> bool:
    """All words are city adjectives that are no Land adjectives ('Aachener'; not 'Hessische', 'Berliner')."""
    gz = get_gazetteer()
    ws = key_tokens(words)
    return bool(ws) and all(gz.city_adjective(w) and not gz.adjective_state(w) for w in ws)


def _nested_kept(m: Mention, inside: list[Mention], text: str) -> bool:
    """For a mention inside longer kept ones: True when it is kept anyway (a catalogued name inside
    a longer pattern name: 'Bundeskanzleramt' in 'Konferenz des Chefs des Bundeskanzleramtes ...').
    A catalogued name at the end of a longer name of only qualifying words gives that name its
    taxonomy row instead ('Hessischer Landtag' over 'Landtag': one organisation)."""
    tail = [o for o in inside if m.source == "taxonomy" and o.tax is None and o.end == m.end
            and _only_modifiers(text[o.start:m.start])]
    if tail:
        for o in tail:
            o.tax = m.tax
            if _only_city_adjectives(text[o.start:m.start]):
                o.name = m.name     # 'Aachener Regio IT': the city says where, the name is the catalogued one
        return False
    if m.source == "head" and m.name and all(o.start < m.start and text[o.start:m.start].endswith((" der ", " des "))
                                             and (m.end - m.start) < (o.end - o.start) for o in inside):
        return True         # the owner in a genitive complement: 'Arbeitsgemeinschaft X der CDU-Fraktion'
    return m.source == "taxonomy" and all(o.source != "taxonomy" and o.start < m.start
                                          and not text[o.start:m.start].endswith(("-", "/")) for o in inside) and \
        (m.end - m.start) < min(o.end - o.start for o in inside) and \
        not any(o.tax == m.tax for o in inside)


def _drop_nested(named: list[Mention], text: str) -> list[Mention]:
    """Named mentions without those inside or overlapping a longer one (sorted by start)."""
    keep: list[Mention] = []                    # sorted by start (appended in start order)
    longest = max((m.end - m.start for m in named), default=0)

    def near(m):                                # kept mentions that can overlap m: bounded scan
        out = []
        for o in reversed(keep):
            if o.start < m.start - longest:
                break
            out.append(o)
        return out

    for m in sorted(named, key=lambda m: (m.start, -(m.end - m.start))):
        cand = near(m)
        inside = [o for o in cand if o.start <= m.start and m.end <= o.end and o is not m]
        if inside:
            if _nested_kept(m, inside, text):
                keep.append(m)
            continue
        # a longer mention starting later but overlapping (legal form over head): keep the longer
        overl = [o for o in cand if o.start < m.end and m.start < o.end]
        if overl:
            if all((m.end - m.start) > (o.end - o.start) for o in overl) and m.source != "taxonomy":
                for o in overl:
                    keep.remove(o)
            else:
                continue
        keep.append(m)
    return keep


def _group_key(m: Mention, acr_map: dict[str, Mention], lx: Lexicon) -> str:
    """The key a mention groups under: taxonomy row, its acronym's long form, head@place key, loose name."""
    lm = acr_map.get(m.name) if m.short else None
    if lm is not None and lm is not m and lm.name and lm.tax is None and m.tax is not None:
        return "n:" + " ".join(loose(key_tokens(lm.name)))   # a catalogued acronym the text defines otherwise
    if m.tax is not None:
        return "t:" + lx.taxa[m.tax].canonical
    if m.short and m.name in acr_map and acr_map[m.name].name:
        lm = acr_map[m.name]
        return "t:" + lx.taxa[lm.tax].canonical if lm.tax is not None else "n:" + " ".join(loose(key_tokens(lm.name)))
    if m.key:
        return "k:" + m.key
    last = m.name.split(" ")[-1]
    if m.source == "head" and last in acr_map and acr_map[last].name and acr_map[last] is not m \
            and lx.head_by_suffix[m.head].legal_form:   # 'Zweckverband KIRU' after 'KIRU steht für „X“' is X;
        return _group_key(acr_map[last], acr_map, lx)   # 'Aufbaustab ABC' is not ABC itself
    return "n:" + " ".join(loose(key_tokens(m.name)))


def _collect(keep: list[Mention], acr_map: dict[str, Mention], lx: Lexicon) -> dict[str, dict]:
    """Groups (insertion-ordered dict key -> names, spans, tax, acronym, standalone, heads)."""
    groups: dict[str, dict] = {}
    for m in sorted(keep, key=lambda m: m.start):
        key = _group_key(m, acr_map, lx)
        g = groups.get(key)
        if g is None:
            g = groups[key] = dict(names=[], spans=[], tax=m.tax, acronym=m.acronym, standalone=False, heads=set())
        g["spans"].append((m.start, m.end))
        if not m.short:
            g["names"].append(m.name)
        if m.acronym and not g["acronym"]:
            g["acronym"] = m.acronym
        if not m.glued:
            g["standalone"] = True
        if m.head:
            g["heads"].add(m.head)
        g["short_head"] = g.get("short_head", True) and m.short_head
    return groups


def _same_portfolio(short: str, name: str) -> bool:
    """'innenministerium' and 'Bundesministerium des Innern', 'finanzministerium' and 'Ministerium der
    Finanzen': the short form's first part (4 letters) opens a complement word of a ministry's name."""
    if not short.endswith("ministerium") or "ministerium" not in name.casefold():
        return False
    short = re.sub(r"^(bundes|landes|staats)", "", short)   # 'bundesdigitalministerium' -> 'digital...'
    stem = short[:4]
    words = name.casefold().replace(",", " ").split()
    k = next((j for j, w in enumerate(words) if w.endswith("ministerium")), len(words))
    return len(short) > len("ministerium") + 3 and any(w.startswith(stem) for w in words[k + 1:] if len(w) >= 4)


def _one_word(g: dict) -> bool:
    """A group written only as one catalogued word ('Landkreistag', 'Senat'): it may stand for a more
    specific named one of the text ('Bayerischer Landkreistag')."""
    return g["tax"] is not None and bool(g["names"]) and all(" " not in n and n == g["names"][0] for n in g["names"])


def _ministry_word(g: dict) -> bool:
    """An uncatalogued group written only as one ministry compound ('Bundesdigitalministerium')."""
    return g["tax"] is None and bool(g["names"]) and all(" " not in n and n.casefold().endswith("ministerium")
                                                          for n in g["names"])


def _initials(name: str, lx: Lexicon) -> str:
    """Capital initials of a name, the first head compound giving two ('Bundesministerium für Digitales
    und Staatsmodernisierung' -> 'BMDS'; a later compound one: '... und Ehrenamt' -> 'E')."""
    out = ""
    head_seen = False
    for w in re.split(r"[\s-]+", name):
        if not w[:1].isupper():
            continue
        out += w[0]
        hd = lx.head_of(w) if not head_seen else None
        if hd:
            head_seen = True
            if len(hd[1]) > len(hd[0].suffix) + 2:
                out += hd[0].suffix[0].upper()
    return out


def _attach_acronyms(groups: dict[str, dict], lx: Lexicon) -> None:
    """An uncatalogued acronym the text never defines ('ins BMDS') is a mention of the one named
    organisation of the text whose initials it spells."""
    for key in [k for k, g in groups.items() if g["tax"] is None and g["names"]
                and all(n.isupper() and " " not in n and 3 <= len(n) <= 8 for n in g["names"])]:
        acr = groups[key]["names"][0]
        owners = [k for k, g in groups.items() if k != key and any(_initials(n, lx) == acr for n in g["names"])]
        if len(owners) == 1:
            groups[owners[0]]["spans"].extend(groups[key]["spans"])
            groups[owners[0]]["acronym"] = groups[owners[0]]["acronym"] or acr
            del groups[key]


def _attach_short_heads(groups: dict[str, dict]) -> None:
    """A head compound standing alone ('das Finanzministerium') is a mention of the one named organisation
    whose name carries that word ('Finanzministerium von Sachsen-Anhalt', 'Bayerisches
    Finanzministerium'); with none or several, it stays an organisation of its own."""
    for key in [k for k, g in groups.items() if (g["short_head"] and g["tax"] is None) or _one_word(g)
                or _ministry_word(g)]:
        word = groups[key]["names"][0].casefold()
        if _one_word(groups[key]):          # only as the head of a longer name: 'Bayerischer Landkreistag'
            owners = [k for k, g in groups.items() if k != key and not _one_word(g)
                      and any(n.casefold().split()[-1] == word for n in g["names"] if n)]
        else:
            owners = [k for k, g in groups.items() if k != key and not g["short_head"] and not _one_word(g)
                      and any(word in n.casefold().split() or _same_portfolio(word, n) for n in g["names"])]
        if len(owners) == 1:
            groups[owners[0]]["spans"].extend(groups[key]["spans"])
            del groups[key]


def _merge(groups: dict[str, dict], key: str, into: str) -> None:
    """Group ``key`` joins group ``into``: spans, written names, heads; the catalogued row wins."""
    g, o = groups.pop(key), groups[into]
    o["spans"].extend(g["spans"])
    o["names"].extend(g["names"])
    o["heads"] |= g["heads"]
    o["standalone"] = o["standalone"] or g["standalone"]
    if o["tax"] is None:
        o["tax"] = g["tax"]
    o["acronym"] = o["acronym"] or g["acronym"]


def _merge_acronyms(groups: dict[str, dict], lx: Lexicon) -> None:
    """Groups with one acronym are one organisation: the long form the text writes ('Bundesministerium für
    X und Y (ABXY)') and the catalogued short form ('ABXY') of a slightly different canonical name."""
    by_acr: dict[str, str] = {}
    for key in list(groups):
        g = groups[key]
        acr = g["acronym"] or (lx.taxa[g["tax"]].acronym if g["tax"] is not None else "")
        if not acr:
            continue
        if acr in by_acr and by_acr[acr] in groups:
            first = by_acr[acr]
            into, other = (key, first) if groups[first]["tax"] is None and groups[key]["tax"] is not None \
                else (first, key)
            _merge(groups, other, into)
            by_acr[acr] = into
        else:
            by_acr[acr] = key


def _portfolio_names(g: dict, lx: Lexicon) -> list[str]:
    """The written names of a group and its canonical name."""
    return g["names"] + ([lx.taxa[g["tax"]].canonical] if g["tax"] is not None else [])


def _attach_ministry_aliases(groups: dict[str, dict], lx: Lexicon) -> None:
    """A ministry compound the catalogue gives to one ministry ('Bundesdigitalministerium') is the other
    ministry of that portfolio when that one is what the text names (a ministry renamed or newly cut):
    only when the compound is all the text writes of its own row and exactly one other ministry group of
    another row has the portfolio."""
    for key in [k for k, g in groups.items() if _one_word(g) and g["names"][0].casefold().endswith("ministerium")]:
        word = groups[key]["names"][0].casefold()
        owners = [k for k, g in groups.items() if k != key and g["tax"] != groups[key]["tax"]
                  and any(_same_portfolio(word, n) for n in _portfolio_names(g, lx))]
        if len(owners) == 1:
            tax = groups[owners[0]]["tax"]
            _merge(groups, key, owners[0])
            groups[owners[0]]["tax"] = tax


FRAKTION = re.compile(r"^(?P<party>.+?)[- ](?P<parl>\w*)fraktion$", re.I)


def _merge_party_groups(groups: dict[str, dict]) -> None:
    """A party's 'Fraktion' ('Grünen-Fraktion') is its group in the parliament the text names with the same
    party ('Grünen Bundestagsfraktion') when exactly one such group is in the text."""
    def parts(g):
        ms = [FRAKTION.match(n) for n in g["names"]]
        return {(m["party"].casefold(), m["parl"].casefold()) for m in ms if m}
    for key in [k for k, g in groups.items() if g["tax"] is None and g["names"]]:
        mine = parts(groups[key])
        if len(mine) != 1 or next(iter(mine))[1]:
            continue
        party = next(iter(mine))[0]
        owners = [k for k, g in groups.items() if k != key and any(p == party and parl for p, parl in parts(g))]
        if len(owners) == 1:
            _merge(groups, key, owners[0])


def _count_bare_heads(mentions: list[Mention], groups: dict[str, dict]) -> None:
    """A bare head ('das Landratsamt') adds a span to the one named organisation with that head."""
    for m in mentions:
        if m.source == "bare" and m.head:
            owners = [k for k in groups if m.head in groups[k]["heads"]]
            if len(owners) == 1 and not any(s <= m.start < e for s, e in groups[owners[0]]["spans"]):
                groups[owners[0]]["spans"].append((m.start, m.end))


def _row(g: dict, text: str, lx: Lexicon) -> Organization | None:
    """The Organization of one group: its longest written name (the canonical when written too), or
    None for a generic word."""
    tax = lx.taxa[g["tax"]] if g["tax"] is not None else None
    names = g["names"] or ([tax.canonical] if tax and not g["acronym"] else [])
    name = max(names, key=len) if names else text[g["spans"][0][0]:g["spans"][0][1]]
    if tax and name.casefold() != tax.canonical.casefold() and len(name) < len(tax.canonical) \
            and any(n.casefold() == tax.canonical.casefold() for n in names):
        name = tax.canonical
    if name in GENERIC:
        return None
    spans = sorted(set(g["spans"]))
    return Organization(name=name, canonical=tax.canonical if tax else "", mentions=len(spans),
                        spans=spans, acronym=g["acronym"] or (tax.acronym if tax else ""))


def group(mentions: list[Mention], acr_map: dict[str, Mention], text: str, lx: Lexicon) -> list[Organization]:
    """One Organization per group of mentions that occurs on its own at least once, in text order."""
    keep = _drop_nested([m for m in mentions if m.name], text)
    groups = _collect(keep, acr_map, lx)
    _merge_acronyms(groups, lx)
    _attach_ministry_aliases(groups, lx)
    _attach_short_heads(groups)
    _attach_acronyms(groups, lx)
    _merge_party_groups(groups)
    _count_bare_heads(mentions, groups)
    out = []
    for g in groups.values():
        if not g["standalone"]:
            continue
        row = _row(g, text, lx)
        if row is not None:
            out.append(row)
    return out
