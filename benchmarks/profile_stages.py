"""Where the time goes: start-up and ms per document for every stage and spaCy component, in one process.

    .venv/bin/python benchmarks/profile_stages.py                  # 400 real pages (../shared), batch as the runner
    .venv/bin/python benchmarks/profile_stages.py --docs 200 --corpus DIR --json

One worker's work, measured stage by stage over all documents (so a stage's
time is not mixed with another's cache effects): ingest (the runner's two
passes: templates + reading), clean, language, each component of the spaCy
pipeline (the tokenizer, then every pipe, through ``pipe`` with the runner's
batch size, or one call per document with ``--batch 1``), every extractor,
the table rows and writing. Start-up is profiled with cProfile: imports,
``load_nlp`` (and within it the model, the lemma table, the word lists, the
matchers) and the warm-up document. In the same run spaCy's blank German
tokenizer is timed on the same texts: the words/s reference of issue 16.
"""
from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# start-up functions reported from the cProfile of load_nlp + warm-up: (label, file part, function name)
STARTUP_FUNCS = [
    ("spacy.load (model from disk)", "spacy/__init__.py", "load"),
    ("lemma lookup table", "spacy/pipeline/lemmatizer.py", "initialize"),
    ("word lists (lexicons.load)", "pipeline/ner/lexicons.py", "load"),
    ("cluster list", "pipeline/ner/lexicons.py", "load_clusters"),
    ("world place names", "pipeline/ner/lexicons.py", "load_world_places"),
    ("world person names", "pipeline/ner/lexicons.py", "load_world_names"),
    ("start-up cache (read)", "pipeline/ner/cache.py", "cached"),
    ("gazetteer-feature matchers", "pipeline/ner/features.py", "_matchers"),
    ("rule-layer matchers", "pipeline/ner/__init__.py", "_matchers"),
    ("shared matchers", "pipeline/ner/matchers.py", "phrase_matchers"),
]


class Timer:
    def __init__(self):
        self.ms: dict[str, float] = {}

    def add(self, key: str, seconds: float) -> None:
        self.ms[key] = self.ms.get(key, 0.0) + seconds * 1000


def _cum(stats: pstats.Stats, part: str, func: str) -> float:
    best = 0.0
    for (fn, _, name), (_, _, _, ct, _) in stats.stats.items():
        if name == func and fn.replace("\\", "/").endswith(part):
            best = max(best, ct)
    return best


def startup(model) -> tuple[object, dict]:
    """Load and warm the pipeline under cProfile; returns (nlp, {label: seconds})."""
    t0 = time.perf_counter()
    from pipeline import runner  # noqa: F401
    from pipeline import nlp as nlp_stage
    t_imp = time.perf_counter() - t0
    prof = cProfile.Profile()
    t1 = time.perf_counter()
    prof.enable()
    nlp = runner._warm(nlp_stage.load_nlp(model)[0])
    prof.disable()
    t_load = time.perf_counter() - t1
    st = pstats.Stats(prof)
    out = {"imports (after the interpreter)": t_imp, "load_nlp + warm-up": t_load}
    for label, part, func in STARTUP_FUNCS:
        v = _cum(st, part, func)
        if v:
            out["  " + label] = v
    return nlp, out


def reference(texts: list[str]) -> dict:
    import spacy

    tok = spacy.blank("de")
    for _ in tok.pipe(texts[:50]):
        pass
    t0 = time.perf_counter()
    for _ in tok.pipe(texts, batch_size=256):
        pass
    sec = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    return {"seconds": sec, "words": words, "words_per_s": words / sec}


def per_document(corpus: Path, nlp, batch: int, tm: Timer) -> tuple[list, list[str]]:
    from pipeline import extract, ingest, language, runner
    from pipeline.clean import clean
    from pipeline.errors import EgovError
    from pipeline.settings import DEFAULT

    settings = DEFAULT.with_(workers=1, quiet=True)
    t = time.perf_counter()
    idx = runner._scan([corpus], settings, exclude=[])
    docs = [d for d in ingest.iter_documents([corpus], settings) if not isinstance(d, EgovError)]
    tm.add("ingest (2 passes, templates)", time.perf_counter() - t)
    t = time.perf_counter()
    arts = []
    for d in docs:
        a = clean(d, settings, idx.templates)
        a.doc_id = d.doc_id
        arts.append(a)
    tm.add("clean", time.perf_counter() - t)
    t = time.perf_counter()
    for a in arts:
        a.language = a.language or language.detect(a.text)
    tm.add("language", time.perf_counter() - t)
    t = time.perf_counter()
    sdocs = [nlp.make_doc(a.text) for a in arts]
    tm.add("nlp: tokenizer", time.perf_counter() - t)
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        if batch > 1 and hasattr(proc, "pipe"):
            sdocs = list(proc.pipe(sdocs, batch_size=batch))
        else:
            sdocs = [proc(d) for d in sdocs]
        tm.add(f"nlp: {name}", time.perf_counter() - t)
    for a, d in zip(arts, sdocs):
        a.doc = d
    _extract(arts, tm)
    return arts, [d.text for d in docs]


def _extract(arts: list, tm: Timer) -> None:
    from pipeline.extract import dates, entities_from_doc, orgs, people, places, quotes, services, topics
    from pipeline.text import doc_lemmas, word_tokens

    toks: dict[int, list] = {}
    steps = [("entities", lambda a: setattr(a, "entities", entities_from_doc(a))),
             ("places", lambda a: setattr(a, "places", places.extract(a))),
             ("orgs", lambda a: setattr(a, "organizations", orgs.extract(a))),
             ("people", lambda a: setattr(a, "people", people.extract(a))),
             ("quotes", lambda a: setattr(a, "quotes", quotes.extract(a))),
             ("dates", lambda a: setattr(a, "dates", dates.extract(a))),
             ("word tokens/lemmas", lambda a: toks.__setitem__(id(a), word_tokens(a.text or "", doc_lemmas(a.doc)))),
             ("topics", lambda a: setattr(a, "topics", topics.extract(a, toks[id(a)]))),
             ("services", lambda a: setattr(a, "services", services.extract(a, toks[id(a)])))]
    for name, fn in steps:
        t = time.perf_counter()
        for a in arts:
            fn(a)
        tm.add(f"extract: {name}", time.perf_counter() - t)
    for a in arts:
        a.doc = None


def write(arts: list, tm: Timer) -> None:
    from pipeline.export import TableWriter
    from pipeline.tables import article_rows

    t = time.perf_counter()
    rows = [article_rows(a) for a in arts]
    tm.add("tables: rows", time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        w = TableWriter(Path(tmp) / "out", ("parquet", "csv"))
        for r in rows:
            w.add_all(r)
        w.commit()
        tm.add("tables: write parquet+csv", time.perf_counter() - t)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--corpus", type=Path, default=None, help="a folder of documents (default: real pages)")
    ap.add_argument("--batch", type=int, default=None, help="pipe batch size (default: the runner's)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    t_interp = T_START  # the interpreter start before this module is not measurable here
    nlp, start = startup(a.model)
    from pipeline.settings import DEFAULT

    batch = a.batch or getattr(DEFAULT, "batch_size", 1)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = a.corpus
        if corpus is None:
            import real_pages

            corpus = Path(tmp) / "pages"
            real_pages.build_real_corpus(corpus, a.docs)
        tm = Timer()
        arts, texts = per_document(corpus, nlp, batch, tm)
        write(arts, tm)
        ref = reference(texts)
    n = len(arts)
    per_doc = {k: v / n for k, v in tm.ms.items()}
    total = sum(per_doc.values())
    start_s = start["imports (after the interpreter)"] + start["load_nlp + warm-up"]
    e2e_wps = ref["words"] / (start_s + total * n / 1000)
    res = {"documents": n, "batch": batch, "startup_s": start, "ms_per_doc": per_doc, "total_ms_per_doc": total,
           "reference_words_per_s": ref["words_per_s"], "words": ref["words"],
           "pct_of_reference_end_to_end": 100 * e2e_wps / ref["words_per_s"],
           "pct_of_reference_without_startup": 100 * (ref["words"] / (total * n / 1000)) / ref["words_per_s"],
           "load": os.getloadavg(), "t_interp": t_interp}
    if a.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"{n} documents, {ref['words']:,} words, pipe batch {batch}; load {os.getloadavg()[0]:.2f}")
    print(f"{'start-up':44} {'s':>8}")
    for k, v in start.items():
        print(f"{k:44} {v:8.2f}")
    # ms/doc scaled to a machine whose blank tokenizer runs at 100k words/s: compares runs under other loads
    norm = ref["words_per_s"] / 100_000
    print(f"{'stage / component':44} {'ms/doc':>8} {'share':>7} {'ms@100k':>8}")
    for k, v in per_doc.items():
        print(f"{k:44} {v:8.2f} {100 * v / total:6.1f}% {v * norm:8.2f}")
    print(f"{'total':44} {total:8.2f} {'':7} {total * norm:8.2f}")
    print(f"{'start-up total (s)':44} {start_s:8.2f} {'':7} {start_s * norm:8.2f}")
    print(f"blank tokenizer {ref['words_per_s']:,.0f} words/s; this process = "
          f"{res['pct_of_reference_end_to_end']:.2f} % of it with start-up, "
          f"{res['pct_of_reference_without_startup']:.2f} % without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
