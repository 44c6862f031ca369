"""The COG reference the station searches: communes past and present, départements, countries.

It lives in one gzip CSV file (built by `cog_import.py`), whose first lines say what it is and where it
comes from:

  # recueil-cog 1
  # cog_year=2024
  # source=INSEE, Code officiel géographique 2024 (…)
  D,<département>,<name>
  C,<INSEE code>,<name>,<from>,<until>,<successor code>,<change>   one line per version of a commune
  P,<COG code 99xxx>,<name>,<ISO 3166 alpha-3>

A commune's version runs from <from> (empty: before 1943, where INSEE's history starts) until the day
before <until> (empty: still today), when the change coded <change> (INSEE's MOD: 10 renamed, 31-34
merged…) made it <successor>. The station ships one (`data/cog.csv.gz`); a technician may install a newer
one (`station communes refresh`), which `load` prefers when it is not older."""

from __future__ import annotations

import csv
import gzip
import io
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import EnrollmentError
from ..strings import message

FORMAT_LINE = "# recueil-cog 1"
EMBEDDED = Path(__file__).with_name("data") / "cog.csv.gz"
# Départements that no longer exist but whose codes births before their end still bear.
HISTORICAL_DEPARTMENTS = {"20": "Corse"}


class CogError(EnrollmentError):
    """A COG file or set of files cannot be used; the station keeps the list it has."""


@dataclass(frozen=True, slots=True)
class Commune:
    """One version of a commune: its INSEE code and name, valid from `start` until the day before `end`."""

    insee: str
    name: str
    department: str
    start: date | None  # None: since before 1943
    end: date | None  # None: still today
    successor: str  # what the code became at `end`: itself when renamed, else the commune it joined
    change: str  # INSEE's MOD code of the change at `end`

    @property
    def current(self) -> bool:
        return self.end is None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # COG code, 99xxx
    name: str
    iso3: str  # ISO 3166-1 alpha-3, empty for the few territories without one


@dataclass(frozen=True)
class Reference:
    year: int
    source: str
    departments: dict[str, str]
    communes: tuple[Commune, ...]
    countries: tuple[Country, ...]


def department_of(insee: str) -> str:
    """The département a code belongs to: its first two characters, three overseas (971…, 975…)."""
    return insee[:3] if insee[:2] in ("97", "98") else insee[:2]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def parse(data: bytes) -> Reference:
    """A reference file's content; CogError (French) when it is not one."""
    try:
        text = gzip.decompress(data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        raise CogError("cog.not_reference", message("cog.not_reference")) from None
    lines = text.splitlines()
    meta = dict(line[2:].split("=", 1) for line in lines[1:3] if "=" in line)
    if not lines or lines[0] != FORMAT_LINE or "cog_year" not in meta:
        raise CogError("cog.not_reference", message("cog.not_reference"))
    departments: dict[str, str] = {}
    communes: list[Commune] = []
    countries: list[Country] = []
    try:
        for row in csv.reader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))):
            if row[0] == "C":
                insee, name, start, end, successor, change = row[1:7]
                communes.append(Commune(insee, name, department_of(insee), _day(start), _day(end), successor,
                                        change))
            elif row[0] == "P":
                countries.append(Country(row[1], row[2], row[3]))
            elif row[0] == "D":
                departments[row[1]] = row[2]
        return Reference(int(meta["cog_year"]), meta.get("source", ""), departments, tuple(communes),
                         tuple(countries))
    except (IndexError, ValueError):
        raise CogError("cog.not_reference", message("cog.not_reference")) from None


def year_of(path: Path) -> int | None:
    """The COG year of a reference file, read from its head only; None when it is not one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            head = [f.readline().rstrip("\n") for _ in range(2)]
        return int(head[1].split("=", 1)[1]) if head[0] == FORMAT_LINE else None
    except (OSError, EOFError, UnicodeDecodeError, IndexError, ValueError):
        return None


def choose(installed: Path | None) -> Path:
    """The file to use: the installed one when it is there, readable and not older than the shipped one."""
    if installed is not None and installed.is_file():
        year = year_of(installed)
        if year is not None and year >= (year_of(EMBEDDED) or 0):
            return installed
    return EMBEDDED


def load(installed: Path | None = None) -> Reference:
    return parse(choose(installed).read_bytes())


_cache: dict[Path | None, Reference] = {}
_lock = threading.Lock()


def shared(installed: Path | None = None) -> Reference:
    """The reference, read once per process: the first call takes a few hundred milliseconds (run it off
    the GUI thread, at start-up), the next ones nothing."""
    with _lock:
        if installed not in _cache:
            _cache[installed] = load(installed)
        return _cache[installed]


def forget() -> None:
    """Drop what `shared` read, so a newly installed list is read again."""
    with _lock:
        _cache.clear()
