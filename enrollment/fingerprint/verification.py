"""1:1 fingerprint verification when a title is handed over: the holder presents the enrolled fingers again,
up to three times, and the station decides whether they are the holder's.

Fusion: a presentation scores the sum, over the enrolled fingers, of each finger's best Bozorth3 score
against that finger's enrolled template(s); the holder matches as soon as one presentation reaches the
threshold (the agent asks for no further presentation then). With one finger enrolled (the other declared
impossible) its own score decides, against its own threshold: the sum of one score is not comparable with
the sum of two. Thresholds and how they were chosen: thresholds.py ("1:1 verification at title hand-over")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .nbis_engine import bozorth3, extract
from .thresholds import THRESHOLDS


@dataclass(frozen=True)
class Verification:
    """The decision and what it rests on.

    `scores[p][f]` is finger f's score in presentation p (finger order as enrolled), `fused[p]` their sum;
    only the presentations used are listed: the first matching one ends the verification."""

    matched: bool
    scores: tuple[tuple[int, ...], ...]
    fused: tuple[int, ...]
    fused_score: int  # the best presentation's
    threshold: int
    fingers: int  # enrolled fingers compared: 2, or 1 when the other finger could not be enrolled
    presentations_used: int


def threshold_for(fingers: int) -> int:
    """The station's threshold for one or two enrolled fingers."""
    return THRESHOLDS.verify_fused_score if fingers == 2 else THRESHOLDS.verify_single_finger_score


def _refuse(code: str, **fields: object) -> EnrollmentError:
    return EnrollmentError(f"fingerprint.verify.{code}", message(f"fingerprint.verify.{code}", **fields))


def check_inputs(enrolled: Sequence[Sequence[object]], presentations: Sequence[Sequence[object]]) -> None:
    """Refuses (in French) what no decision can be made on: finger, impression and presentation counts."""
    if not enrolled or any(not finger for finger in enrolled):
        raise _refuse("no_finger")
    if len(enrolled) > 2:
        raise _refuse("too_many_fingers")
    if any(len(finger) > THRESHOLDS.verify_max_enrolled_impressions for finger in enrolled):
        raise _refuse("too_many_impressions")
    if not 1 <= len(presentations) <= THRESHOLDS.verify_max_presentations:
        raise _refuse("presentations", limit=THRESHOLDS.verify_max_presentations)
    if any(len(p) != len(enrolled) for p in presentations):
        raise _refuse("finger_count", expected=len(enrolled))


def verify(enrolled: Sequence[Sequence[bytes]], presentations: Sequence[Sequence[bytes]],
           threshold: int | None = None) -> Verification:
    """Decide on ISO/IEC 19794-2:2005 templates: `enrolled[f]` holds finger f's one or two enrolled
    templates, `presentations[p][f]` finger f's template in presentation p (same finger order)."""
    check_inputs(enrolled, presentations)
    limit = threshold_for(len(enrolled)) if threshold is None else threshold
    scores: list[tuple[int, ...]] = []
    for presented in presentations:
        scores.append(tuple(max(bozorth3(t, probe) for t in finger) for finger, probe in zip(enrolled, presented,
                                                                                               strict=True)))
        if sum(scores[-1]) >= limit:
            break
    fused = tuple(sum(s) for s in scores)
    return Verification(matched=max(fused) >= limit, scores=tuple(scores), fused=fused, fused_score=max(fused),
                        threshold=limit, fingers=len(enrolled), presentations_used=len(scores))


def templates_of(images: Sequence[np.ndarray], ppi: int = 500) -> tuple[bytes, ...]:
    """The templates of one presentation's images (or of the enrolled prints), in the same order."""
    return tuple(extract(pixels, ppi).template for pixels in images)


def verify_images(enrolled: Sequence[Sequence[bytes]], presentations: Sequence[Sequence[np.ndarray]],
                  ppi: int = 500, threshold: int | None = None) -> Verification:
    """As `verify`, the presented side given as images: a presentation is extracted only when the ones
    before it did not match, so the agent waits for one extraction per finger when the first one does."""
    check_inputs(enrolled, presentations)
    limit = threshold_for(len(enrolled)) if threshold is None else threshold
    results: list[Verification] = []
    for images in presentations:
        results.append(verify(enrolled, [templates_of(images, ppi)], limit))
        if results[-1].matched:
            break
    scores = tuple(r.scores[0] for r in results)
    fused = tuple(r.fused_score for r in results)
    return Verification(matched=results[-1].matched, scores=scores, fused=fused, fused_score=max(fused),
                        threshold=limit, fingers=len(enrolled), presentations_used=len(results))
