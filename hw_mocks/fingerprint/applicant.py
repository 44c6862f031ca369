"""The applicant at the counter, as the emulated scanner sees them: who they are and how they press.

Tests and the CLI change this state through the link's control operations (`hw-mocks finger ...`); the
scanner asks it for a finger each time the station starts a capture.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from hw_mocks.fingerprint import impressions
from hw_mocks.fingerprint.impressions import Impression
from hw_mocks.fingerprint.persons import DEFAULT_PERSON, LEFT_INDEX, RIGHT_INDEX, FingerSource, Person, person


@dataclass
class Applicant:
    source: FingerSource
    who: Person = field(default_factory=lambda: person(DEFAULT_PERSON))
    impression: Impression = field(default_factory=Impression)
    swap_index: bool = False  # presents the other index finger: the same finger for both positions
    away: bool = False  # nobody puts a finger on the glass (no-finger timeout)
    place_delay_s: float = 0.15  # between the scanner lighting up and the finger touching the glass

    def __post_init__(self) -> None:
        self.lock = threading.Lock()

    def set_person(self, spec: str, missing: frozenset[str] = frozenset()) -> Person:
        """A new applicant: their impressions start clean and they present the finger asked for."""
        who = person(spec, missing)
        with self.lock:
            self.who, self.impression, self.swap_index, self.away = who, Impression(), False, False
        return who

    def presented(self, asked: str) -> str:
        """The finger actually put on the glass when `asked` is asked for."""
        if self.swap_index and asked in (RIGHT_INDEX, LEFT_INDEX):
            return RIGHT_INDEX
        return asked

    def finger_for(self, asked: str) -> np.ndarray | None:
        """The image the sensor will see for this capture, or None: no finger will come (away, amputated)."""
        with self.lock:
            who, impression, away = self.who, self.impression, self.away
            position = self.presented(asked)
        if away or position in who.missing:
            return None
        clean = self.source.image(who, position, impression.take)
        return None if clean is None else impressions.apply(clean, impression)

    def describe(self) -> dict[str, object]:
        with self.lock:
            return {"person": self.who.name, "missing": sorted(self.who.missing, key=int),
                    "impression": self.impression.to_dict(), "swap_index": self.swap_index, "away": self.away,
                    "sources": {p: self.who.source(p) for p in (RIGHT_INDEX, LEFT_INDEX)}}
