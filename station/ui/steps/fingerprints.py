"""The fingerprint step: the two prints the title keeps, captured on the scanner."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel

from devices.fingerprint import FingerImage
from enrollment.model import Dossier, FingerPosition, Fingerprint

from ...notifications import agent_message
from ...strings import label, message
from ..widgets import Preview, button, pixmap_from_array, pixmap_from_bytes, png_bytes
from .base import Step

FINGERS = ((FingerPosition.RIGHT_INDEX, "finger.right_index"), (FingerPosition.LEFT_INDEX, "finger.left_index"))


class FingerprintStep(Step):
    key = "empreintes"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        grid = QGridLayout()
        self.previews: dict[FingerPosition, Preview] = {}
        self.buttons: dict[FingerPosition, object] = {}
        for col, (pos, key) in enumerate(FINGERS):
            name = label(key)
            grid.addWidget(QLabel(name), 0, col)
            preview = Preview(200, 240, label("finger.none"))
            grid.addWidget(preview, 1, col)
            b = button(label("finger.capture", finger=name.lower()), primary=col == 0)
            b.clicked.connect(lambda _=False, p=pos: self.capture(p))
            grid.addWidget(b, 2, col)
            self.previews[pos], self.buttons[pos] = preview, b
        self.outer.addLayout(grid)
        self.finish_layout()

    def load(self, d: Dossier) -> None:
        super().load(d)
        kept = {f.position: f for f in d.fingerprints}
        for pos, preview in self.previews.items():
            preview.show_pixmap(pixmap_from_bytes(kept[pos].png) if pos in kept else None)

    def capture(self, position: FingerPosition) -> None:
        for b in self.buttons.values():
            b.setEnabled(False)
        self.status.setText(message("finger.capturing"))
        self.ctx.calls.run(
            self.ctx.devices.fingerprint.call("capture", position.value, 15.0),
            lambda img: self._captured(position, img),
            self._failed,
        )

    def _captured(self, position: FingerPosition, img: FingerImage) -> None:
        for b in self.buttons.values():
            b.setEnabled(True)
        if self.dossier is None:
            return
        h, w = img.pixels.shape
        record = Fingerprint(position=position, png=png_bytes(img.pixels), width=w, height=h, ppi=img.ppi)
        self.dossier.fingerprints = [f for f in self.dossier.fingerprints if f.position != position] + [record]
        self.previews[position].show_pixmap(pixmap_from_array(img.pixels))
        self.status.setText(message("finger.done"))

    def _failed(self, error: BaseException) -> None:
        for b in self.buttons.values():
            b.setEnabled(True)
        self.status.setText(agent_message(error))
