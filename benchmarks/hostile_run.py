"""Build the issue-5 folder of hostile inputs and time ``egovnews run`` on it.

    .venv/bin/python benchmarks/hostile_run.py [--dir DIR] [--workers N] [--small] [--keep]

Builds (in a temporary folder unless --dir): every encoding case, NUL bytes,
gzip (whole and truncated), truncated and deeply nested HTML, JSONL with a
broken line, a WARC, empty files, binaries with text names, names with
spaces and umlauts, a non-German folder, duplicates, a 20 MB file and a 1 MB
line without a newline (``--small`` shrinks those two). Then:

1. a fresh run: time, exit status, traceback check, every input in
   articles/errors/sources, good inputs decoded right (a known sentence);
2. a second run into the same folder: time, documents skipped, tables equal
   to the first run's (sorted rows);
3. an interrupted run (--force, SIGINT as soon as the first part is on disk):
   exit status, message, previous output unchanged and readable;
4. the cleaner on one long line of 250 kB, 500 kB and 1 MB: time ratios
   (linear => ~2x per doubling).

Prints one line per check and exits 1 when a check fails.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("make_hostile", ROOT / "tests" / "fixtures" / "hostile" / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

FAILED: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        FAILED.append(what)


def egovnews(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args]


def timed(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT))
    return proc, time.perf_counter() - t


def tables(out: Path) -> dict:
    import pandas as pd

    from pipeline.tables import TABLES
    res = {}
    for t in TABLES:
        df = pd.read_parquet(out / f"{t}.parquet")
        rows = []
        for r in df.itertuples(index=False):
            rows.append(tuple(tuple(v.tolist()) if hasattr(v, "tolist") else
                              (None if isinstance(v, float) and v != v else v) for v in r))
        res[t] = sorted(rows, key=repr)
    return res


def snapshot(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def accounted(expect: dict, out: Path) -> tuple[list[str], list[str], list[str], dict]:
    """(lost inputs, inputs in the wrong place, good inputs decoded wrongly, info)."""
    import pandas as pd
    a = pd.read_parquet(out / "articles.parquet")
    e = pd.read_parquet(out / "errors.parquet")
    s = pd.read_parquet(out / "sources.parquet")
    text = dict(zip(a.source_file, a.text))
    errs = dict(zip(e.source_file, e.code))
    msgs = dict(zip(e.source_file, e.error))
    dups = dict(zip(s.source_file, s.duplicate_of))
    lost, misplaced, wrong = [], [], []
    for sf, (kind, value) in expect.items():
        if sf not in text and sf not in errs and sf not in dups:
            lost.append(sf)
        elif kind == "article" and sf not in text:
            misplaced.append(f"{sf}: expected an article, got {errs.get(sf)} ({msgs.get(sf, '')[:100]})")
        elif kind == "article" and value not in text[sf]:
            wrong.append(sf)
        elif kind == "error" and errs.get(sf) != value:
            misplaced.append(f"{sf}: expected {value}, got {errs.get(sf) or 'an article'}")
        elif kind == "duplicate" and dups.get(sf) != value:
            misplaced.append(f"{sf}: expected a duplicate of {value}")
    info = {"articles": len(a), "errors": len(e), "sources": len(s),
            "languages": dict(zip(a.source_file, a.language)), "errors_by": errs,
            "notes": dict(zip(a.source_file, a.notes))}
    return lost, misplaced, wrong, info


def cleaner_linearity() -> list[tuple[int, float]]:
    from pipeline.clean import clean
    from pipeline.model import Document
    text = make_hostile._big_text(1_100_000, seed=9).replace("\n\n", " ")
    res = []
    for n in (250_000, 500_000, 1_000_000):
        t = time.perf_counter()
        try:
            clean(Document("line.txt", text[:n]))
        except Exception as e:  # noqa: BLE001 - report, do not stop the benchmark
            print(f"     clean raised {type(e).__name__}: {e}")
        res.append((n, time.perf_counter() - t))
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--small", action="store_true", help="small big-file and long-line cases")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    # Other work may edit the package while this runs; pin the code part of the resume fingerprint so the
    # resume checks measure resuming, not those edits (see pipeline/manifest.py).
    os.environ.setdefault("EGOVNEWS_FINGERPRINT_CODE", "hostile-benchmark")
    work = args.dir or Path(tempfile.mkdtemp(prefix="egovnews-hostile-"))
    inputs, out = work / "in", work / "out"
    t = time.perf_counter()
    expect = make_hostile.build(inputs, big=not args.small)
    size = sum(p.stat().st_size for p in inputs.rglob("*") if p.is_file() and not p.is_symlink())
    n_files = sum(1 for p in inputs.rglob("*") if not p.is_dir())
    print(f"built {n_files} input files ({size / 1e6:.1f} MB, {len(expect)} expected units) in {work} "
          f"in {time.perf_counter() - t:.1f} s")

    # 1. fresh run
    proc, secs = timed(egovnews(str(inputs), "--out", str(out), "--workers", str(args.workers), "--quiet"))
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    print(f"     fresh run: {secs:.1f} s, exit {proc.returncode}, peak RSS of a process {rss:.0f} MB")
    print(f"     {summary}")
    check(secs < 300, f"fresh run under 5 minutes ({secs:.1f} s)")
    check("Traceback" not in proc.stderr, "no traceback on the console")
    check(proc.returncode == 1, "exit status 1 (some inputs failed, outputs complete)")
    lost, misplaced, wrong, info = accounted(expect, out)
    check(not lost, f"every input in articles/errors/sources ({info['articles']} articles, {info['errors']} "
                    f"errors, {info['sources']} sources rows){': lost ' + ', '.join(lost) if lost else ''}")
    check(not wrong, f"good inputs decoded right{': wrong ' + ', '.join(wrong) if wrong else ''}")
    for m in misplaced:
        print(f"WARN {m}")
    langs = {sf: info["languages"].get(sf, "(" + str(info["errors_by"].get(sf)) + ")")
             for sf, (k, _) in expect.items() if k == "language"}
    print(f"     non-German folder: {langs}")
    for sf in ("riesig.txt", "eine-zeile.txt"):
        note = [n for n in info["notes"].get(sf, []) if "truncated" in n]
        print(f"     {sf}: {'article, ' + note[0] if note else info['errors_by'].get(sf, 'article')}")

    # 2. resume: same inputs, same output folder
    before = tables(out)
    proc2, secs2 = timed(egovnews(str(inputs), "--out", str(out), "--workers", str(args.workers), "--quiet"))
    summary2 = proc2.stderr.strip().splitlines()[-1] if proc2.stderr.strip() else ""
    print(f"     resumed run: {secs2:.1f} s: {summary2}")
    check("unchanged, carried over" in summary2, "second run skips the documents already processed")
    check(tables(out) == before, "second run's tables equal the first run's (sorted rows)")

    # 3. Ctrl-C during a forced re-run, as soon as its first part is on disk
    snap = snapshot(out)
    p = subprocess.Popen(egovnews(str(inputs), "--out", str(out), "--workers", str(args.workers), "--force",
                                  "--quiet"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT))
    t = time.perf_counter()
    while p.poll() is None and not any(work.glob(".out.partial-*/parts/0*")) and time.perf_counter() - t < 300:
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=300)
    t_int = time.perf_counter() - t
    last = err.strip().splitlines()[-1] if err.strip() else ""
    print(f"     interrupted after {t_int:.1f} s, exit {p.returncode}: {last}")
    check(p.returncode == 130 and "nothing was written" in err and "Traceback" not in err,
          "Ctrl-C stops cleanly and says what was (not) written")
    check(snapshot(out) == snap and tables(out) == before, "previous output unchanged and readable after Ctrl-C")
    proc3, secs3 = timed(egovnews(str(inputs), "--out", str(out), "--workers", str(args.workers), "--quiet"))
    print(f"     run after the interrupt: {secs3:.1f} s: {proc3.stderr.strip().splitlines()[-1]}")
    check(tables(out) == before, "run after the interrupt equals the fresh run")

    # 4. the cleaner on one long line
    lin = cleaner_linearity()
    print("     clean() on one line: " + ", ".join(f"{n // 1000} kB {s:.2f} s" for n, s in lin))
    ratio = lin[-1][1] / max(lin[0][1], 1e-6)
    check(ratio < 8, f"cleaner stays (near) linear on a long line: 4x the text -> {ratio:.1f}x the time")

    if not args.keep and not args.dir:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
        for p in work.parent.glob(f".{work.name}*"):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()
    print("all checks passed" if not FAILED else f"{len(FAILED)} check(s) failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
