"""The simulated persons who put their fingers on the emulated scanner, and the prints of their fingers.

The developer set (`<data>/fingers/`, FVC2002 DB1-B) holds 10 real fingers × 8 impressions: too few for a
whole hand per person. So each named person gets two real index fingers (every data set finger belongs to
exactly one person, so no two persons share a print) and synthetic prints for the other eight fingers,
grown from the person's own seed (synth.py). `synthetic:SEED` persons are synthetic on all ten fingers: as
many distinct persons as load tests need.

The default person, "camille", has fingers 102 (right index) and 107 (left index): ISO position n ->
FVC finger 100 + n, as the station's demo always showed.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from hw_mocks.data import read_scores
from hw_mocks.fingerprint import synth

log = logging.getLogger(__name__)

POSITIONS: tuple[str, ...] = tuple(str(n) for n in range(1, 11))
RIGHT_INDEX, LEFT_INDEX = "2", "7"
IMPRESSIONS = 8  # per finger in FVC2002 DB1-B

# Named person -> FVC2002 DB1-B finger id of (right index, left index).
NAMED: dict[str, tuple[int, int]] = {
    "camille": (102, 107),
    "dominique": (101, 106),
    "alex": (103, 108),
    "morgan": (104, 109),
    "sacha": (105, 110),
}
DEFAULT_PERSON = "camille"
SYNTHETIC_PREFIX = "synthetic:"


@dataclass(frozen=True)
class Person:
    name: str
    seed: int  # of the synthetic fingers
    real: dict[str, int] = field(default_factory=dict)  # ISO position -> data set finger id
    missing: frozenset[str] = frozenset()  # amputated fingers: the platen stays empty

    def source(self, position: str) -> str:
        """Where this finger's print comes from: "fvc2002db1b_<id>", "synthetic" or "missing"."""
        if position in self.missing:
            return "missing"
        finger = self.real.get(position)
        return f"fvc2002db1b_{finger}" if finger is not None else "synthetic"


def person(spec: str, missing: frozenset[str] = frozenset()) -> Person:
    """A person from a name of NAMED or "synthetic:SEED"; ValueError otherwise."""
    spec = spec.strip().lower()
    bad = set(missing) - set(POSITIONS)
    if bad:
        raise ValueError(f"unknown finger positions {sorted(bad)}; use 1..10")
    if spec.startswith(SYNTHETIC_PREFIX):
        try:
            seed = int(spec[len(SYNTHETIC_PREFIX):])
        except ValueError:
            raise ValueError("synthetic persons are named synthetic:SEED, SEED a whole number") from None
        return Person(spec, seed, {}, frozenset(missing))
    if spec not in NAMED:
        raise ValueError(f"unknown person {spec!r}: one of {sorted(NAMED)} or synthetic:SEED")
    right, left = NAMED[spec]
    # Seeds of named persons sit far above the ones load tests count from (synthetic:0, 1, 2...).
    return Person(spec, 1_000_000 + zlib.crc32(spec.encode()) % 1_000_000, {RIGHT_INDEX: right, LEFT_INDEX: left},
                  frozenset(missing))


class FingerSource:
    """Renders a person's finger as the scanner frame shows it. Real files are read in place, never copied."""

    def __init__(self, data_dir: Path | None, frame: tuple[int, int]) -> None:
        self.folder = data_dir / "fingers" if data_dir is not None else None
        self.frame = frame  # (width, height) of the scanner image
        self._scores = read_scores(self.folder / "nfiq2_scores.csv") if self.folder is not None else {}

    def real_path(self, finger: int, take: int) -> Path | None:
        """The data set file of FVC finger `finger`: impression `take` (1..8), or its best one (take 0)."""
        if self.folder is None:
            return None
        candidates = [self.folder / f"fvc2002db1b_{finger}_{i}.png" for i in range(1, IMPRESSIONS + 1)]
        candidates = [p for p in candidates if p.is_file()]
        if not candidates:
            return None
        if take:
            wanted = self.folder / f"fvc2002db1b_{finger}_{take}.png"
            return wanted if wanted in candidates else None
        # Best NFIQ 2 first; ties (or no scores) fall back to the first impression.
        return max(candidates, key=lambda p: (self._scores.get(p.name, 0), -candidates.index(p)))

    def image(self, who: Person, position: str, take: int = 0) -> np.ndarray | None:
        """The clean impression of `who`'s finger at `position`, or None when it is missing."""
        if position in who.missing:
            return None
        finger = who.real.get(position)
        if finger is not None:
            path = self.real_path(finger, take)
            if path is not None:
                pixels = _read_grey(str(path))
                if pixels is not None:
                    return synth.fit(pixels, self.frame, int(np.percentile(pixels, 99)))
            log.debug("data set finger not found, drawing a synthetic one", extra={"finger": finger})
        return synth.synthetic_print(who.seed, int(position), take, self.frame)


@lru_cache(maxsize=32)
def _read_grey(path: str) -> np.ndarray | None:
    pixels = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if pixels is not None:
        pixels.setflags(write=False)
    return pixels
