#!/usr/bin/env python3
"""Evaluate people / roles / person_place (and quotes) on the dev corpus.

    python scripts/eval_people.py [--gold ../shared/corpus/dev] [--per model|oracle]
                                  [--context model|gold] [--verbose]

Builds one Article per ``*.gold.json`` from its clean ``text``, runs the NLP
stage (``pipeline.nlp.load_nlp()``: whatever NER the project ships), the
places and orgs extractors, then ``people.extract`` and ``quotes.extract``,
and scores with the functions of ``eval/score.py`` (same keys and role heads).

``--per oracle`` replaces the PER entities by the gold names found in the text
(full names only; surname-only mentions are still the extractor's job). It
measures the role/linking logic apart from the NER and is never used in the
product. ``--context gold`` likewise feeds gold places/organisations.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.model import Article, Organization, Place, content_hash  # noqa: E402


def load_scorer(gold_dir: Path):
    path = gold_dir.parents[1] / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def find_all(text: str, s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]


def oracle_ents(doc, text: str, names: list[str]):
    spans = []
    for n in names:
        for s, e in find_all(text, n):
            sp = doc.char_span(s, e, label="PER", alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out, last = [], -1
    for sp in spans:
        if sp.start >= last:
            out.append(sp)
            last = sp.end
    doc.ents = out
    return doc


def gold_places(text: str, gold: dict) -> list[Place]:
    out = []
    for p in gold.get("places", []):
        ags = str(p.get("ags") or "")
        kind = {8: "municipality", 5: "district", 2: "state"}.get(len(ags), "other")
        core = p["name"].replace("Landkreis ", "")
        spans = find_all(text, core)
        out.append(Place(p["name"], kind, ags, mentions=max(1, len(spans)), spans=spans, surface=[core]))
    return out


def gold_orgs(text: str, gold: dict) -> list[Organization]:
    return [Organization(o, o, mentions=len(find_all(text, o)), spans=find_all(text, o))
            for o in gold.get("organizations", [])]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--per", choices=("model", "oracle"), default="model")
    ap.add_argument("--context", choices=("model", "gold"), default="model")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every predicted row and quote")
    a = ap.parse_args()

    from pipeline.extract import orgs, people, places, quotes
    from pipeline.nlp import load_nlp

    sc = load_scorer(a.gold)
    nlp, model_name = load_nlp()
    S = defaultdict(sc.Score)
    notes = []
    n_quotes = 0
    for g in sorted(a.gold.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = gold["text"]
        art = Article(doc_id=content_hash(text), source_file=gold["file"], text=text)
        art.doc = nlp(text)
        if a.per == "oracle":
            oracle_ents(art.doc, text, [p["name"] for p in gold.get("people", [])])
        if a.context == "gold":
            art.places, art.organizations = gold_places(text, gold), gold_orgs(text, gold)
        else:
            art.places, art.organizations = places.extract(art), orgs.extract(art)
        preds = people.extract(art)
        art.people = preds
        qs = quotes.extract(art)
        n_quotes += len(qs)
        for p in preds:
            assert text[p.start:p.end] in (p.name, p.name.split()[-1]) or p.name.endswith(text[p.start:p.end]), p
        gn = {sc.person_key(p["name"]) for p in gold.get("people", [])}
        pn = {sc.person_key(p.name) for p in preds if sc.person_key(p.name)}
        S["people"].add(gn, pn)
        gr = {(sc.person_key(p["name"]), sc.role_head(r)) for p in gold.get("people", []) for r in p.get("roles", [])}
        pr = {(sc.person_key(p.name), sc.role_head(r)) for p in preds for r in (p.role, p.role_canonical)
              if sc.role_head(r)}
        S["roles"].add(gr, pr)
        gp = {(sc.person_key(p["name"]), sc.norm(p["place"])) for p in gold.get("people", []) if p.get("place")}
        pp = {(sc.person_key(p.name), sc.norm(p.place)) for p in preds if p.place}
        S["person_place"].add(gp, pp)
        name = g.name.replace(".gold.json", "")
        for fld, gs, ps in (("people", gn, pn), ("roles", gr, pr), ("person_place", gp, pp)):
            if gs != ps:
                notes.append(f"{name}: {fld}: missed {sorted(gs - ps)} extra {sorted(ps - gs)}")
        if a.show:
            for p in preds:
                print(f"{name}: {p.name!r} role={p.role!r} canon={p.role_canonical!r} place={p.place!r} "
                      f"ags={p.place_ags} org={p.organization!r} title={p.title!r} party={p.party!r} "
                      f"mentions={p.mentions}")
            for q in qs:
                print(f"{name}:   QUOTE {q.speaker}: {q.text[:70]!r}")
    print(f"model: {model_name}; PER: {a.per}; places/orgs: {a.context}")
    print(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}   n_gold")
    for k in ("people", "roles", "person_place"):
        p, r, f = S[k].prf()
        print(f"{k:<14}{p:7.3f}{r:7.3f}{f:7.3f}   {S[k].tp + S[k].fn}")
    print(f"quotes: {n_quotes}")
    if a.verbose:
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
