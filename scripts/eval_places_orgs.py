#!/usr/bin/env python3
"""Score the places and organisations extractors alone on a gold folder.

    python scripts/eval_places_orgs.py [GOLD_DIR] [--verbose]

Builds an Article from each ``*.gold.json``'s clean ``text`` (so the clean
stage does not matter), runs the NLP stage and the places/orgs extractors,
and scores them the way ``shared/eval/score.py`` does: places match by AGS
where both carry one, else by name; ``place_ags`` is the share of matched
places with the right AGS; an organisation matches when its name or its
canonical equals the gold string (casefolded).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import nlp as nlp_stage  # noqa: E402
from pipeline.extract import entities_from_doc, orgs, places  # noqa: E402
from pipeline.model import Article, content_hash  # noqa: E402


def norm(s) -> str:
    s = unicodedata.normalize("NFC", str(s or ""))
    s = s.replace("\u00ad", "").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().casefold()


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default="/work/shared/corpus/dev")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    nlp = nlp_stage.load_nlp(None)[0]
    pl = [0, 0, 0]
    ags = [0, 0]
    og = [0, 0, 0]
    secs = 0.0
    for g in sorted(Path(a.gold).rglob("*.gold.json")):
        d = json.loads(g.read_text(encoding="utf-8"))
        text = d.get("text", "")
        art = Article(doc_id=content_hash(text), source_file=d["file"], text=text)
        nlp_stage.annotate(art, nlp)
        art.entities = entities_from_doc(art)
        t = time.perf_counter()
        art.places = places.extract(art)
        art.organizations = orgs.extract(art)
        secs += time.perf_counter() - t
        # places
        ppl = art.places
        matched = set()
        for gp in d.get("places", []):
            hit = None
            for i, pp in enumerate(ppl):
                if i in matched:
                    continue
                if (gp.get("ags") and pp.ags and gp["ags"] == pp.ags) or norm(gp["name"]) == norm(pp.name):
                    hit = i
                    break
            if hit is None:
                pl[2] += 1
                if a.verbose:
                    print(f"{g.name}: places: missed {gp['name']}")
            else:
                matched.add(hit)
                pl[0] += 1
                ags[1] += 1
                if str(gp.get("ags") or "") == ppl[hit].ags:
                    ags[0] += 1
                elif a.verbose:
                    print(f"{g.name}: place_ags: {gp['name']} want {gp.get('ags')!r} got {ppl[hit].ags!r}")
        for i, pp in enumerate(ppl):
            if i not in matched:
                pl[1] += 1
                if a.verbose:
                    print(f"{g.name}: places: extra {pp.name} ({pp.kind} {pp.ags}) {pp.surface}")
        # organisations
        gorg = {norm(o) for o in d.get("organizations", [])}
        porg = set()
        for o in art.organizations:
            forms = {norm(o.name), norm(o.canonical)} - {""}
            porg.add(next(iter(forms & gorg), norm(o.name)))
        og[0] += len(gorg & porg)
        og[1] += len(porg - gorg)
        og[2] += len(gorg - porg)
        if a.verbose and gorg != porg:
            print(f"{g.name}: organizations: missed {sorted(gorg - porg)} extra {sorted(porg - gorg)}")
    print(f"{'field':<16}{'P':>7}{'R':>7}{'F1/acc':>8}   n")
    for name, (tp, fp, fn) in (("places", pl), ("organizations", og)):
        p, r, f = prf(tp, fp, fn)
        print(f"{name:<16}{p:7.3f}{r:7.3f}{f:8.3f}   {tp + fn}")
    print(f"{'place_ags':<16}{'':7}{'':7}{(ags[0] / ags[1] if ags[1] else 1.0):8.3f}   {ags[1]}")
    print(f"extractors: {secs:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
