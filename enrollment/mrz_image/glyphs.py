"""What the OCR engine is not trusted with: telling the filler `<` from the letters, and the letters it
confuses with digits where ICAO 9303 allows only a digit.

Tesseract's English model reads a run of fillers as a random number of `<` and `K` (measured on rendered
OCR-B: no clean scan passed its check digits). The filler is told by its shape instead: a chevron, whose
top and bottom strokes are at the right of its box and whose middle is at the left. No other MRZ character
has that: K, C, J, 1 and 4 all have ink at the top left, across the top, or at the middle right.
"""

from __future__ import annotations

import numpy as np

# OCR-B's digits stand about 7 % taller than its capitals (measured on the font: 158 against 147 units), which
# tells its zero from the letter O where an English model, reading letters around it, says O.
_MIN_GAP_PX = 1.5  # below this difference of heights the scan is too coarse to tell


def _extent(mask: np.ndarray, start: float, stop: float) -> tuple[float, float] | None:
    """Left and right of the ink in the rows from `start` to `stop` (fractions of the height), as fractions
    of the width; None when those rows hold no ink."""
    h, w = mask.shape
    rows = mask[int(start * h):max(int(stop * h), int(start * h) + 1)]
    cols = np.nonzero(rows.any(axis=0))[0]
    if cols.size == 0:
        return None
    return cols[0] / w, (cols[-1] + 1) / w


def is_filler(mask: np.ndarray) -> bool:
    """Whether a glyph's mask (True where ink, cut to its box) is the chevron `<`."""
    top, middle, bottom = _extent(mask, 0, 0.15), _extent(mask, 0.45, 0.55), _extent(mask, 0.85, 1.0)
    if top is None or middle is None or bottom is None:
        return False
    return top[0] > 0.45 and bottom[0] > 0.45 and middle[1] < 0.65


# The fields where ICAO 9303 prints only digits: dates and check digits (a document number, alphanumeric,
# is never touched). Per zone shape, per line, the positions.
_TD1_DIGITS = (frozenset({14}), frozenset({*range(0, 7), *range(8, 15), 29}), frozenset())
_TD3_DIGITS = (frozenset(), frozenset({9, *range(13, 20), *range(21, 28), 43}))
# The letters an OCR engine gives for a digit of the same outline in OCR-B.
_AS_DIGIT = str.maketrans({"O": "0", "I": "1", "B": "8", "S": "5"})


def digits_where_numeric(lines: list[str]) -> list[str]:
    """The zone with O, I, B, S read as 0, 1, 8, 5 where only a digit may stand; elsewhere as read. A letter
    misread for another digit is not guessed: the check digits refuse it."""
    positions = _TD1_DIGITS if len(lines) == 3 else _TD3_DIGITS
    return ["".join(c.translate(_AS_DIGIT) if i in positions[n] else c for i, c in enumerate(line))
            for n, line in enumerate(lines)]


def height_medians(lines: list[str], heights: list[list[int]]) -> tuple[float, float] | None:
    """The median height of the zone's capitals and of its digits as read (O and 0 left out), or None when
    the scan is too coarse to tell them apart or holds too few of either."""
    letters = [h for line, hs in zip(lines, heights, strict=True) for c, h in zip(line, hs, strict=True)
               if c.isalpha() and c != "O"]
    digits = [h for line, hs in zip(lines, heights, strict=True) for c, h in zip(line, hs, strict=True)
              if c.isdigit() and c != "0"]
    if len(letters) < 3 or len(digits) < 3:
        return None
    letter, digit = float(np.median(letters)), float(np.median(digits))
    return (letter, digit) if digit - letter >= _MIN_GAP_PX else None


def settle_zero_and_o(lines: list[str], heights: list[list[int]]) -> list[str]:
    """Each O or 0 as a digit when its glyph stands as tall as the zone's other digits, as a letter when as
    tall as its other letters; as read when the scan is too coarse to tell them apart."""
    medians = height_medians(lines, heights)
    if medians is None:
        return lines
    middle = sum(medians) / 2
    return ["".join(("0" if h > middle else "O") if c in "O0" else c for c, h in zip(line, hs, strict=True))
            for line, hs in zip(lines, heights, strict=True)]
