"""The signature checks' limits, in one table, with where each number comes from.

No norm fixes these: ISO/IEC 19794-7 describes the data, not what a valid signature is. They are our
values, set so that a hurried but real signature passes and the usual accidents (a tap, a stroke, a hand
that left the box) do not; each is checked both ways by tests/enrollment/signature/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignatureThresholds:
    # A dot: everything inside this square. The smallest legible handwriting has letters of ~2 mm
    # (x-height of 8-point type is ~1.5 mm), so a signature is never this small.
    dot_max_mm: float = 5.0
    # Enough ink to be printed on the title: a short paraphe or initials draw at least ~30 mm of ink
    # and span ~15 mm (the title's zone is ~50 mm wide: render.py).
    min_ink_mm: float = 30.0
    min_width_mm: float = 15.0
    # A straight line: the ink's spread across its main direction stays under this share of its spread
    # along it (principal axes), and it barely changes vertical direction. A ruled stroke gives < 0.02,
    # a signature written along a line > 0.15.
    line_max_thickness_ratio: float = 0.06
    line_max_direction_changes: int = 3
    # Inside the box: the share of pen-down samples allowed outside the signing box (a tail of a letter
    # grazing the frame is tolerated; a signature half over the prompt is not).
    max_outside_share: float = 0.02


DEFAULT_THRESHOLDS = SignatureThresholds()
