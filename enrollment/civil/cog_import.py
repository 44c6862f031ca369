"""INSEE's COG files → the station's compact reference file (what `reference.py` reads).

The input is INSEE's own CSV files, as published each year on insee.fr (UTF-8, comma-separated), each
recognised by its header rather than its name, the COG year taken from the names (`v_commune_2024.csv`):

  v_commune_YYYY.csv            the communes on 1 January (with the arrondissements of Paris, Lyon, Marseille)
  v_mvt_commune_YYYY.csv        every change since 1943: renamings, mergers, re-establishments, new codes
  v_departement_YYYY.csv        the départements
  v_pays_territoire_YYYY.csv    the countries and territories (COG code 99xxx, ISO 3166 codes)

From the changes it rebuilds each code's history: the names it bore as a commune, from when to when, and
what it became. Only communes (and municipal arrondissements) count: a commune associée or déléguée keeps
no register of births of its own code after its merger, so the birth is the new commune's.

Whatever is wrong (a file missing, a header changed, a truncated file, a code or date malformed) refuses
the whole set with a French message: a half-read list would pass for a complete one."""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..strings import message
from .reference import FORMAT_LINE, HISTORICAL_DEPARTMENTS, CogError, Reference, choose, parse, year_of

COMMUNE_COLUMNS = ("TYPECOM", "COM", "DEP", "LIBELLE")
CHANGE_COLUMNS = ("MOD", "DATE_EFF", "TYPECOM_AV", "COM_AV", "LIBELLE_AV", "TYPECOM_AP", "COM_AP", "LIBELLE_AP")
DEPARTMENT_COLUMNS = ("DEP", "LIBELLE")
COUNTRY_COLUMNS = ("COG", "ACTUAL", "LIBCOG", "CODEISO3")
KINDS = {"communes": COMMUNE_COLUMNS, "changes": CHANGE_COLUMNS, "departments": DEPARTMENT_COLUMNS,
         "countries": COUNTRY_COLUMNS}
# A file much shorter than INSEE's is truncated, not a new geography (about 35 000 communes, 200 countries).
MINIMUM_ROWS = {"communes": 30_000, "changes": 5_000, "departments": 95, "countries": 150}
# What holds a register of births: a commune, or an arrondissement of Paris, Lyon or Marseille.
REGISTER_TYPES = frozenset({"COM", "ARM"})
COMMUNE_CODE = re.compile(r"(\d{5}|2[AB]\d{3})")
COUNTRY_CODE = re.compile(r"99\d{3}")
YEAR_IN_NAME = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _refuse(key: str, **fields: object) -> CogError:
    return CogError(f"cog.{key}", message(f"cog.{key}", **fields))


def _read(path: Path) -> tuple[str, list[dict[str, str]]]:
    """The kind of a COG file (by its header) and its rows."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError:
        raise _refuse("unreadable", file=path.name) from None
    except UnicodeDecodeError:
        raise _refuse("encoding", file=path.name) from None
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or ())
    for kind, columns in KINDS.items():
        if header.issuperset(columns):
            return kind, list(reader)
    raise _refuse("unknown_file", file=path.name)


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        try:
            found += sorted(f for f in p.iterdir() if f.suffix.lower() == ".csv") if p.is_dir() else [p]
        except OSError:
            raise _refuse("unreadable", file=p.name) from None
    return found


def _date(text: str, file: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _refuse("malformed", file=file, value=text) from None


def _year(name: str) -> int:
    """The COG's year, from the name of its communes file: what the list says is the geography of then."""
    if not (m := YEAR_IN_NAME.search(name)):
        raise _refuse("no_year")
    return int(m.group(0))


def _history(changes: list[dict[str, str]], file: str) -> dict[str, list[list]]:
    """Each code's versions as a commune from the changes, oldest first; the last one open when it lasts."""
    ends: dict[str, dict[date, tuple[str, str, list[str]]]] = defaultdict(dict)
    starts: dict[str, dict[date, str]] = defaultdict(dict)
    for row in changes:
        when = _date(row["DATE_EFF"], file)
        for side in ("COM_AV", "COM_AP"):
            if row[side] and not COMMUNE_CODE.fullmatch(row[side]):  # empty: created from nothing (1947)
                raise _refuse("malformed", file=file, value=row[side])
        if row["TYPECOM_AV"] in REGISTER_TYPES:
            name, mod, after = ends[row["COM_AV"]].get(when, (row["LIBELLE_AV"], row["MOD"], []))
            if row["TYPECOM_AP"] in REGISTER_TYPES:
                after.append(row["COM_AP"])
            ends[row["COM_AV"]][when] = (name, mod, after)
        if row["TYPECOM_AP"] in REGISTER_TYPES:
            starts[row["COM_AP"]][when] = row["LIBELLE_AP"]
    history: dict[str, list[list]] = {}
    for code in ends.keys() | starts.keys():
        versions: list[list] = []
        open_version: list | None = None
        for when in sorted(ends[code].keys() | starts[code].keys()):
            if when in ends[code]:
                name, mod, after = ends[code][when]
                if open_version is None:  # a commune since before 1943 (the changes start then), or again
                    open_version = [versions[-1][1] if versions else None, None, name, "", ""]
                renamed_or_kept = starts[code].get(when)
                if renamed_or_kept == open_version[2]:
                    continue  # still this commune, same name: a merger it absorbed others in
                open_version[1:] = [when, open_version[2], mod, _successor(code, after)]
                versions.append(open_version)
                open_version = None
            if when in starts[code]:
                name = starts[code][when]
                if open_version is not None and open_version[2] == name:
                    continue  # a commune déléguée removed from it, say: the commune itself goes on
                if open_version is not None:  # renamed by a change recorded on its former parts only
                    open_version[1:] = [when, open_version[2], "10", code]
                    versions.append(open_version)
                open_version = [when, None, name, "", ""]
        if open_version is not None:
            versions.append(open_version)
        history[code] = versions
    return history


def _successor(code: str, after: list[str]) -> str:
    """The commune a code became: itself when it lives on (renamed), else the one it joined."""
    if code in after:
        return code
    return after[0] if after else ""


def build(paths: Iterable[Path], source: str) -> bytes:
    """The compact reference file (gzip) from INSEE's files under `paths` (files or folders)."""
    files = _files(paths)
    read: dict[str, tuple[str, list[dict[str, str]]]] = {}
    for f in files:
        kind, rows = _read(f)
        read[kind] = (f.name, rows)
    for kind in KINDS:
        if kind not in read:
            raise _refuse("missing", kind=message(f"cog.kind.{kind}"))
        name, rows = read[kind]
        if len(rows) < MINIMUM_ROWS[kind]:
            raise _refuse("truncated", file=name, rows=len(rows))
    year = _year(read["communes"][0])
    out = io.StringIO()
    out.write(f"{FORMAT_LINE}\n# cog_year={year}\n# source={source}\n")
    w = csv.writer(out, lineterminator="\n")
    name, departments = read["departments"]
    for code, label in {**HISTORICAL_DEPARTMENTS, **{r["DEP"]: r["LIBELLE"] for r in departments}}.items():
        w.writerow(("D", code, label))
    name, communes = read["communes"]
    current = {r["COM"]: r["LIBELLE"] for r in communes if r["TYPECOM"] in REGISTER_TYPES}
    for code in current:
        if not COMMUNE_CODE.fullmatch(code):
            raise _refuse("malformed", file=name, value=code)
    changes_file, changes = read["changes"]
    history = _history(changes, changes_file)
    for code in sorted(current.keys() | history.keys()):
        versions = history.get(code) or [[None, None, current.get(code, ""), "", ""]]
        if code in current:
            last = versions[-1]
            if last[1] is not None:  # INSEE's list says it lives: trust it over a gap in the changes
                versions.append([last[1], None, current[code], "", ""])
            versions[-1][2] = current[code]
        for start, end, label, mod, successor in versions:
            if end is None and code not in current:
                continue  # no longer a commune, by a change the file does not describe: not a place of birth
            w.writerow(("C", code, label, start or "", end or "", successor, mod))
    name, countries = read["countries"]
    for r in countries:
        if not COUNTRY_CODE.fullmatch(r["COG"]):
            raise _refuse("malformed", file=name, value=r["COG"])
        w.writerow(("P", r["COG"], r["LIBCOG"], r["CODEISO3"]))
    return gzip.compress(out.getvalue().encode("utf-8"), mtime=0)


def install(paths: Iterable[Path], target: Path, source: str) -> Reference:
    """Build the reference from INSEE's files and put it at `target`, replacing the list in use only when
    the new one is complete and not older; the reference installed, or CogError (French) and nothing changed.
    The names of the files read follow `source` in the file's header."""
    files = _files(paths)
    data = build(files, f"{source}: {', '.join(f.name for f in files)}")
    new = parse(data)
    current = year_of(choose(target))
    if current is not None and new.year < current:
        raise _refuse("older", year=new.year, current=current)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, target)  # whole or not at all: a station cut mid-copy keeps the former list
    return new
