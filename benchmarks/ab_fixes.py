"""Before/after figures of the issue-16 fixes, each A/B measured in ONE process (interleaved repetitions,
CPU seconds, best of ``--reps``), so the load of a shared machine hits both sides alike.

    .venv/bin/python benchmarks/ab_fixes.py [--reps 3] [--json]

- tokenizer: the pipeline's tokenizer after the name matchers were built the old way (names tokenised
  by it: its cache full of names) vs. after they were built from a tokenizer copy (today);
- matrix products: the NER (nlp.pipe, batch 32) with thinc's blis gemm vs. numpy/OpenBLAS on one thread;
- batching: ``process_document`` per document vs. ``process_batch`` over 32 documents (whole cascade);
- start-up: fresh interpreters running imports + ``load_nlp`` + one document, with an empty start-up
  cache vs. a filled one.
Texts: the real pages under ../shared (benchmarks/real_pages.py).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def best(fn, reps: int) -> float:
    out = []
    for _ in range(reps):
        c0 = time.process_time()
        fn()
        out.append(time.process_time() - c0)
    return min(out)


def ab_tokenizer(texts, reps):
    import spacy

    from pipeline import nlp as nlp_stage

    nlp = nlp_stage.load_nlp(None)[0]
    runner_warm(nlp)                                         # today: names tokenised by a copy
    polluted = spacy.blank("de", vocab=nlp.vocab).tokenizer  # same settings; filled the old way below
    from pipeline.ner import lexicons, matchers
    lex = lexicons.load()
    for _ in polluted.pipe(matchers.loc_names(lex) + matchers.org_names(lex)):
        pass
    before = best(lambda: [polluted(t) for t in texts], reps)
    after = best(lambda: [nlp.tokenizer(t) for t in texts], reps)
    return before, after


def runner_warm(nlp):
    from pipeline import runner

    return runner.warm(nlp)


def ab_gemm(texts, reps):
    from thinc.api import NumpyOps

    from pipeline import nlp as nlp_stage

    nlp = runner_warm(nlp_stage.load_nlp(None)[0])
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == "ner":
            break
        docs = [proc(d) for d in docs]
    blis_ops, np_ops = NumpyOps(), NumpyOps(use_blis=False)

    def run(ops):
        for node in ner.model.walk():
            node.ops = ops
        for _ in ner.pipe([d.copy() for d in docs], batch_size=32):
            pass

    res = {"blis": [], "numpy": []}
    for _ in range(reps):
        res["blis"].append(best(lambda: run(blis_ops), 1))
        res["numpy"].append(best(lambda: run(np_ops), 1))
    return min(res["blis"]), min(res["numpy"])


def ab_batch(texts, reps):
    from pipeline import nlp as nlp_stage
    from pipeline import runner
    from pipeline.model import Document

    nlp = runner.warm(nlp_stage.load_nlp(None)[0])
    docs = [Document(f"p{i}.txt", t) for i, t in enumerate(texts)]

    def single():
        for d in docs:
            try:
                runner.process_document(d, nlp=nlp)
            except Exception:
                pass

    def batched():
        for i in range(0, len(docs), 32):
            runner.process_batch(docs[i:i + 32], nlp=nlp)

    b, a = [], []
    for _ in range(reps):
        b.append(best(single, 1))
        a.append(best(batched, 1))
    return min(b), min(a)


START = ("import time; t=time.perf_counter(); import pipeline.runner as r; from pipeline import nlp as n; "
         "nl=n.load_nlp(None)[0]; r.process_document(r.Document('x.txt','Die Stadt Ulm stellt ein Portal vor.'), "
         "nlp=nl); print(time.perf_counter()-t)")


def startup(cache_dir: str | None) -> tuple[float, float]:
    env = dict(os.environ)
    if cache_dir:
        env["EGOVNEWS_CACHE_DIR"] = cache_dir
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return wall, float(r.stdout.strip().splitlines()[-1])


def ab_startup(reps):
    cold, warm = [], []
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            cold.append(startup(tmp)[0])   # an empty cache: today's first start, built as before
            warm.append(startup(tmp)[0])   # the same cache, now filled
    return min(cold), min(warm)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    import real_pages

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in real_pages.page_files()]
    if not texts:
        raise SystemExit("no real pages under ../shared")
    n = len(texts)
    res = {"pages": n, "load_before": os.getloadavg()[0]}
    tb, ta = ab_tokenizer(texts, a.reps)
    res["tokenizer_ms_per_doc"] = (1000 * tb / n, 1000 * ta / n)
    gb, ga = ab_gemm(texts, a.reps)
    res["ner_ms_per_doc_blis_vs_numpy1"] = (1000 * gb / n, 1000 * ga / n)
    bb, ba = ab_batch(texts, a.reps)
    res["cascade_ms_per_doc_single_vs_batch32"] = (1000 * bb / n, 1000 * ba / n)
    res["startup_wall_s_cold_vs_warm_cache"] = ab_startup(a.reps)
    res["load_after"] = os.getloadavg()[0]
    if a.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"{n} real pages, CPU seconds, best of {a.reps}; load {res['load_before']:.2f} -> {res['load_after']:.2f}")
    for k, (b, af) in ((k, v) for k, v in res.items() if isinstance(v, tuple)):
        print(f"{k:42} before {b:8.2f}  after {af:8.2f}  x{b / af:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
