"""Which finger to ask for next (domain.md "Fingerprints"): both index fingers; for a hand whose index
cannot be taken, its middle then its ring finger; failing that, a finger of the other hand. Thumbs and
little fingers are not asked for. Light on purpose: validation imports it."""

from __future__ import annotations

from collections.abc import Iterable

from ..strings import message
from .model import FingerPosition, Fingerprint

P = FingerPosition
HANDS: tuple[tuple[FingerPosition, ...], ...] = (
    (P.RIGHT_INDEX, P.RIGHT_MIDDLE, P.RIGHT_RING),
    (P.LEFT_INDEX, P.LEFT_MIDDLE, P.LEFT_RING),
)
CANDIDATES: tuple[FingerPosition, ...] = tuple(p for hand in HANDS for p in hand)


def finger_name(position: FingerPosition) -> str:
    return message(f"fingerprint.finger.{position.value}")


def finger_with_article(position: FingerPosition) -> str:
    """"l'index droit", "le majeur gauche": French elides the article before a vowel."""
    name = finger_name(position)
    return message("fingerprint.finger_elided" if name[0] in "aeiouyh" else "fingerprint.finger_with_le", finger=name)


def next_finger(records: Iterable[Fingerprint], prints_kept: int = 2) -> FingerPosition | None:
    """The finger to ask for after `records`, or None when the plan is over (two prints, or no finger left)."""
    records = list(records)
    captured = {r.position for r in records if r.captured}
    used = captured | {r.position for r in records if not r.captured}
    if len(captured) >= prints_kept:
        return None
    for hand in HANDS:  # each hand gives one print, index first
        if not captured.intersection(hand):
            left = [p for p in hand if p not in used]
            if left:
                return left[0]
    # A hand gave nothing: a finger of the other hand.
    return next((p for p in CANDIDATES if p not in used), None)


def plan_complete(records: Iterable[Fingerprint], prints_kept: int = 2) -> bool:
    """Two prints kept, or every candidate finger recorded as an exception or kept."""
    return next_finger(records, prints_kept) is None


