"""The fingerprint scanner (two plain impressions per applicant aged 12 or more)."""

from devices.fingerprint.driver import FingerprintScanner
from devices.fingerprint.model import FINGER_POSITIONS, LEFT_INDEX, RIGHT_INDEX, FingerImage, ScannerInfo
from devices.fingerprint.usb import UsbFingerprintScanner


def _sbi(settings):  # imported when configured: HTTP, X.509 and numpy must not weigh on every start
    from devices.fingerprint.sbi import SbiFingerprintScanner

    return SbiFingerprintScanner.from_settings(settings)


# A vendor's scanner with its own protocol gets its module beside usb.py and its entry here.
IMPLEMENTATIONS = {
    "usb": UsbFingerprintScanner.from_settings,  # our command set (docs/fingerprint-scanner.md) over pyusb
    "sbi": _sbi,  # a certified scanner's MOSIP SBI service (docs/sbi.md)
}

__all__ = [
    "FINGER_POSITIONS",
    "IMPLEMENTATIONS",
    "LEFT_INDEX",
    "RIGHT_INDEX",
    "FingerImage",
    "FingerprintScanner",
    "ScannerInfo",
    "UsbFingerprintScanner",
]
