"""Shared fixtures: tiny invented German e-government articles (no corpus text)."""
from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE_DUMP = """Bayern:
Neues Bürgerportal in Passau


[3.5.2022] Die Stadt Passau hat ein neues Bürgerportal freigeschaltet. Über 80 Verwaltungsleistungen lassen sich dort online beantragen.

Die Stadt Passau setzt bei der Digitalisierung der Verwaltung auf ein eigenes Bürgerportal. Oberbürgermeister Martin Kessler stellte das Angebot am Dienstag gemeinsam mit dem IT-Dienstleister AKDB vor. „Wir wollen, dass niemand mehr für einen Antrag ins Rathaus kommen muss", sagte Kessler. Seit März 2022 testen 200 Bürgerinnen und Bürger das Portal.
Für die Anmeldung nutzen die Antragsteller die BayernID. Bis Ende 2023 sollen alle Leistungen des Onlinezugangsgesetzes (OZG) verfügbar sein. (ab)

https://www.passau.example

Stichwörter: Portale, Passau, Bayern

Bildquelle: Stadt Passau

Druckversion    PDF     Link mailen


Weitere Meldungen und Beiträge aus dem Bereich Portale
Hamburg: Serviceportal wächst
[2.5.2022] Das Hamburger Serviceportal bietet jetzt 120 Leistungen. mehr...
Suchen...

 Anzeige
"""

SAMPLE_PRESS = """Landkreis Harburg startet digitale Kfz-Zulassung

Winsen, 12.09.2023. Der Landkreis Harburg bietet die Kfz-Zulassung ab sofort vollständig online an. Landrat Peter Reinecke sagte, die Zulassungsstelle werde dadurch spürbar entlastet. Seit Juni 2023 läuft ein Test mit Autohäusern aus Buchholz in der Nordheide.
"""


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    d = tmp_path / "raw"
    (d / "sub").mkdir(parents=True)
    (d / "passau portal.txt").write_text(SAMPLE_DUMP, encoding="utf-8")
    (d / "sub" / "harburg-kfz.txt").write_text(SAMPLE_PRESS, encoding="cp1252")
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d
