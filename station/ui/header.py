"""The window's header: which station and mairie, the outbox in one line, and who is logged in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..config import Config
from ..strings import label


class Header(QWidget):
    def __init__(self, config: Config) -> None:
        super().__init__()
        self.setObjectName("header")
        # A QWidget subclass paints its style sheet's background only when asked to (a plain QWidget does).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.station = QLabel(label("header.station", station=config.station_id,
                                    mairie=config.mairie_name or config.mairie_insee))
        self.station.setObjectName("headerTitle")
        self.agent = QLabel("")
        self.outbox = QLabel("")
        row = QHBoxLayout(self)
        row.addWidget(self.station)
        row.addStretch(1)
        row.addWidget(self.outbox)
        row.addSpacing(24)
        row.addWidget(self.agent)
