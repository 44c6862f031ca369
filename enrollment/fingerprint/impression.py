"""One try on the scanner, processed: quality, ISO template, WSQ image and the same-finger scores.

`process` is the heavy part of a try (about 0.1 s); the station runs it on a worker thread, then hands the
Impression to the capture plan on the GUI thread. Pixels stay in memory: nothing is written to disk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .iso19794_2 import from_nbis
from .model import FingerPosition, Fingerprint
from .nbis_engine import bozorth3, extract
from .quality import QualityReport, report_from
from .thresholds import THRESHOLDS
from .wsq_codec import encode_wsq


@dataclass(frozen=True, eq=False)
class Impression:
    position: FingerPosition
    quality: QualityReport
    template: bytes  # ISO/IEC 19794-2:2005
    wsq: bytes
    width: int
    height: int
    ppi: int
    # Bozorth3 score against each print already kept, by position (the same-finger check).
    scores_against_kept: dict[FingerPosition, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return self.quality.score

    def record(self, tries: int) -> Fingerprint:
        """The dossier's record of this impression, kept as the best of `tries` tries."""
        return Fingerprint(
            position=self.position, wsq=self.wsq, template=self.template, width=self.width, height=self.height,
            ppi=self.ppi, quality=self.quality.score, minutiae=self.quality.minutiae, tries=tries,
        )


def process(
    pixels: np.ndarray,
    ppi: int,
    position: FingerPosition,
    kept_templates: Mapping[FingerPosition, bytes],
    min_quality: int = THRESHOLDS.min_quality,
) -> Impression:
    """Everything the plan needs from one captured image (runs off the GUI thread)."""
    found = extract(pixels, ppi)
    report = report_from(pixels, found, min_quality)
    scores = {pos: bozorth3(found.template, tpl) for pos, tpl in kept_templates.items() if pos != position}
    h, w = pixels.shape
    return Impression(
        position=position, quality=report,
        template=from_nbis(found.template, int(position), found.nfiq2 or 0), wsq=encode_wsq(pixels), width=w, height=h,
        ppi=ppi, scores_against_kept=scores,
    )
