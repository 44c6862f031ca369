"""The capture plan: the tries of the finger asked for, the exceptions, the two prints kept.

A pure state machine (no Qt, no I/O): the capture screen asks `current` (the order is in order.py), hands
each processed try to `record_try`, and lets the agent `accept` the best try or `declare_exception`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..errors import EnrollmentError
from ..strings import message
from .model import FingerException, FingerPosition, Fingerprint
from .order import next_finger
from .thresholds import THRESHOLDS

if TYPE_CHECKING:  # the plan only holds impressions; processing them (NBIS) happens elsewhere
    from .impression import Impression

@dataclass(frozen=True)
class PlanSettings:
    min_quality: int = THRESHOLDS.min_quality
    max_tries: int = THRESHOLDS.max_tries
    same_finger_score: int = THRESHOLDS.same_finger_score
    prints_kept: int = 2  # enrollment.rules.Rules.fingerprints_kept


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # good enough: kept, the plan moved on
    RETRY = "retry"  # below the minimum, tries remain
    DECIDE = "decide"  # no tries left: the agent keeps the best or declares the finger impossible
    SAME_FINGER = "same_finger"  # matches a print already kept: refused, not counted as a try


@dataclass(frozen=True)
class TryResult:
    outcome: Outcome
    position: FingerPosition  # the finger the try was for
    quality: int
    best_quality: int | None  # best so far for that finger (None for a refused try)
    tries: int
    same_as: FingerPosition | None = None


class CapturePlan:
    def __init__(self, records: Iterable[Fingerprint] = (), settings: PlanSettings = PlanSettings()) -> None:
        self.settings = settings
        # Records of other positions survive (a draft resumed); only candidate fingers drive the plan.
        self._records: list[Fingerprint] = list(records)
        self._tries: list[Impression] = []

    # -- What the screen reads.
    @property
    def current(self) -> FingerPosition | None:
        return next_finger(self._records, self.settings.prints_kept)

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def tries(self) -> tuple[Impression, ...]:
        return tuple(self._tries)

    @property
    def best(self) -> Impression | None:
        return max(self._tries, key=lambda i: i.score, default=None)

    @property
    def tries_left(self) -> int:
        return self.settings.max_tries - len(self._tries)

    def records(self) -> list[Fingerprint]:
        """What the dossier keeps: the prints and the exceptions, in the order they were decided."""
        return list(self._records)

    def kept_templates(self) -> dict[FingerPosition, bytes]:
        return {r.position: r.template for r in self._records if r.captured and r.template is not None}

    # -- What the screen does.
    def record_try(self, impression: Impression) -> TryResult:
        asked = self._asked()
        if impression.position != asked:
            raise EnrollmentError("fingerprint.wrong_finger", message("fingerprint.wrong_finger"))
        for kept, score in impression.scores_against_kept.items():
            if score >= self.settings.same_finger_score and kept in self.kept_templates():
                return TryResult(Outcome.SAME_FINGER, asked, impression.score, None, len(self._tries), kept)
        if self.tries_left <= 0:
            raise EnrollmentError("fingerprint.no_tries_left", message("fingerprint.no_tries_left"))
        self._tries.append(impression)
        best = self.best
        assert best is not None
        tries = len(self._tries)
        if impression.score >= self.settings.min_quality:
            self.accept()
            return TryResult(Outcome.ACCEPTED, asked, impression.score, best.score, tries)
        outcome = Outcome.RETRY if self.tries_left > 0 else Outcome.DECIDE
        return TryResult(outcome, asked, impression.score, best.score, tries)

    def accept(self) -> Fingerprint:
        """Keep the best try of the current finger (the agent's decision below the minimum quality)."""
        self._asked()
        best = self.best
        if best is None:
            raise EnrollmentError("fingerprint.no_try", message("fingerprint.no_try"))
        record = best.record(len(self._tries))
        self._records.append(record)
        self._tries = []
        return record

    def declare_exception(self, reason: FingerException, agent_id: str) -> Fingerprint:
        """Record why the current finger cannot be taken, as confirmed by the agent; the plan moves on."""
        asked = self._asked()
        if not agent_id.strip():
            raise EnrollmentError("fingerprint.unconfirmed", message("fingerprint.unconfirmed"))
        record = Fingerprint(position=asked, exception=reason, exception_confirmed_by=agent_id,
                             tries=len(self._tries))
        self._records.append(record)
        self._tries = []
        return record

    def restart(self) -> None:
        """Forget every print and exception (the agent starts the fingerprints again)."""
        self._records, self._tries = [], []

    def _asked(self) -> FingerPosition:
        asked = self.current
        if asked is None:
            raise EnrollmentError("fingerprint.plan_done", message("fingerprint.plan_done"))
        return asked
