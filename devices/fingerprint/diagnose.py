"""Fingerprint scanner self-check: what it is, a test capture of the empty glass, and how clean the glass is.

A dirty platen (grease, a latent print, dust) lowers every impression's quality, and agents blame the
applicant's fingers for it; the technician's diagnosis names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from devices import strings
from devices.diagnosis import Diagnosis, Step, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.fingerprint.driver import FingerprintScanner
    from devices.fingerprint.model import FingerImage


@dataclass(frozen=True)
class PlatenLimits:
    """When an image of the empty glass says "clean".

    No standard sets these for a platen in the field: FBI EBTS Appendix F and the PIV single-finger spec
    (FAP 10) test gray-level uniformity on a calibration target at certification, not residue at the
    counter. Ours are set from the emulated scanner: a clean glass has no pixel darker than mid-grey and a
    noise of ~1.5 grey levels; the residue of one latent print darkens ~20 % of the pixels and lifts the
    deviation above 20. The limits sit between, with margin on the clean side.
    """

    dark_level: int = 128  # a pixel darker than this is ridge-dark, not glass
    max_dark_share: float = 0.01  # share of dark pixels a clean platen may show (dust specks)
    max_std: float = 8.0  # grey levels: the glass should be even


PLATEN = PlatenLimits()


@dataclass(frozen=True)
class PlatenReport:
    dark_share: float
    std: float

    @property
    def clean(self) -> bool:
        return self.dark_share <= PLATEN.max_dark_share and self.std <= PLATEN.max_std


def judge_platen(pixels: np.ndarray) -> PlatenReport:
    return PlatenReport(dark_share=float((pixels < PLATEN.dark_level).mean()), std=float(pixels.std()))


def diagnose_scanner(scanner: FingerprintScanner) -> Diagnosis:
    platen: list[FingerImage] = []

    def info() -> str:
        i = scanner.info()
        return strings.check("fingerprint.info", model=i.model, ppi=i.ppi, width=i.width, height=i.height,
                             vendor=i.vendor, serial=i.serial or "?", firmware=i.firmware or "?")

    def test_capture() -> str:
        image = scanner.platen_image()
        if image is None:
            return strings.check("fingerprint.no_self_test")
        platen.append(image)
        h, w = image.pixels.shape
        return strings.check("fingerprint.test_capture", width=w, height=h)

    def cleanliness() -> str:
        if not platen:
            return strings.check("fingerprint.no_self_test")
        report = judge_platen(platen[0].pixels)
        values = {"dark": f"{report.dark_share * 100:.1f}", "std": f"{report.std:.1f}"}
        if not report.clean:
            raise DeviceError("fingerprint.platen_dirty", strings.message("fingerprint.platen_dirty", **values),
                              {"dark_share": round(report.dark_share, 4), "std": round(report.std, 2)})
        return strings.check("fingerprint.platen_clean", **values)

    steps: list[Step] = [("info", info), ("test_capture", test_capture), ("platen", cleanliness)]
    return run_steps(scanner.kind, scanner.implementation, steps)
