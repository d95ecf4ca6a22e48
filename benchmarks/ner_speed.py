#!/usr/bin/env python3
"""Speed of the recognition stage (the NLP pipeline that fills doc.ents), in words per second.

    python benchmarks/ner_speed.py [--model egovnews] [--words 60000] [--shared ../shared]

Texts: German news-style paragraphs generated from invented templates (people,
offices, places, organisations, dates) - nothing copied from any corpus; when
../shared/corpus/dev is present its texts are timed too (read at run time, not
stored). One process, ``nlp.pipe`` with batch size 32, after a warm-up run;
words are whitespace-separated tokens of the text. Prints one line per text
set and model.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GIVEN = ["Thomas", "Sabine", "Klaus", "Anna", "Jörg", "Katrin", "Michael", "Petra", "Stefan", "Julia", "Hans-Peter",
         "Ursula", "Jan Erik", "Frank", "Birgit", "Ralf", "Claudia", "Dirk", "Monika", "Tobias"]
SURNAME = ["Brandtner", "Kessler", "Hollmann", "Grotemann", "Lindqvist", "Schäfer", "Wendtland", "Brommler",
           "Ostermeier", "Kleinschmidt", "Vogt", "Hartwig", "Rautenberg", "Pohlmann", "Zillner", "Sölling"]
ROLE = ["Landrat", "Bürgermeisterin", "Staatssekretär", "Digitalministerin", "Oberbürgermeister", "CIO des Landes",
        "Geschäftsführer", "Amtsleiterin", "Erster Stadtrat", "Vorsitzende des IT-Planungsrats"]
PLACE = ["Gifhorn", "Braunschweig", "Wolfsburg", "Celle", "Kassel", "Bamberg", "Potsdam", "Rostock", "Jena",
         "Neustadt an der Weinstraße", "Kiel", "Mainz", "Hameln", "Lüneburg", "Landkreis Harburg"]
ORG = ["das Landratsamt {p}", "die Stadtverwaltung {p}", "das Niedersächsische Ministerium für Inneres und Sport",
       "die Musterdaten GmbH", "der Zweckverband Digitale Kommunen (ZDK)", "das Bundesamt für Sicherheit in der "
       "Informationstechnik", "die Digitalagentur {p} e.V.", "der IT-Planungsrat", "Dataport", "die FITKO"]
SENT = [
    "{role} {name} stellte am Dienstag in {place} das neue Serviceportal vor.",
    "„Wir wollen die Verwaltung konsequent digitalisieren“, sagte {name}, {role} von {place}.",
    "Gemeinsam mit {org} sollen bis Ende 2025 rund 120 Leistungen online verfügbar sein.",
    "Nach Angaben von {org} wurden im vergangenen Jahr mehr als 4.000 Anträge digital eingereicht.",
    "{surname} betonte, dass die Kommunen im Landkreis dabei nicht allein gelassen würden.",
    "Die Kosten von rund 2,3 Millionen Euro trägt zu einem großen Teil das Land, teilte {org} mit.",
    "Kritik kam von {role} {name}: Die Fristen des Onlinezugangsgesetzes seien kaum zu halten.",
    "In {place} und {place2} können Bürgerinnen und Bürger ihren Wohnsitz inzwischen online ummelden.",
    "Das Projekt wird von {org} koordiniert und soll später auch anderen Kommunen offenstehen.",
    "Die nächste Sitzung findet am 14. März in {place} statt, kündigte {surname} an.",
]


def generate(words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts, n = [], 0
    while n < words:
        paras = []
        for _ in range(rng.randint(3, 6)):
            sents = []
            for _ in range(rng.randint(2, 5)):
                g, s = rng.choice(GIVEN), rng.choice(SURNAME)
                p, p2 = rng.sample(PLACE, 2)
                sents.append(rng.choice(SENT).format(role=rng.choice(ROLE), name=f"{g} {s}", surname=s, place=p,
                                                     place2=p2, org=rng.choice(ORG).format(p=p)))
            paras.append(" ".join(sents))
        t = "\n\n".join(paras)
        texts.append(t)
        n += len(t.split())
    return texts


def measure(nlp, texts: list[str], repeat: int = 1) -> tuple[float, float]:
    """(wall-clock words/s, CPU-time words/s), best of ``repeat`` runs. The CPU figure
    tells what the process itself needs when other jobs share the cores."""
    list(nlp.pipe(texts[:5]))                      # warm-up: lexicon matchers, caches
    words = sum(len(t.split()) for t in texts)
    best, best_cpu = 0.0, 0.0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        best = max(best, words / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, words / max(time.process_time() - c0, 1e-9))
    return best, best_cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", action="append", help="model(s) to time (default: egovnews and egovnews-rules)")
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per set; the fastest counts (less noise from other load)")
    ap.add_argument("--threads", type=int, default=1, help="BLAS/numpy threads (1: one core, the issue's setting)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(a.threads))
    from pipeline.nlp import load_nlp

    sets = {"generated": generate(a.words)}
    dev = a.shared / "corpus" / "dev"
    if dev.is_dir():
        import json
        sets["shared-dev-gold-text"] = [json.loads(p.read_text(encoding="utf-8")).get("text", "")
                                        for p in sorted(dev.glob("*.gold.json"))] * 5
    for model in a.model or ["egovnews", "egovnews-rules"]:
        nlp, name = load_nlp(model)
        for label, texts in sets.items():
            w = sum(len(t.split()) for t in texts)
            wps, cpu = measure(nlp, texts, a.repeat)
            print(f"{name:32} {label:22} {w:7d} words  {wps:9,.0f} words/s  ({cpu:,.0f} words/CPU-s)  "
                  f"pipes={','.join(nlp.pipe_names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
