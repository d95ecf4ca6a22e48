"""`egovnews report`: one self-contained HTML page; in headless Chromium every figure is drawn,
the console stays clean and no request leaves the machine."""
from __future__ import annotations

import io
import json
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

pytest.importorskip("matplotlib", reason="the report draws its figures with matplotlib")

FIGURES = ["fig-topics", "fig-places", "fig-timeline", "fig-orgs", "fig-services"]
SECTIONS = ["summary", "topics", "places", "people", "organisations", "services", "errors"]
MORE = {  # invented articles with dates, places, people, organisations and services
    "ulm-portal.txt": """Ulm startet Bürgerportal

Ulm, 02.05.2023. Die Stadt Ulm hat ein Bürgerportal freigeschaltet. Oberbürgermeister Tim Vogler sagte, der Personalausweis und die Kfz-Zulassung seien nun online zu beantragen. Der IT-Dienstleister Komm.ONE betreibt das Portal.
""",
    "ulm-cloud.txt": """Ulm setzt auf die Cloud

Ulm, 14.11.2023. Die Stadt Ulm verlegt ihre Fachverfahren in ein Rechenzentrum von Komm.ONE. Oberbürgermeister Tim Vogler sprach von mehr Sicherheit für die Daten der Bürger.
""",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_fixtures", Path(__file__).with_name("conftest.py"))
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)
    raw = tmp_path_factory.mktemp("raw")
    (raw / "passau.txt").write_text(fx.SAMPLE_DUMP, encoding="utf-8")
    (raw / "harburg.txt").write_text(fx.SAMPLE_PRESS, encoding="utf-8")
    (raw / "leer.txt").write_text("", encoding="utf-8")
    for name, text in MORE.items():
        (raw / name).write_text(text, encoding="utf-8")
    o = raw.parent / "out"
    res = CliRunner().invoke(main, ["run", str(raw), "--out", str(o), "--workers", "1", "--quiet"])
    assert res.exit_code == 1, res.output  # the empty file
    return o


def make_report(out: Path, tmp_path: Path) -> Path:
    res = CliRunner().invoke(main, ["report", str(out), "--html", str(tmp_path / "r.html")], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "report:" in res.output
    return tmp_path / "r.html"


def test_report_is_one_self_contained_page(out, tmp_path):
    page = make_report(out, tmp_path).read_text(encoding="utf-8")
    for s in SECTIONS:
        assert f"id='{s}'" in page
    for f in FIGURES:
        assert re.search(rf'<figure class="fig" id="{f}"><img alt="[^"]*" src="data:image/png;base64,', page), f
    assert "<script" not in page.lower()
    refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']*)', page) + re.findall(r"url\(([^)]*)\)", page)
    assert refs and all(r.startswith("data:") for r in refs), [r[:40] for r in refs if not r.startswith("data:")]
    assert "@import" not in page and "http://" not in page and "https://" not in page
    assert "Tim Vogler" in page and "Oberbürgermeister" in page   # a person with a role across two articles
    assert "empty" in page or "leer.txt" in page                 # the errors table


def test_report_default_path_is_removed_by_the_next_run(out, tmp_path):
    o = tmp_path / "o"
    shutil.copytree(out, o)
    res = CliRunner().invoke(main, ["report", str(o)], catch_exceptions=False)
    assert res.exit_code == 0 and (o / "report.html").is_file()
    from pipeline.export import foreign_entries

    assert foreign_entries(o) == []   # an own file: the next run's output replaces the folder whole


def test_report_on_a_folder_without_output_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert res.exit_code == 2 and "no egovnews output" in res.output and "Traceback" not in res.output


# --- in a real browser ------------------------------------------------------------------

def chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


class Proxy:
    """A listener on loopback that Chromium must use as its proxy: every request that would leave
    the machine arrives here instead and is recorded (and answered with 404)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    line = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                    if line:  # Chromium may open a spare connection to the proxy and close it unused
                        self.requests.append(line)
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


def browse(exe: str, page: Path, proxy: Proxy, *args: str) -> subprocess.CompletedProcess:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
           "--no-pings", "--metrics-recording-only", "--safebrowsing-disable-auto-update",
           "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"
           "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
           "--force-device-scale-factor=1", "--enable-logging=stderr", "--v=0",
           f"--proxy-server=http://127.0.0.1:{proxy.port}", "--proxy-bypass-list=<-loopback>",
           f"--user-data-dir={page.parent / 'profile'}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


# Chromium's own services (component updates, accounts), which it calls whatever page it shows, even with
# the flags above (seen with Debian's chromium 2026-12). The report's own references are checked apart
# (test_report_is_one_self_contained_page: no http(s) URL at all in the page).
BROWSER_SERVICES = (".google.com", ".googleapis.com")


def browser_own(request_line: str) -> bool:
    m = re.match(r"(?:CONNECT |[A-Z]+ https?://)([^/:\s]+)", request_line)
    return bool(m) and m.group(1).endswith(BROWSER_SERVICES)


RECTS_JS = """<script>window.addEventListener('load', function () {
  var r = [].map.call(document.querySelectorAll('figure.fig img'), function (img) {
    var b = img.getBoundingClientRect();
    return {id: img.parentNode.id, x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height,
            ok: img.complete && img.naturalWidth > 0};
  });
  document.body.setAttribute('data-rects', JSON.stringify(r));
  document.body.setAttribute('data-height', document.documentElement.scrollHeight);
});</script>"""


def test_report_renders_in_chromium(out, tmp_path):
    exe = chromium()
    if exe is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    from PIL import Image

    report = make_report(out, tmp_path)
    probe = tmp_path / "probe.html"   # the report plus a script that writes where the figures are
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", RECTS_JS + "</body>"), encoding="utf-8")
    proxy = Proxy()
    try:
        dom = browse(exe, probe, proxy, "--window-size=1200,900", "--dump-dom")
        m = re.search(r'data-rects="([^"]*)"', dom.stdout)
        assert m, dom.stderr[-2000:]
        rects = json.loads(m.group(1).replace("&quot;", '"'))
        height = int(re.search(r'data-height="(\d+)"', dom.stdout).group(1))
        shot = tmp_path / "report.png"
        res = browse(exe, report, proxy, f"--window-size=1200,{height}", f"--screenshot={shot}")
        # control: the same browser and proxy do see a page that asks the network for an image
        leak = tmp_path / "leak.html"
        leak.write_text('<img src="http://egovnews-test.invalid/x.png">', encoding="utf-8")
        browse(exe, leak, proxy, "--window-size=400,300", "--dump-dom", "--virtual-time-budget=3000")
    finally:
        proxy.close()
    report_requests = [r for r in proxy.requests if "egovnews-test.invalid" not in r and not browser_own(r)]
    assert report_requests == [], report_requests
    assert any("egovnews-test.invalid" in r for r in proxy.requests), "the network check saw nothing"
    console = [ln for ln in (dom.stderr + res.stderr).splitlines() if "CONSOLE" in ln]
    assert console == []
    assert shot.is_file(), res.stderr[-2000:]
    img = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert img.size[0] == 1200 and img.size[1] >= height - 2
    assert sorted(r["id"] for r in rects) == sorted(FIGURES)
    for r in rects:
        assert r["ok"] and r["w"] > 200 and r["h"] > 100, r
        region = img.crop((int(r["x"]), int(r["y"]), int(r["x"] + r["w"]), int(r["y"] + r["h"])))
        colours = region.getcolors(maxcolors=1 << 20)
        ink = sum(n for n, c in colours if sum(c) < 600)   # pixels clearly darker than white
        assert len(colours) > 20 and ink > 0.01 * r["w"] * r["h"], (r["id"], len(colours), ink)
