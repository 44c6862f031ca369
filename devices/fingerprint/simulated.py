"""The fingerprint scanner served by hw-mocks: 500 ppi grey PNGs over the simulated device link."""

from __future__ import annotations

from devices import strings
from devices.base import decode_image
from devices.errors import DeviceError
from devices.fingerprint.driver import FingerprintScanner
from devices.fingerprint.model import FINGER_POSITIONS, FingerImage, ScannerInfo
from devices.settings import DeviceSettings
from devices.simlink import SimLink, decode_b64, field, link_for
from devices.worker import assert_not_gui_thread


class SimulatedFingerprintScanner(FingerprintScanner):
    implementation = "simulated"

    def __init__(self, link: SimLink) -> None:
        self._link = link

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SimulatedFingerprintScanner:
        return cls(link_for(settings, cls.kind))

    def info(self) -> ScannerInfo:
        assert_not_gui_thread()
        r = self._link.call("info")
        return ScannerInfo(
            vendor=field(r, "vendor", str, self.kind),
            model=field(r, "model", str, self.kind),
            ppi=field(r, "ppi", int, self.kind),
            width=field(r, "width", int, self.kind),
            height=field(r, "height", int, self.kind),
        )

    def capture(self, position: str, timeout_s: float = 10.0) -> FingerImage:
        assert_not_gui_thread()
        if position not in FINGER_POSITIONS:
            raise DeviceError("fingerprint.bad_position", strings.message("fingerprint.bad_position"))
        args = {"position": position, "timeout_s": timeout_s}
        r = self._link.call("capture", args, extra_timeout_s=timeout_s)
        pixels = decode_image(decode_b64(r.get("png"), self.kind), self.kind, grey=True)
        return FingerImage(pixels=pixels, ppi=field(r, "ppi", int, self.kind))

    def close(self) -> None:
        self._link.close()
