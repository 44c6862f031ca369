"""Comments and docstrings say the rule itself, never which tracker item brought it: an item's number
means nothing to the next reader, and goes stale when the tracker moves on."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("station", "devices", "enrollment", "sync", "cert", "hw_mocks", "installer", "devstation", "bench",
            "tests")
# Assembled from parts so that this file does not match itself.
TRACKER_ITEM = re.compile(r"\b(" + "iss" + r"ue|" + "se" + r"ed|t[aâ]che)\s?#?\d{1,3}[a-z]?\b", re.IGNORECASE)


def test_no_source_file_names_a_tracker_item() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if TRACKER_ITEM.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "say the rule itself, not the tracker item:\n" + "\n".join(found)
