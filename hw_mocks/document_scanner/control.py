"""Simulated flatbed scanner: an A4 page at 150 dpi that looks like a proof of address (a utility bill).

Everything on the page is invented (the supplier, the name, the address) and says so in its header:
no real personal data ever goes through the simulator. The page is slightly rotated and off-white, with
a faint shadow at the edge, as scans are.
"""

from __future__ import annotations

import base64
import threading
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from hw_mocks.protocol import OpHandler, SimError, b64

DPI = 150
WIDTH, HEIGHT = 1240, 1754  # A4 (210 × 297 mm) at 150 dpi

INK = (40, 35, 30)
ACCENT = (140, 90, 20)
FONT = cv2.FONT_HERSHEY_SIMPLEX  # Hershey fonts are ASCII only: the fake text has no accents


class DocumentScannerSim:
    name = "document_scanner"

    MODEL = "Recueil Scanner simule"
    SERIAL = "SIM-SCAN-0001"

    def __init__(self, data_dir: Path | None = None, scanner_port: int = 0) -> None:
        self._jpeg: bytes | None = None
        self._dpi = DPI
        self._feeder: list[tuple[np.ndarray, int]] = []  # pages in the document feeder, first on top
        self._lock = threading.Lock()
        self.escl_state, self.adf_state = "Idle", "ScannerAdfEmpty"
        from hw_mocks.document_scanner.escl import EsclServer

        self.escl = EsclServer(self, port=scanner_port)  # the scanner on the network, for SANE's escl backend

    def ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "scan": self.scan}

    def control_ops(self) -> dict[str, OpHandler]:
        return {"page": self.page, "title": self.title, "feeder": self.feeder, "fault": self.fault}

    # -- the eSCL side (escl.py): the paper on the glass or in the feeder, at the resolution asked ----------

    def glass_paper(self) -> tuple[np.ndarray, int]:
        if self._jpeg is None:
            return draw_page(), DPI
        return cv2.imdecode(np.frombuffer(self._jpeg, np.uint8), cv2.IMREAD_COLOR), self._dpi

    def feeder(self, args: dict[str, Any]) -> dict[str, Any]:
        """Paper in the feeder: `pages` pages of the drawn invoice (the second and later are its terms), or
        the images given (base64 PNG/JPEG in `images`, at `dpi`); `pages` 0 empties it."""
        if "images" in args:
            pages = [(_decode(raw), int(args.get("dpi", DPI))) for raw in args["images"]]
        else:
            pages = [(draw_page() if n == 0 else draw_terms_page(n + 1), DPI) for n in range(int(args.get("pages", 2)))]
        with self._lock:
            self._feeder = pages
            self.adf_state = "ScannerAdfLoaded" if pages else "ScannerAdfEmpty"
        return {"pages": len(pages)}

    def fault(self, args: dict[str, Any]) -> dict[str, Any]:
        """`jam` (the feeder jams), `busy` (another job holds the scanner), or `clear`."""
        kind = str(args.get("fault", "clear"))
        with self._lock:
            if kind == "jam":
                self.adf_state = "ScannerAdfJam"
            elif kind == "busy":
                self.escl_state = "Processing"
            elif kind == "clear":
                self.escl_state = "Idle"
                self.adf_state = "ScannerAdfLoaded" if self._feeder else "ScannerAdfEmpty"
            else:
                raise SimError("scanner.bad_fault", "fault must be jam, busy or clear")
        return {"state": self.escl_state, "adf": self.adf_state}

    def refuse_job(self, settings: dict[str, Any]) -> int | None:
        """The HTTP status a real scanner answers a job it cannot start with (503 busy, 409 no paper)."""
        if self.escl_state != "Idle":
            return 503
        feeder = settings["source"] == "Feeder"
        if feeder and (self.adf_state != "ScannerAdfLoaded" or not self._feeder):
            return 409
        return None

    def new_job(self, settings: dict[str, Any]) -> dict[str, Any]:
        return {**settings, "done": False}

    def next_page(self, job: dict[str, Any]) -> bytes | None:
        with self._lock:
            if job["source"] == "Feeder":
                if not self._feeder or self.adf_state == "ScannerAdfJam":
                    return None
                paper, dpi = self._feeder.pop(0)
                if not self._feeder:
                    self.adf_state = "ScannerAdfEmpty"
            elif job["done"]:
                return None
            else:
                paper, dpi = self.glass_paper()
            job["done"] = True
        from hw_mocks.document_scanner.glass import on_glass

        image = on_glass(paper, dpi, job, feeder=job["source"] == "Feeder")
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
        if not ok:
            return None
        return jpeg.tobytes()

    def title(self, args: dict[str, Any]) -> dict[str, Any]:
        """A previous title on the glass, its MRZ in OCR-B (title_page.py): `kind` passport or cnie and its
        `number`, or the zone's own text in `mrz` (a wrong check digit); scanned at `dpi` (300), turned by
        `angle_deg`, with `noise` grey levels."""
        from hw_mocks.document_scanner.title_page import draw_title, title_zone

        zone = args.get("mrz") or title_zone(str(args.get("kind", "cnie")), str(args.get("number", "")))
        dpi = int(args.get("dpi", 300))
        image = draw_title(zone, dpi, float(args.get("angle_deg", 0.0)), float(args.get("noise", 0.0)))
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 95])
        if not ok:
            raise SimError("scanner.failed", "JPEG encoding failed")
        self._jpeg, self._dpi = jpeg.tobytes(), dpi
        return {"page": "title", "mrz": zone, "width": image.shape[1], "height": image.shape[0]}

    def page(self, args: dict[str, Any]) -> dict[str, Any]:
        """The paper on the glass from now on: an image (PNG or JPEG, base64 in `image`), kept as a
        high-quality JPEG as the scanner sends it, its size on paper given by `dpi` (150); without `image`, the
        drawn invoice again."""
        raw = args.get("image")
        self._dpi = int(args.get("dpi", DPI))
        if raw is None:
            self._jpeg = None
            return {"page": "default"}
        image = _decode(raw)
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 95])
        if not ok:
            raise SimError("scanner.failed", "JPEG encoding failed")
        self._jpeg = jpeg.tobytes()
        return {"page": "custom", "width": image.shape[1], "height": image.shape[0]}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"model": "Scanner simulé", "dpi": DPI, "width": WIDTH, "height": HEIGHT}

    def scan(self, args: dict[str, Any]) -> dict[str, Any]:
        if self._jpeg is None:
            ok, jpeg = cv2.imencode(".jpg", draw_page(), [cv2.IMWRITE_JPEG_QUALITY, 85])
            if not ok:
                raise SimError("scanner.failed", "JPEG encoding failed")
            self._jpeg = jpeg.tobytes()
        return {"jpeg": b64(self._jpeg), "dpi": self._dpi}


def _decode(raw: str) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(base64.b64decode(raw), np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise SimError("scanner.bad_page", "the page is not a PNG or JPEG image")
    return image


def _text(page: np.ndarray, text: str, x: int, y: int, scale: float = 0.8, bold: int = 1,
          color: tuple[int, int, int] = INK) -> None:
    cv2.putText(page, text, (x, y), FONT, scale, color, bold, cv2.LINE_AA)


def draw_page() -> np.ndarray:
    page = np.full((HEIGHT, WIDTH, 3), 248, np.uint8)
    # Supplier block with a logo.
    cv2.circle(page, (150, 160), 55, ACCENT, -1)
    cv2.circle(page, (150, 160), 28, (248, 248, 248), -1)
    _text(page, "ENERGIE EXEMPLE", 230, 150, 1.4, 3, ACCENT)
    _text(page, "Fournisseur fictif - document de demonstration", 230, 195, 0.7)
    _text(page, "FACTURE D'ELECTRICITE", 90, 330, 1.2, 2)
    _text(page, "Facture n. 0000-DEMO-0042   du 02/01/2025", 90, 375, 0.75)
    # Customer block (invented).
    cv2.rectangle(page, (700, 420), (1150, 620), (200, 200, 200), 2)
    for i, line in enumerate(["M. EXEMPLE Jean", "12 rue de l'Exemple", "21000 DIJON"]):
        _text(page, line, 730, 475 + i * 50, 0.9, 2)
    _text(page, "Adresse du point de livraison :", 90, 700, 0.8, 2)
    _text(page, "12 rue de l'Exemple, 21000 DIJON", 90, 745, 0.8)
    # Consumption table.
    top, rows = 820, ["Abonnement", "Consommation heures pleines", "Consommation heures creuses",
                      "Taxes et contributions", "TVA"]
    cv2.rectangle(page, (90, top), (1150, top + 60), (230, 220, 205), -1)
    _text(page, "Designation", 110, top + 40, 0.8, 2)
    _text(page, "Montant", 960, top + 40, 0.8, 2)
    for i, label in enumerate(rows):
        y = top + 60 + (i + 1) * 60
        cv2.line(page, (90, y), (1150, y), (210, 210, 210), 1)
        _text(page, label, 110, y - 20, 0.75)
        _text(page, f"{12.34 * (i + 1):8.2f} EUR", 930, y - 20, 0.75)
    total_y = top + 60 + len(rows) * 60 + 80
    _text(page, "TOTAL A PAYER", 640, total_y, 1.0, 2)
    _text(page, f"{12.34 * 15:8.2f} EUR", 930, total_y, 1.0, 2)
    # Filler paragraphs: grey bars where small print would be.
    rng = np.random.default_rng(3)
    for y in range(total_y + 120, HEIGHT - 150, 34):
        cv2.line(page, (90, y), (90 + int(rng.integers(600, 1060)), y), (170, 170, 170), 8)
    _text(page, "Document fictif genere par le simulateur Recueil - sans valeur", 90, HEIGHT - 80, 0.7)
    return _as_scanned(page)


def draw_terms_page(number: int) -> np.ndarray:
    """A later page of the invoice: its terms in small print, and its number."""
    page = np.full((HEIGHT, WIDTH, 3), 248, np.uint8)
    _text(page, "ENERGIE EXEMPLE", 90, 150, 1.2, 3, ACCENT)
    _text(page, "CONDITIONS GENERALES DE VENTE (extrait)", 90, 240, 0.9, 2)
    rng = np.random.default_rng(number)
    for y in range(320, HEIGHT - 200, 34):
        cv2.line(page, (90, y), (90 + int(rng.integers(700, 1060)), y), (170, 170, 170), 8)
    _text(page, f"Page {number}", WIDTH - 250, HEIGHT - 80, 0.8, 2)
    return _as_scanned(page)


def _as_scanned(page: np.ndarray) -> np.ndarray:
    """Rotate by half a degree and darken one edge, as a page laid by hand on the glass comes out."""
    matrix = cv2.getRotationMatrix2D((WIDTH / 2, HEIGHT / 2), 0.5, 1.0)
    page = cv2.warpAffine(page, matrix, (WIDTH, HEIGHT), borderValue=(235, 235, 235))
    shade = np.linspace(0.9, 1.0, 40, dtype=np.float32)
    page[:, :40] = (page[:, :40].astype(np.float32) * shade[None, :, None]).astype(np.uint8)
    return page
