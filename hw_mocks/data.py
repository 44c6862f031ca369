"""Where the developer data sets live (real faces and fingerprints), and a never-failing fallback.

The sets sit outside the repository (`<repo>/../shared/data`) because they carry no licence for
redistribution: they are read at run time and never copied into the repository.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    # hw_mocks/ sits at the repository root, so parents[2] is the folder holding the repository.
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def resolve_data_dir(data_dir: Path | str | None) -> Path | None:
    """The data folder to use, or None (then every simulator draws a synthetic stand-in)."""
    path = Path(data_dir) if data_dir is not None else default_data_dir()
    if path.is_dir():
        return path
    log.warning("developer data not found at %s: using synthetic images", path)
    return None


def read_scores(path: Path) -> dict[str, int]:
    """NFIQ 2 scores by file name; empty when the file is missing or malformed."""
    scores: dict[str, int] = {}
    try:
        with path.open(newline="") as f:
            for row in csv.DictReader(f):
                try:
                    scores[row["file"]] = int(row["nfiq2_score"])
                except (KeyError, TypeError, ValueError):
                    continue
    except OSError:
        pass
    return scores
