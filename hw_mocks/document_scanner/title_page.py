"""A scanned title for the simulated scanner: an identity card (ID-1, TD1 zone) or a passport's data page
(TD3 zone) with its MRZ printed as titles print it, in OCR-B at ten characters to the inch.

The zone comes from the `mrz` package's generators, so its check digits are right unless a test gives its
own text. Everything else on the title is invented and says so; no real personal data. The font is
Debian's `fonts-ocr-b` (installer/setup-dev.sh installs it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hw_mocks.protocol import SimError

OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Title size in mm, gap between MRZ lines in mm (ICAO 9303 parts 4 and 5).
SIZES = {"passport": ((125.0, 88.0), 6.0), "cnie": ((85.6, 54.0), 4.2)}
PITCH_MM = 2.54  # ten characters to the inch
FONT_MM = 3.2  # OCR-B size whose capitals are 2.3 mm high, as in the zone


def title_zone(kind: str, number: str, surname: str = "EXEMPLE", given_names: str = "CAMILLE",
               birth: str = "900517", expiry: str = "340101", sex: str = "F") -> str:
    """A French title's zone: TD3 for a passport, TD1 for a CNIe."""
    if kind == "passport":
        from mrz.generator.td3 import TD3CodeGenerator

        return str(TD3CodeGenerator("P", "FRA", surname, given_names, number, "FRA", birth, sex, expiry, ""))
    if kind == "cnie":
        from mrz.generator.td1 import TD1CodeGenerator

        return str(TD1CodeGenerator("ID", "FRA", number, birth, sex, expiry, "FRA", surname, given_names))
    raise SimError("scanner.bad_title", f"unknown title kind {kind!r} (passport or cnie)")


def draw_title(zone: str, dpi: int = 300, angle_deg: float = 0.0, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """The title carrying `zone` as a BGR scan at `dpi`, turned by `angle_deg` and with Gaussian noise of
    `noise` grey levels."""
    from PIL import Image, ImageDraw, ImageFont

    if not OCR_B.exists():
        raise SimError("scanner.no_font", f"{OCR_B} is missing: install Debian's fonts-ocr-b")
    lines = zone.strip().splitlines()
    kind = "passport" if len(lines) == 2 else "cnie"
    (width_mm, height_mm), gap_mm = SIZES[kind]

    def px(mm: float) -> float:
        return mm / 25.4 * dpi

    page = Image.new("RGB", (round(px(width_mm)), round(px(height_mm))), (236, 240, 246))
    draw = ImageDraw.Draw(page)
    draw.rounded_rectangle((0, 0, page.width - 1, page.height - 1), radius=round(px(3)), outline=(160, 170, 185),
                           width=max(1, round(px(0.3))))
    draw.rectangle((px(5), px(10), px(30), px(42)), fill=(205, 212, 222))  # where the photo would be
    sans = ImageFont.truetype(str(SANS), round(px(2.6))) if SANS.exists() else ImageFont.load_default()
    header = "PASSEPORT - SPECIMEN" if kind == "passport" else "CARTE NATIONALE D'IDENTITE - SPECIMEN"
    draw.text((px(5), px(3)), header, font=sans, fill=(40, 60, 110))
    for i, text in enumerate(("Titre fictif du simulateur Recueil", "Nom : EXEMPLE", "Prenom : CAMILLE")):
        draw.text((px(34), px(12 + 5 * i)), text, font=sans, fill=(60, 60, 70))
    ocr_b = ImageFont.truetype(str(OCR_B), round(px(FONT_MM)))
    left = (width_mm - PITCH_MM * len(lines[0])) / 2
    top = height_mm - 4.5 - gap_mm * len(lines)
    for n, line in enumerate(lines):
        for i, char in enumerate(line):
            draw.text((px(left + i * PITCH_MM), px(top + n * gap_mm)), char, font=ocr_b, fill=(25, 25, 30))
    if angle_deg:
        page = page.rotate(angle_deg, resample=Image.BICUBIC, expand=True, fillcolor=(250, 250, 250))
    image = np.asarray(page)[:, :, ::-1].astype(np.float32)
    if noise:
        image += np.random.default_rng(seed).normal(0.0, noise, image.shape[:2])[:, :, None]
    return np.clip(image, 0, 255).astype(np.uint8)
