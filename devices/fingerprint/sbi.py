"""A fingerprint scanner behind MOSIP's Secure Biometric Interface (devices/sbi/): certified scanners whose
maker ships an SBI service.

Each capture is an RCAPTURE of one finger: on a single-finger scanner (deviceSubId 0) that finger; on a slap
scanner, the slap holding it (1 left, 2 right, 3 thumbs) with the slap's other fingers excepted, so the
applicant puts down one finger as on any scanner. The fingers the station recorded as impossible go in the
exception list too. The ISO/IEC 19794-4 record is read back to pixels for the station's own NFIQ 2; the
device's score rides along on the image, shown, never trusted alone.
"""

from __future__ import annotations

from devices import strings
from devices.errors import DeviceError
from devices.fingerprint.driver import FingerprintScanner
from devices.fingerprint.model import FINGER_POSITIONS, FingerImage, ScannerInfo
from devices.sbi.driver import SbiDriverBase, client_for
from devices.sbi.errors import sbi_error
from devices.sbi.iso_records import RecordError, read_finger_record
from devices.sbi.model import BIO_SUB_TYPES, SLAPS, SbiDevice
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

# The score asked of the device before it auto-captures (NFIQ 2 scale); the station judges again itself.
REQUESTED_SCORE = "40"


class SbiFingerprintScanner(SbiDriverBase, FingerprintScanner):
    kind = "fingerprint"

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SbiFingerprintScanner:
        return cls(client_for("fingerprint", "Finger", settings))

    def info(self) -> ScannerInfo:
        d = self.device()
        # An SBI device states no image size: its records do, one capture at a time.
        return ScannerInfo(d.make, d.model, 500, 0, 0, d.serial, d.firmware)

    def capture(self, position: str, timeout_s: float = 10.0, exceptions: tuple[str, ...] = ()) -> FingerImage:
        assert_not_gui_thread()
        if position not in FINGER_POSITIONS:
            raise DeviceError("fingerprint.bad_position", strings.message("fingerprint.bad_position"))
        try:
            device = self.device()
            captures = self.client.capture(device, _bio(device, position, exceptions), timeout_s)
        except DeviceError as exc:
            self.forget_on(exc)
            if exc.code == "sbi.timeout":
                raise DeviceError("fingerprint.timeout", strings.message("fingerprint.timeout")) from None
            raise
        wanted = BIO_SUB_TYPES[position]
        capture = next((c for c in captures if c.bio_sub_type == wanted), None)
        if capture is None:
            raise sbi_error("sbi.mismatch", self.kind, field="bioSubType")
        try:
            record = read_finger_record(capture.record)
        except RecordError:
            raise sbi_error("device.bad_reply", self.kind) from None
        if record.position not in (0, int(position)):
            raise sbi_error("sbi.mismatch", self.kind, field="position")
        return FingerImage(record.pixels, record.ppi, device_quality=capture.quality)


def _bio(device: SbiDevice, position: str, exceptions: tuple[str, ...]) -> dict[str, object]:
    name = BIO_SUB_TYPES[position]
    if device.sub_type == "Slap":
        sub_id = next((s for s, fingers in SLAPS.items() if position in fingers and s in device.sub_ids), None)
        if sub_id is None:
            raise DeviceError("fingerprint.bad_position", strings.message("fingerprint.bad_position"))
        excepted = [BIO_SUB_TYPES[p] for p in SLAPS[sub_id] if p != position]
    else:
        sub_id = device.sub_ids[0] if device.sub_ids else "0"
        excepted = [BIO_SUB_TYPES[p] for p in exceptions if p in BIO_SUB_TYPES and p != position]
    return {"type": "Finger", "count": "1", "bioSubType": [name], "exception": excepted,
            "requestedScore": REQUESTED_SCORE, "deviceSubId": sub_id}
