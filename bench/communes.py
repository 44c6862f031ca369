"""The birth-place reference: reading the shipped COG list and indexing it (once per station run, off the
GUI thread), and one search as the agent types (on the GUI thread when it stays well under a frame)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from enrollment.civil.communes import CommuneIndex
from enrollment.civil.reference import load

from ._timing import Figure, median_ms

RUNS = 5
# What agents type: a homonym with its département, a prefix, an abbreviation, a former commune at a date.
QUERIES = ("Saint-Martin 33", "Sainte-Marie (Cantal)", "st eti", "Saint-Bois", "la roche", "mar")


def figures(tmp: Path) -> Iterator[Figure]:
    yield "communes.load", median_ms(lambda: CommuneIndex(load()), RUNS), "ms"
    index = CommuneIndex(load())
    born = date(1960, 5, 1)
    per_query = median_ms(lambda: [index.search(q, on=born) for q in QUERIES], 20 * RUNS) / len(QUERIES)
    yield "communes.search", round(per_query, 1), "ms"
