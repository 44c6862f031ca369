"""Finding the commune of birth: search by name as agents type it, and lookup by INSEE code at a date.

The code to record is the one the commune bore on the day of birth: it is what the birth certificate and
the civil registers carry, and what the CERT checks the certificate against. A commune merged since
(1960 birth, commune nouvelle in 2016) keeps its old code for that birth; the search shows such a
commune with what became of it ("ancienne commune, fusionnée dans X en 2016") so the agent recognises it.

Search ignores case, accents, hyphens and apostrophes, reads "St"/"Ste" as "Saint"/"Sainte", and takes a
département after the name to tell homonyms apart: "Saint-Martin 33", "Saint-Martin (Gironde)". Results
come ranked: the name exactly, then names starting with the text, then names holding its words; within a
rank, communes of the day of birth (or of today) first."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..strings import message
from .reference import CogError, Commune, Reference
from .text import fold, without_article, words

EXACT, PREFIX, WORDS = 0, 1, 2
DEFAULT_LIMIT = 20
# Changes of INSEE's MOD code, by what the agent is told of the former commune.
_MERGED = frozenset({"31", "32", "34", "35"})
_STATUS = {"10": "renamed", "33": "associated", "41": "recoded", "50": "recoded", "30": "ended"}


@dataclass(frozen=True, slots=True)
class Match:
    commune: Commune
    rank: int  # EXACT, PREFIX or WORDS
    department_name: str
    status: str | None  # what became of a former commune, in French; None for a commune of today

    @property
    def label(self) -> str:
        """What the agent picks from: "Name (33)", and what became of it."""
        head = f"{self.commune.name} ({self.commune.department})"
        return f"{head} — {self.status}" if self.status else head


class CommuneIndex:
    """Every version of every commune of a reference, indexed by code and by the words of its name."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.departments = reference.departments
        self._communes = reference.communes
        self._by_code: dict[str, list[Commune]] = defaultdict(list)
        self._folded = [fold(c.name) for c in self._communes]
        self._bare = [without_article(f) for f in self._folded]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self._communes):
            self._by_code[c.insee].append(c)
            for w in set(self._folded[i].split()):
                postings[w].append(i)
        self._tokens = sorted(postings)
        self._postings = [postings[t] for t in self._tokens]
        # A département typed by name: its folded words, longest names first so "Haute-Marne" beats "Marne".
        self._department_names = sorted(((fold(n), code) for code, n in self.departments.items()),
                                        key=lambda p: -len(p[0]))

    def commune(self, insee: str, on: date | None = None) -> Commune:
        """The commune a code designated on `on` (today's when None); CogError (French) when none."""
        versions = self._by_code.get(insee.strip().upper())
        if not versions:
            raise CogError("commune.unknown", message("commune.unknown", insee=insee))
        if on is None:
            return versions[-1]
        for v in versions:
            if v.valid_on(on):
                return v
        raise CogError("commune.not_then", message("commune.not_then", insee=insee, day=on))

    def status(self, commune: Commune) -> str | None:
        """What became of a former commune, in French; None for a commune of today."""
        if commune.end is None:
            return None
        year = commune.end.year
        kind = "merged" if commune.change in _MERGED else _STATUS.get(commune.change, "other")
        if not commune.successor:
            kind = "ended"
        elif kind == "other" and commune.successor == commune.insee:
            kind = "renamed"  # the code lives on under another name (a part of it re-established, say)
        if kind == "ended":
            return message("commune.status.ended", year=year)
        successor = self._by_code[commune.successor][-1] if commune.successor in self._by_code else None
        name = successor.name if successor else commune.successor
        return message(f"commune.status.{kind}", successor=name, insee=commune.successor, year=year)

    def search(self, text: str, on: date | None = None, limit: int = DEFAULT_LIMIT) -> list[Match]:
        """The communes whose name matches `text`, best first (see the module's docstring)."""
        query = words(text)
        if not query:
            return []
        department, name = self._department(query)
        found = self._matches(name, department, on) if department else []
        return [self._match(c, rank) for c, rank in (found or self._matches(query, None, on))[:limit]]

    def _department(self, query: list[str]) -> tuple[str | None, list[str]]:
        """The département named at the end of the query (by number or name), and the words before it."""
        last = query[-1].upper()
        if len(query) > 1 and last in self.departments:
            return last, query[:-1]
        joined = " ".join(query)
        for folded, code in self._department_names:
            if joined.endswith(" " + folded):
                return code, joined[: -len(folded) - 1].split()
        return None, query

    def _candidates(self, query: list[str]) -> set[int]:
        """The communes with, for every word of the query, a word of their name starting with it."""
        result: set[int] | None = None
        for w in sorted(set(query), key=len, reverse=True):
            lo = bisect.bisect_left(self._tokens, w)
            hi = bisect.bisect_left(self._tokens, w + "\x7f")
            hits = {i for postings in self._postings[lo:hi] for i in postings}
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result or set()

    def _matches(self, query: list[str], department: str | None, on: date | None) -> list[tuple[Commune, int]]:
        text = " ".join(query)
        day = on or date.today()
        ranked = []
        for i in self._candidates(query):
            c = self._communes[i]
            if department and c.department != department:
                continue
            folded, bare = self._folded[i], self._bare[i]
            if text in (folded, bare):
                rank = EXACT
            elif folded.startswith(text) or bare.startswith(text):
                rank = PREFIX
            else:
                rank = WORDS
            ranked.append(((rank, not c.valid_on(day), len(folded), folded, c.department), i, rank))
        ranked.sort()
        return [(self._communes[i], rank) for _, i, rank in ranked]

    def _match(self, commune: Commune, rank: int) -> Match:
        return Match(commune, rank, self.departments.get(commune.department, ""), self.status(commune))
