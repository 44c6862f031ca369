"""A typical dossier for the transmission figures: what a real appointment puts in a package.

- the face photo: a real photo of the developer set (../shared/data/faces) framed and encoded by the
  station's own photo step (enrollment.face: 35 × 45 mm frame, JPEG under the 20 KB chip limit);
- ten real 500 ppi flat prints of ten different fingers (../shared/data/fingers, FVC2002 DB1), each kept as
  the capture plan keeps it: WSQ image and ISO/IEC 19794-2 template (NBIS);
- a signature drawn by the emulated pad's handwriting model, rendered and exported (ISO/IEC 19794-7);
- two A4 pages scanned at 300 dpi and stored as the documents step stores them (grey PNG): the simulated
  scanner's utility bill, and a typed page of text (a loss declaration). Both go through the scanner's JPEG
  on the way in, as real pages do, so their PNGs carry the scanner's artefacts, not a synthetic clean page.

Everything is read in place and built in memory; the civil data is the test factory's fictitious applicant.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from bench.face import camera_frame
from devstation.factories import complete_dossier
from enrollment.face import face_photo_from_frame
from enrollment.fingerprint.nbis_engine import extract
from enrollment.fingerprint.quality import assess
from enrollment.fingerprint.wsq_codec import encode_wsq
from enrollment.model import Document, DocumentKind, Dossier, FingerPosition, Fingerprint, Reason
from enrollment.signature import PenSample, Signature, SignatureSeries, signed
from hw_mocks.document_scanner.control import draw_page
from hw_mocks.signature_pad import handwriting
from hw_mocks.signature_pad.pad import BOX, HEIGHT, MAX_PRESSURE, UNITS_PER_MM, WIDTH

FINGERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "fingers"
A4_300DPI = (2480, 3508)  # 210 × 297 mm at 300 dpi (width, height)
SCANNER_JPEG_QUALITY = 85  # hw_mocks/document_scanner.py


def _fingerprints() -> list[Fingerprint]:
    """One impression of each of ten different fingers of the set, one per finger position."""
    firsts = sorted(FINGERS.glob("*_1.png"))[:10]
    if len(firsts) < 10:
        raise SystemExit(f"fingerprint set missing or short: {FINGERS}")
    prints = []
    for position, path in zip(FingerPosition, firsts, strict=True):
        pixels = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        h, w = pixels.shape
        prints.append(Fingerprint(position=position, wsq=encode_wsq(pixels), template=extract(pixels).template,
                                  width=w, height=h, quality=assess(pixels).score, tries=1))
    return prints


def _signature() -> Signature:
    samples: list[PenSample] = []
    for stroke in handwriting.signature(4, BOX, MAX_PRESSURE):
        samples += [PenSample(x, y, p, t) for x, y, p, t in stroke]
        samples.append(PenSample(*stroke[-1][:2], 0, stroke[-1][3]))
    return signed(SignatureSeries(tuple(samples), WIDTH, HEIGHT, MAX_PRESSURE, BOX, UNITS_PER_MM),
                  datetime(2025, 1, 2, 10, 30, tzinfo=UTC))


def _text_page() -> np.ndarray:
    """A typed A4 letter at 300 dpi: heading, address block, forty lines of body text, signature line."""
    width, height = A4_300DPI
    page = np.full((height, width), 250, np.uint8)
    font, ink = cv2.FONT_HERSHEY_SIMPLEX, 30
    cv2.putText(page, "DECLARATION DE PERTE D'UN TITRE D'IDENTITE", (180, 420), font, 2.4, ink, 5, cv2.LINE_AA)
    for i, line in enumerate(["Cerfa n. 14011*03 - document fictif", "Mairie de Dijon", "21000 DIJON"]):
        cv2.putText(page, line, (1500, 640 + i * 90), font, 1.5, ink, 3, cv2.LINE_AA)
    words = ("je soussigne declare avoir perdu ma carte nationale d'identite le dans la commune de"
             " delivree par prefecture numero valable jusqu'au fait pour servir et valoir ce que de droit").split()
    rng = np.random.default_rng(11)
    y = 1000
    for _ in range(40):
        line, x = [], 0
        while x < 1900:
            word = words[int(rng.integers(len(words)))]
            line.append(word)
            x += 44 * (len(word) + 1)
        cv2.putText(page, " ".join(line), (180, y), font, 1.45, ink, 3, cv2.LINE_AA)
        y += 58
    cv2.putText(page, "Fait a Dijon, le 02/01/2025          Signature :", (180, y + 120), font, 1.5, ink, 3,
                cv2.LINE_AA)
    return page


def _as_stored(grey: np.ndarray) -> bytes:
    """Through the scanner's JPEG, then the documents step's grey PNG."""
    jpeg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, SCANNER_JPEG_QUALITY])[1]
    return cv2.imencode(".png", cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE))[1].tobytes()


def _documents() -> list[Document]:
    bill = cv2.resize(cv2.cvtColor(draw_page(), cv2.COLOR_BGR2GRAY), A4_300DPI, interpolation=cv2.INTER_CUBIC)
    return [Document(kind=DocumentKind.PROOF_OF_ADDRESS, png=_as_stored(bill), dpi=300),
            Document(kind=DocumentKind.LOSS_OR_THEFT_DECLARATION, png=_as_stored(_text_page()), dpi=300)]


@functools.cache
def typical_dossier() -> Dossier:
    """Built once per process (the face models and NBIS take seconds); copy it with a new id per package."""
    photo = face_photo_from_frame(camera_frame(1280, 720), "camera")
    return complete_dossier().model_copy(update={
        "reason": Reason.LOSS, "photo": photo, "fingerprints": _fingerprints(), "signature": _signature(),
        "documents": _documents()})
