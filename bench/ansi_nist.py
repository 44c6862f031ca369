"""ANSI/NIST-ITL transaction figures: build + encode and parse of a typical dossier (face, two prints,
signature), medians over repeated runs, and the file's size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench._timing import Figure, median_ms
from devstation.factories import complete_dossier
from sync.ansi_nist import encode, parse, transaction_from_dossier


def figures(tmp: Path) -> Iterator[Figure]:
    dossier = complete_dossier()
    data = encode(transaction_from_dossier(dossier, "DR-BENCH-01", "CERT-BENCH"))
    yield "ansi_nist.encode", median_ms(lambda: encode(transaction_from_dossier(dossier, "DR", "CERT")), 50), "ms"
    yield "ansi_nist.parse", median_ms(lambda: parse(data), 50), "ms"
    yield "ansi_nist.size", round(len(data) / 1024, 1), "KB"
