#!/usr/bin/env python3
"""Build pipeline/data/roles.csv (role taxonomy with German forms) and
pipeline/data/given_name_gender.tsv (given name -> m/f, used to write a role in
the person's gender: 'die beiden Abgeordneten Anna X und Jan Y').

    python scripts/build_roles.py [--shared ../shared]

Inputs:
  * ``data/egov/roles_vocabulary.csv`` from the shared material (hand-compiled role
    titles, own work of the project): role, female form, level, aliases;
  * ``scripts/roles_curated.csv`` (own work): more roles and overrides, see its header;
  * ``data/names/given_names_newborns_*.csv`` for the gender table (official
    newborn statistics, see pipeline/data/roles.SOURCE.md for the attribution).

Output columns of roles.csv: role, female, plural, female_plural, decl
(strong | weak | adj), canonical, level, compound (1 | 0 | grade), abbrev, organization,
equivalent, source. Plural and declension are inferred from the word ending
unless the curated file gives the plural.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pipeline" / "data"
CURATED = Path(__file__).resolve().parent / "roles_curated.csv"

LEVELS = {"kommune": "municipality", "kommune (kreis)": "district", "land": "state", "bund": "federal"}
COLUMNS = ["role", "female", "plural", "female_plural", "decl", "canonical", "level", "compound", "abbrev",
           "organization", "equivalent", "source"]
# Given names: keep names seen at least this often whose gender is >= 90 % one sex
# (the shared file's 'gender' column); 10 keeps ~6k names and drops typos/one-offs.
MIN_NAME_COUNT = 10

UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "au": "äu"}


def is_abbrev(word: str) -> bool:
    return bool(re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]{0,3}\.?|[A-Z][a-z]?[A-Z]{1,3}", word)) and not word.istitle() \
        or word.endswith(".")


LINKS = {"der", "des", "für", "von", "im"}


def last_word(s: str) -> str:
    """The head word: the last word before a complement ('Chef der Staatskanzlei' -> 'Chef')."""
    words = s.split()
    for i, w in enumerate(words):
        if i and w in LINKS:
            return words[i - 1]
    return words[-1]


def multiword(role: str) -> bool:
    return " " in role and not role.startswith("Chief ")


def infer_decl(role: str, female: str) -> str:
    w = last_word(role)
    if female and w.endswith("er") and last_word(female) == w[:-1]:
        return "adj"
    lw = w.lower()
    if re.search(r"(ent|ant|ist|oge|at|lotse|herr)$", lw) and not lw.endswith("rat"):
        return "weak"
    return "strong"


def umlaut_last(w: str) -> str:
    m = re.search(r"(au|a|o|u)([^aeiouäöü]*)$", w)
    if not m:
        return w
    return w[:m.start()] + UMLAUT[m.group(1)] + m.group(2)


def infer_plural(role: str, decl: str) -> str:
    words = role.split()
    w = words[-1]
    lw = w.lower()
    if decl == "adj":
        p = w[:-1]                                   # Vorsitzender -> Vorsitzende
    elif decl == "weak":
        p = w + ("n" if lw.endswith("e") else "en")
    elif lw.endswith(("er", "el")) or is_abbrev(w):
        p = w
    elif lw.endswith("or"):
        p = w + "en"
    elif lw.endswith("rat") or lw.endswith("and"):
        p = umlaut_last(w) + "e"
    elif lw.endswith(("chef", "officer", "manager")) or re.search(r"[A-Z]{2,}$", w):
        p = w + "s"
    elif lw.endswith("glied"):
        p = w + "er"
    elif lw.endswith("frau"):
        p = w + "en"
    else:
        p = w + "e"
    return " ".join(words[:-1] + [p])


def female_plural(female: str, decl: str) -> str:
    if not female:
        return ""
    words = female.split()
    w = words[-1]
    if decl == "adj":
        p = w                                        # Vorsitzende -> Vorsitzende
    elif w.endswith("in"):
        p = w + "nen"
    else:
        p = w
    return " ".join(words[:-1] + [p])


def level_of(seed_level: str) -> str:
    parts = [LEVELS.get(p.strip().lower(), "") for p in seed_level.split("/")]
    parts = [p for p in parts if p]
    return parts[0] if len(parts) == 1 else "any"


def row(role, female, plural, canonical, level, compound, organization, equivalent, source):
    decl = "strong" if is_abbrev(last_word(role)) else infer_decl(role, female)
    many = multiword(role)   # matched as modifier(s) + head or head + complement: plurals unused
    return {
        "role": role, "female": female or role,
        "plural": "" if many else plural or infer_plural(role, decl),
        "female_plural": "" if many else female_plural(female or role, decl),
        "decl": decl, "canonical": canonical or role, "level": level or "any",
        "compound": "1" if compound in ("1", 1, True) else "grade" if compound == "grade" else "0",
        "abbrev": "1" if is_abbrev(last_word(role)) and " " not in role else "0",
        "organization": organization or "", "equivalent": equivalent or "", "source": source,
    }


def pair_aliases(aliases: list[str]) -> list[tuple[str, str]]:
    """Group 'Digitalminister|Digitalministerin' into (masculine, feminine) pairs."""
    out, used = [], set()
    for a in aliases:
        if a in used:
            continue
        fem = next((b for b in aliases if b not in used and b != a and (b == a + "in" or
                    (a.endswith("er") and b == a[:-1]))), "")
        if not fem and (a.endswith("in") and a[:-2] in aliases or a.endswith("e") and a + "r" in aliases):
            continue                                  # the feminine of a later masculine
        used.update({a, fem})
        out.append((a, fem))
    return out


def build(shared: Path) -> list[dict]:
    rows: dict[str, dict] = {}
    with open(CURATED, encoding="utf-8") as f:
        curated = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    seed = list(csv.DictReader(open(shared / "data/egov/roles_vocabulary.csv", encoding="utf-8")))
    for s in seed:
        role, level = s["role"].strip(), level_of(s["level"])
        rows[role] = row(role, s["female_form"].strip(), "", role, level, 1 if " " not in role else 0, "", "",
                         "seed")
        aliases = [a.strip() for a in s["aliases_abbrev"].split("|") if a.strip()]
        aliases = [a for a in aliases if "*" not in a and "/" not in a and a != "Vorsitz"]
        for masc, fem in pair_aliases(aliases):
            if masc not in rows:
                rows[masc] = row(masc, fem, "", role, level, 0, "", "", "seed alias")
    for c in curated:
        rows[c["role"]] = row(c["role"], c["female"], c["plural"], c["canonical"], c["level"], c["compound"],
                              c["organization"], c["equivalent"], "curated")
    # an unpaired feminine alias ('Stadtkämmerin') is already the female form of another row
    females = {r["female"] for r in rows.values() if r["female"] != r["role"]}
    rows = {k: r for k, r in rows.items() if k not in females}
    return sorted(rows.values(), key=lambda r: r["role"].casefold())


def build_gender(shared: Path) -> list[tuple[str, str]]:
    src = shared / "data/names/given_names_newborns_berlin_koeln_leipzig_muenchen.csv"
    out = []
    for r in csv.DictReader(open(src, encoding="utf-8")):
        if int(r["count_total"] or 0) >= MIN_NAME_COUNT and r["gender"] in ("male", "female"):
            out.append((r["name"], r["gender"][0]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    rows = build(a.shared)
    with open(DATA / "roles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        w.writerows(rows)
    names = build_gender(a.shared)
    with open(DATA / "given_name_gender.tsv", "w", encoding="utf-8") as f:
        f.write("# given name<TAB>m|f, derived by scripts/build_roles.py (see roles.SOURCE.md)\n")
        for n, g in names:
            f.write(f"{n}\t{g}\n")
    print(f"roles.csv: {len(rows)} roles; given_name_gender.tsv: {len(names)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
