"""The fingerprint scanner (two plain impressions per applicant aged 12 or more)."""

from devices.fingerprint.driver import FingerprintScanner
from devices.fingerprint.model import FINGER_POSITIONS, LEFT_INDEX, RIGHT_INDEX, FingerImage, ScannerInfo
from devices.fingerprint.simulated import SimulatedFingerprintScanner

IMPLEMENTATIONS = {"simulated": SimulatedFingerprintScanner.from_settings}

__all__ = [
    "FINGER_POSITIONS",
    "IMPLEMENTATIONS",
    "LEFT_INDEX",
    "RIGHT_INDEX",
    "FingerImage",
    "FingerprintScanner",
    "ScannerInfo",
    "SimulatedFingerprintScanner",
]
