"""The document scanner served by hw-mocks: a JPEG page over the simulated device link."""

from __future__ import annotations

from devices.base import decode_image
from devices.document_scanner.driver import DocumentScanner
from devices.document_scanner.model import ScannedPage
from devices.settings import DeviceSettings
from devices.transport.simlink import SimLink, decode_b64, field, link_for
from devices.worker import assert_not_gui_thread


class SimulatedDocumentScanner(DocumentScanner):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedDocumentScanner:
        return cls(link_for(settings, cls.kind))

    def scan(self, timeout_s: float = 30.0) -> ScannedPage:
        assert_not_gui_thread()
        r = self._link.call("scan", {"timeout_s": timeout_s}, extra_timeout_s=timeout_s)
        image = decode_image(decode_b64(r.get("jpeg"), self.kind), self.kind)
        return ScannedPage(image=image, dpi=field(r, "dpi", int, self.kind))

    def ping(self) -> None:
        assert_not_gui_thread()
        self._link.call("info")

    def close(self) -> None:
        self._link.close()
