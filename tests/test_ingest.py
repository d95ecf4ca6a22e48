"""Ingest: decoding, format detection, containers and limits, on bytes made here."""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import ingest
from pipeline.errors import (BadRecord, BinaryInput, EgovError, EmptyInput, InputNotFound, InputTooLarge,
                             MissingDependency)
from pipeline.model import Document
from pipeline.settings import Settings

DE = ("Der Bürgermeister der Stadt Köln äußerte sich über die Straßenbahn – „Größe“ kostet 5 €.\n\n"
      "Im zweiten Absatz geht es um Übergrößen und die Öffnungszeiten.\n")


def read(tmp_path: Path, name: str, data: bytes, settings: Settings = Settings()) -> list:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return list(ingest.read_file(p, name, settings))


def one_doc(items) -> Document:
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


@pytest.mark.parametrize("name, data, enc", [
    ("utf8.txt", DE.encode("utf-8"), "utf-8"),
    ("bom.txt", b"\xef\xbb\xbf" + DE.encode("utf-8"), "utf-8-sig"),
    ("cp1252.txt", DE.encode("cp1252"), "cp1252"),
    ("u16.txt", DE.encode("utf-16"), "utf-16-le (BOM)"),
    ("u16be.txt", b"\xfe\xff" + DE.encode("utf-16-be"), "utf-16-be (BOM)"),
    ("u16le.txt", DE.encode("utf-16-le"), "utf-16-le"),
    ("u16be-nobom.txt", DE.encode("utf-16-be"), "utf-16-be"),
])
def test_encodings_decode_to_the_same_text(tmp_path, name, data, enc):
    doc = one_doc(read(tmp_path, name, data))
    assert doc.text == DE
    assert doc.encoding == enc


def test_latin1_without_cp1252_bytes(tmp_path):
    text = "Grüße aus Gießen: Öffnungszeiten der Bürgerämter ändern sich.\n"
    doc = one_doc(read(tmp_path, "l1.txt", text.encode("latin-1")))
    assert doc.text == text
    assert doc.encoding.startswith("latin-1")


def test_double_encoded_utf8_is_repaired(tmp_path):
    mojibake = DE.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "BÃ¼rgermeister".encode() in mojibake
    doc = one_doc(read(tmp_path, "double.txt", mojibake))
    assert doc.text == DE
    assert any("mojibake" in n for n in doc.notes)


def test_nul_and_control_characters_are_removed_with_a_note(tmp_path):
    doc = one_doc(read(tmp_path, "nul.txt", DE.replace("Stadt", "St\x00adt\x07").encode()))
    assert doc.text == DE
    assert any("NUL" in n for n in doc.notes) and any("control" in n for n in doc.notes)


def test_line_ends_and_nfc(tmp_path):
    decomposed = "Bu\u0308rgerbu\u0308ro\r\nZweite Zeile\rDritte"
    doc = one_doc(read(tmp_path, "nfd.txt", decomposed.encode()))
    assert doc.text == "Bürgerbüro\nZweite Zeile\nDritte"


@pytest.mark.parametrize("name, data", [
    ("leer.txt", b""), ("spaces.txt", b" \n\t\r\n "), ("bom-only.txt", b"\xef\xbb\xbf"),
])
def test_empty_inputs(tmp_path, name, data):
    items = read(tmp_path, name, data)
    assert len(items) == 1 and isinstance(items[0], EmptyInput)


@pytest.mark.parametrize("name, data", [
    ("bild.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("doc.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    ("zip.html", b"PK\x03\x04" + b"\x00" * 50),
    ("random.txt", bytes((i * 7919) % 256 for i in range(5000))),
    ("random.unknown", bytes((i * 104729) % 256 for i in range(5000))),
])
def test_binaries_with_text_names_are_refused(tmp_path, name, data):
    items = read(tmp_path, name, data)
    assert len(items) == 1 and isinstance(items[0], BinaryInput), items


def test_html_detected_by_content_and_name(tmp_path):
    page = "<!DOCTYPE html><html><body><p>Die Stadt Ulm digitalisiert.</p></body></html>"
    assert one_doc(read(tmp_path, "page.txt", page.encode())).fmt == "html"
    assert one_doc(read(tmp_path, "page.htm", b"<p>Hallo</p> Welt")).fmt == "html"
    assert one_doc(read(tmp_path, "plain.html", "Nur Text ohne Auszeichnung.".encode())).fmt == "text"
    assert one_doc(read(tmp_path, "mention.txt", "Ein Absatz erwähnt <p> nur einmal.".encode())).fmt == "text"


def test_gzip_by_magic_and_truncated_gzip(tmp_path):
    assert one_doc(read(tmp_path, "a.txt.gz", gzip.compress(DE.encode()))).text == DE
    assert one_doc(read(tmp_path, "noname", gzip.compress(DE.encode()))).text == DE
    two = gzip.compress("Teil eins. ".encode()) + gzip.compress("Teil zwei.".encode())
    assert one_doc(read(tmp_path, "multi.gz", two)).text == "Teil eins. Teil zwei."
    body = "\n\n".join(f"Absatz {i}: Die Gemeinde prüft den Antrag Nummer {i * 7919 % 1000}." for i in range(3000))
    cut = gzip.compress(body.encode())[:5000]
    doc = one_doc(read(tmp_path, "cut.txt.gz", cut))
    assert doc.text and body.startswith(doc.text[:1000])
    assert any("truncated" in n for n in doc.notes)


def test_jsonl_good_lines_survive_a_broken_one(tmp_path):
    lines = [json.dumps({"text": "Erster Artikel über Köln.", "url": "https://x.example/1", "title": "Eins",
                         "published": "2023-01-02", "author": "ab", "extra": {"x": 1}}),
             '{"text": "kaputt',
             "",
             json.dumps({"html": "<p>Zweiter Artikel</p>"}),
             json.dumps([1, 2]),
             json.dumps({"title": "kein Text"}),
             json.dumps({"content": "Dritter mit \ud800 Ersatz"}, ensure_ascii=True)]
    items = read(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    by = {i.source_file: i for i in items}
    assert set(by) == {"feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#4", "feed.jsonl#5", "feed.jsonl#6", "feed.jsonl#7"}
    d1 = by["feed.jsonl#1"]
    assert isinstance(d1, Document) and d1.text == "Erster Artikel über Köln."
    assert d1.meta == {"url": "https://x.example/1", "title": "Eins", "published": "2023-01-02", "author": "ab"}
    assert isinstance(by["feed.jsonl#2"], BadRecord)
    assert by["feed.jsonl#4"].fmt == "html"
    assert isinstance(by["feed.jsonl#5"], BadRecord) and isinstance(by["feed.jsonl#6"], BadRecord)
    assert by["feed.jsonl#7"].text == "Dritter mit \ufffd Ersatz"


def test_jsonl_gzipped_and_unknown_extension(tmp_path):
    data = (json.dumps({"text": "Ein Artikel."}) + "\n").encode()
    assert one_doc(read(tmp_path, "f.jsonl.gz", gzip.compress(data))).source_file == "f.jsonl.gz#1"
    assert one_doc(read(tmp_path, "dump", data)).text == "Ein Artikel."


def test_json_array(tmp_path):
    data = json.dumps([{"text": "Eins."}, {"text": "Zwei."}]).encode()
    items = read(tmp_path, "a.json", data)
    assert [i.source_file for i in items] == ["a.json#1", "a.json#2"]


def test_warc(tmp_path):
    pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    p = tmp_path / "c.warc.gz"
    with open(p, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, body, ct, status in [("https://x.example/a", "<html><body><p>Ulm digital</p></body></html>".encode(),
                                       "text/html", "200 OK"),
                                      ("https://x.example/b.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
                                      ("https://x.example/c", b"", "text/html", "301 Moved")]:
            hh = StatusAndHeaders(status, [("Content-Type", ct)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hh))
    items = list(ingest.read_file(p, "c.warc.gz"))
    assert isinstance(items[0], Document) and items[0].meta["url"] == "https://x.example/a"
    assert items[0].fmt == "html" and items[0].source_file == "c.warc.gz#1"
    assert isinstance(items[1], BinaryInput) and isinstance(items[2], BadRecord)


def test_size_limit_truncates_at_a_paragraph_or_rejects(tmp_path):
    paras = [(f"Absatz {i}. " + "Die Verwaltung digitalisiert ihre Leistungen. " * 20).strip() for i in range(200)]
    data = "\n\n".join(paras).encode()
    s = Settings(max_doc_bytes=20_000)
    doc = one_doc(read(tmp_path, "big.txt", data, s))
    assert len(doc.text.encode()) <= 20_000
    assert doc.text in paras[0] + "\n\n" + "\n\n".join(paras[1:]) and doc.text.endswith(".")
    assert "\n\n".join(paras).startswith(doc.text + "\n\n")  # cut exactly at a paragraph boundary
    assert any(n.startswith("truncated") for n in doc.notes)
    items = read(tmp_path, "big2.txt", data, s.with_(truncate_large=False))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge)


def test_oversized_jsonl_line_is_an_error_and_the_next_line_survives(tmp_path):
    s = Settings(max_doc_bytes=1000)
    lines = [json.dumps({"text": "x" * 10_000}), json.dumps({"text": "Kurz."})]
    items = read(tmp_path, "f.jsonl", "\n".join(lines).encode(), s)
    assert isinstance(items[0], InputTooLarge) and items[1].text == "Kurz."


def test_cut_at_boundary():
    text = "Eins zwei.\n\nDrei vier fünf.\nSechs sieben acht neun."
    assert ingest.cut_at_boundary(text, 30) == "Eins zwei.\n\nDrei vier fünf."
    assert ingest.cut_at_boundary("x" * 100, 10) == "x" * 10


def test_discover_skips_hidden_gold_and_excluded(tmp_path):
    (tmp_path / "in" / ".hidden").mkdir(parents=True)
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "a b ü.txt").write_text("A")
    (tmp_path / "in" / ".hidden" / "x.txt").write_text("X")
    (tmp_path / "in" / ".y.txt").write_text("Y")
    (tmp_path / "in" / "a.gold.json").write_text("{}")
    (tmp_path / "in" / "out" / "articles.csv").write_text("doc_id")
    found = [sf for _, sf in ingest.discover([tmp_path / "in"], exclude=[tmp_path / "in" / "out"])]
    assert found == ["a b ü.txt"]


def test_undecodable_file_name(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text("Text")
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system refuses non-UTF-8 names")
    [(path, sf)] = list(ingest.discover([tmp_path]))
    assert sf == "caf\ufffd.txt" and sf.encode("utf-8")


def test_unreadable_and_special_files(tmp_path):
    os.symlink(tmp_path / "nowhere", tmp_path / "dead.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.txt")
    items = list(ingest.iter_documents([tmp_path]))
    assert items and all(isinstance(i, InputNotFound) for i in items)


def test_read_file_never_raises(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Text")

    def boom(*a, **k):
        raise RuntimeError("unexpected")
    monkeypatch.setattr(ingest.encoding, "decode_bytes", boom)  # where the readers look it up
    items = list(ingest.read_file(p, "a.txt"))
    assert len(items) == 1 and isinstance(items[0], EgovError)


# --- an optional package that is not installed --------------------------------

WARC_HEAD = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://x.example/a\r\n"
             b"Content-Type: text/plain\r\nContent-Length: 21\r\n\r\nDie Stadt Ulm meldet.\r\n\r\n")


@pytest.fixture
def no_warcio(monkeypatch):
    """Make ``import warcio`` fail as it does when the package is not installed."""
    for name in ("warcio", "warcio.archiveiterator"):
        monkeypatch.setitem(sys.modules, name, None)


def test_warc_without_warcio_is_a_coded_error_that_names_the_fix(tmp_path, no_warcio):
    items = read(tmp_path, "c.warc", WARC_HEAD)
    assert len(items) == 1 and isinstance(items[0], MissingDependency), items
    err = items[0]
    assert (err.code, err.stage, err.source_file) == ("E007", "ingest", "c.warc")
    assert "warcio" in err.message and "pip install 'egovnews[warc]'" in err.message
    # recognised by content too, whatever the name says
    assert isinstance(read(tmp_path, "dump.txt", WARC_HEAD)[0], MissingDependency)


def run_beside_a_good_file(tmp_path, name: str, data: bytes):
    """Run the CLI over ``name`` (``data``) next to a good text file; returns (result, out folder).
    The run must end with exit 1 (one failed input) and no traceback."""
    from click.testing import CliRunner

    from pipeline.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(data)
    (tmp_path / "in" / "meldung.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(out), "--workers", "1"],
                             catch_exceptions=False)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    assert list(pd.read_parquet(out / "articles.parquet").source_file) == ["meldung.txt"]
    return res, out


def test_warc_without_warcio_does_not_stop_the_batch(tmp_path, no_warcio):
    res, out = run_beside_a_good_file(tmp_path, "archiv.warc.gz", gzip.compress(WARC_HEAD))
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error: archiv.warc.gz")]
    assert len(lines) == 1 and "pip install 'egovnews[warc]'" in lines[0]
    assert "MissingDependency: 1" in res.stderr  # the summary line counts it by kind
    errs = pd.read_parquet(out / "errors.parquet")
    assert list(zip(errs.source_file, errs.stage, errs.code)) == [("archiv.warc.gz", "ingest", "E007")]
    assert "pip install 'egovnews[warc]'" in errs.error[0]


def test_html_without_a_working_trafilatura_is_a_coded_error_not_a_text_dump(tmp_path, monkeypatch):
    """A broken install (trafilatura not importable) must not silently read HTML as a text dump."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    page = f"<html><head><title>Ulm</title></head><body><article><p>{DE}</p></article></body></html>"
    _, out = run_beside_a_good_file(tmp_path, "seite.html", page.encode("utf-8"))
    errs = pd.read_parquet(out / "errors.parquet")
    assert list(zip(errs.source_file, errs.stage, errs.code)) == [("seite.html", "clean", "E007")]
    assert "trafilatura" in errs.error[0] and "pip install" in errs.error[0]
