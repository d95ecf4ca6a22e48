#!/usr/bin/env python3
"""Recall of person->place links and roles by the construction the text states them with.

    python scripts/eval_constructions.py GOLD_DIR OUT_DIR [--misses]

For every gold (person, place) and (person, role) pair of ``GOLD_DIR/*.gold.json`` the script finds the
construction around a mention of the person in the article text of ``OUT_DIR/articles.parquet``
(regular expressions built from the gold strings, first match wins, see ``PLACE_RULES`` and
``ROLE_RULES``) and counts whether ``OUT_DIR/people.parquet`` has the pair (compared as
``eval/score.py`` compares them). Prints ``construction: found/total``. The classification is a
heuristic for reading the figures, not part of the product.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

WINDOW = 160          # characters around a mention of the person searched for the construction

# (construction, regex over the window; {P} = place core, {S} = surname, {R} = role as written)
PLACE_RULES = [
    ("bracket place after name 'X (P)'", r"{S}\s*\((?:Stadt |Gemeinde |Landkreis |Kreis )?{P}"),
    ("comma place after name 'X (Partei), P,'", r"{S}(?: \([^)]*\))?, {P}\s*[,;.]"),
    ("'X [stellv.] für P'", r"{S}\s+(?:\w+\.?\s+)?für (?:den |das |die )?{P}"),
    ("place noun + place 'der Stadt P', 'im Landratsamt P'",
     r"(?:der|des|im|vom|beim|am) (?:Stadt|Gemeinde|Landkreises|Kreises|Landratsamt|Landkreis|Markt|Marktes|"
     r"Hansestadt|Landeshauptstadt|Verbandsgemeinde|Samtgemeinde|Bezirksamt|Rathaus) {P}"),
    ("genitive owner 'Ps Rolle'", r"\b{P}s \w+"),
    ("city adjective 'Per Rolle'", r"\b{Pstem}(?:er|ner) \w+"),
    ("prefix 'P-Rolle'", r"\b{P}-\w+"),
    ("'von/in/aus P'", r"\b(?:von|in|aus) {P}\b"),
    ("Land adjective ('bayerische')", r"\b{Padj}\w* \w+"),
]
ROLE_RULES = [
    ("quote speaker description '„…“, sagt der Rolle'", r"[“\"],\s+\w+\s+(?:der|die)\s+{R}"),
    ("possessive title 'Sein Titel: „Rolle'", r"\b(?:Sein|Ihr)e?\s+(?:\w+\s+)?(?:Titel|Amt|Funktion):\s*„?{R}"),
    ("role (short form) [owner], X", r"{R}\w*[^,.]{{0,80}}\([^)]*\)[^,.]{{0,30}},\s+(?:\w+\s+)?{S}"),
    ("bracket role 'X (Rolle ...)'", r"{S}\s*\([^)]*{R}"),
    ("role before name 'Rolle [Titel] X'", r"{R}\w{{0,3}}\s+(?:(?:Dr|Prof)\.\s+)*(?:\w+\s+){{0,2}}{S}"),
    ("role after name 'X, Rolle'", r"{S}(?: \([^)]*\))?,\s+(?:\w+\s+){{0,3}}{R}"),
    ("dash apposition 'X – Rolle'", r"{S}(?: \([^)]*\))?\s+[–—]\s+(?:\w+\s+){{0,3}}{R}"),
    ("copula 'X ist/wird Rolle'", r"{S}[^.]{{0,60}}\b(?:ist|war|wird|wurde|bleibt|heißt)\b[^.]{{0,40}}{R}"),
    ("election 'zum/zur Rolle'", r"{S}[^.]{{0,80}}\bzu[mr]? (?:\w+ )?{R}"),
    ("'als Rolle'", r"{S}[^.]{{0,80}}\bals (?:\w+ )?{R}"),
]


def _scorer(gold_dir: Path):
    path = next(p for p in [gold_dir.parent / "eval" / "score.py", gold_dir.parents[1] / "eval" / "score.py"]
                if p.exists())
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def classify(text: str, surname: str, rules: list, **fill) -> str:
    """The first construction whose pattern matches near a mention of ``surname``; 'other' when none."""
    for m in re.finditer(re.escape(surname), text):
        win = text[max(0, m.start() - WINDOW):m.end() + WINDOW]
        for name, rx in rules:
            if re.search(rx.format(S=re.escape(surname), **fill), win, re.I):
                return name
    return "other (not found near a mention)"


def main() -> int:
    gold_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    show = "--misses" in sys.argv
    sc = _scorer(gold_dir)
    arts = pd.read_parquet(out / "articles.parquet")
    ppl = pd.read_parquet(out / "people.parquet")
    place_tot, place_hit, role_tot, role_hit = Counter(), Counter(), Counter(), Counter()
    for gf in sorted(gold_dir.rglob("*.gold.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        row = arts[arts.source_file.str.endswith(gf.name.replace(".gold.json", ".txt"))]
        if row.empty:
            continue
        text, doc = row.iloc[0].text, row.iloc[0].doc_id
        preds = ppl[ppl.doc_id == doc].to_dict("records")
        pplace = {(sc.person_key(p["name"]), sc.place_key(p["place"])) for p in preds if sc.norm(p["place"])}
        for p in g.get("people", []):
            surname = p["name"].split()[-1]
            if p.get("place"):
                core = re.sub(r"^(Landkreis|Kreis|Stadt) ", "", p["place"]).split(" (")[0]
                fill = {"P": re.escape(core), "Pstem": re.escape(core[:-1] if core.endswith("en") else core),
                        "Padj": re.escape(core[:5].lower())}
                kind = classify(text, surname, PLACE_RULES, **fill)
                place_tot[kind] += 1
                hit = (sc.person_key(p["name"]), sc.place_key(p["place"])) in pplace
                place_hit[kind] += hit
                if show and not hit:
                    print(f"miss place [{kind}] {gf.name}: {p['name']} -> {p['place']}")
            gold_roles = [r for r in p.get("roles", []) if r]
            for r in gold_roles:
                kind = classify(text, surname, ROLE_RULES, R=re.escape(r.split()[-1][:-2] if len(r.split()[-1]) > 6
                                                                        else r.split()[-1]))
                _, _, fn, missed, _ = sc.score_roles([{"name": p["name"], "roles": [r]}],
                                                     [x for x in preds if sc.person_key(x["name"]) ==
                                                      sc.person_key(p["name"])])
                role_tot[kind] += 1
                role_hit[kind] += fn == 0
                if show and fn:
                    print(f"miss role [{kind}] {gf.name}: {p['name']} -> {r}")
    for title, tot, hit in (("person_place", place_tot, place_hit), ("roles", role_tot, role_hit)):
        print(f"{title}: construction: found/total")
        for k, n in tot.most_common():
            print(f"  {k}: {hit[k]}/{n}")
        print(f"  all: {sum(hit.values())}/{sum(tot.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
