"""The letters and digits of the zone, read by Tesseract (Debian's `tesseract-ocr` with its English model,
through pytesseract): an OCR engine, loaded on first use like the face engine, not a device.

Each line is redrawn without its fillers (told apart by their shape, glyphs.py) at the height Tesseract
reads best, and the whole zone is read in one call as a block of text. Each word Tesseract returns is put
back on the glyphs it covers by its position; a word whose letters do not match those glyphs one for one
makes the zone unreadable rather than shifted.
"""

from __future__ import annotations

import numpy as np

from ..errors import EnrollmentError
from ..strings import message
from .glyphs import height_medians, is_filler
from .zone import Zone

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# Capitals redrawn 24 px high: on rendered OCR-B zones (150–300 dpi, turned, noisy) 16 px read 21 of 32,
# 24 px 23, 30 px 19, 40 px 18; spacing the glyphs further apart read fewer still.
CAP_HEIGHT_PX = 24
MARGIN_PX = 30


def _read(page: np.ndarray, whitelist: str = WHITELIST, psm: int = 6) -> dict[str, list]:
    """Tesseract's words on `page` with their boxes; `mrz.ocr_missing` when the binding or the program
    (Debian's tesseract-ocr) is not installed."""
    try:
        import pytesseract
    except ImportError as exc:
        raise EnrollmentError("mrz.ocr_missing", message("mrz.ocr_missing")) from exc
    try:
        return pytesseract.image_to_data(page, config=f"--psm {psm} -c tessedit_char_whitelist={whitelist}",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError as exc:
        raise EnrollmentError("mrz.ocr_missing", message("mrz.ocr_missing")) from exc


def _line_canvas(zone: Zone, glyphs: list[tuple[int, int, int, int, int]], fillers: list[bool],
                 scale: float) -> tuple[np.ndarray, list[float]]:
    """The line's letters and digits, black on white, scaled, fillers left out and each run of them widened
    to a clear space (Tesseract joins words across a gap of one character); with each glyph's left on it."""
    import cv2

    top = min(g[2] for g in glyphs)
    bottom = max(g[2] + g[4] for g in glyphs)
    space = 2 * (bottom - top)
    lefts, shift = [], 0
    for n, ((_label, x, _y, _w, _h), filler) in enumerate(zip(glyphs, fillers, strict=True)):
        if filler and n and not fillers[n - 1]:
            shift += space
        lefts.append(x - glyphs[0][1] + shift)
    canvas = np.zeros((bottom - top, lefts[-1] + glyphs[-1][3]), np.uint8)
    for (label, x, y, w, h), filler, left in zip(glyphs, fillers, lefts, strict=True):
        if not filler:
            canvas[y - top:y - top + h, left:left + w] |= (zone.labels[y:y + h, x:x + w] == label) * np.uint8(255)
    size = (max(int(canvas.shape[1] * scale), 1), max(int(canvas.shape[0] * scale), 1))
    scaled = cv2.resize(canvas, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    return 255 - scaled, [left * scale + MARGIN_PX for left in lefts]


def read_zone(zone: Zone) -> list[str]:
    """The zone's lines as text, fillers as `<`; EnrollmentError `mrz.unreadable` when the engine's words do
    not fall one for one on the glyphs."""
    heights = [g[4] for line in zone.lines for g in line]
    scale = CAP_HEIGHT_PX / float(np.median(heights))
    fillers = [[is_filler(zone.labels[y:y + h, x:x + w] == label) for label, x, y, w, h in line]
               for line in zone.lines]
    drawn = [_line_canvas(zone, line, f, scale) for line, f in zip(zone.lines, fillers, strict=True)]
    canvases = [c for c, _lefts in drawn]
    width = max(c.shape[1] for c in canvases) + 2 * MARGIN_PX
    page = np.full((sum(c.shape[0] + 2 * MARGIN_PX for c in canvases), width), 255, np.uint8)
    rows, y = [], 0
    for c in canvases:
        y += MARGIN_PX
        page[y:y + c.shape[0], MARGIN_PX:MARGIN_PX + c.shape[1]] = c
        rows.append((y, y + c.shape[0]))
        y += c.shape[0] + MARGIN_PX
    data = _read(page)
    text = [["<" if f else "" for f in line] for line in fillers]
    for word, left, top, height in zip(data["text"], data["left"], data["top"], data["height"], strict=True):
        word = word.strip()
        if not word:
            continue
        middle = top + height / 2
        n = next((i for i, (a, b) in enumerate(rows) if a <= middle <= b), None)
        if n is None:
            raise EnrollmentError("mrz.unreadable", message("mrz.unreadable"))
        first = int(np.argmin([abs(x - left) for x in drawn[n][1]]))
        cells = text[n][first:first + len(word)]
        if len(cells) != len(word) or any(cells):
            raise EnrollmentError("mrz.unreadable", message("mrz.unreadable"))
        text[n][first:first + len(word)] = list(word)
    if any(not cell for line in text for cell in line):
        raise EnrollmentError("mrz.unreadable", message("mrz.unreadable"))
    return ["".join(line) for line in text]


def reread_tall_letters(zone: Zone, lines: list[str]) -> list[str]:
    """Each glyph read as a letter though it stands as tall as the zone's digits read again alone, among the
    digits only: the English model reads a 9 among letters as O. Left as read when the scan is too coarse to
    tell capitals from digits by height (glyphs.height_medians) or the second reading is no digit."""
    import cv2

    medians = height_medians(lines, [[g[4] for g in line] for line in zone.lines])
    if medians is None:
        return lines
    out = [list(line) for line in lines]
    for n, (line, glyphs) in enumerate(zip(lines, zone.lines, strict=True)):
        for i, (char, (label, x, y, w, h)) in enumerate(zip(line, glyphs, strict=True)):
            if not char.isalpha() or h < medians[1]:  # no capital stood this tall on the rendered zones
                continue
            ink = np.pad(zone.labels[y:y + h, x:x + w] == label, h // 2).astype(np.uint8) * 255
            scale = CAP_HEIGHT_PX / h
            glyph = 255 - cv2.resize(ink, (max(int(ink.shape[1] * scale), 1), max(int(ink.shape[0] * scale), 1)),
                                     interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
            again = "".join(t.strip() for t in _read(glyph, "0123456789", psm=10)["text"])
            if len(again) == 1 and again.isdigit():
                out[n][i] = again
    return ["".join(line) for line in out]
