"""The fingerprint scanner interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.diagnosis import Diagnosis
from devices.fingerprint.diagnose import diagnose_scanner
from devices.fingerprint.model import FingerImage, ScannerInfo
from devices.worker import assert_not_gui_thread


class FingerprintScanner(Driver):
    kind = "fingerprint"

    @abstractmethod
    def info(self) -> ScannerInfo:
        """What the scanner is and the size of its images."""

    @abstractmethod
    def capture(self, position: str, timeout_s: float = 10.0) -> FingerImage:
        """Wait for a finger and return its plain impression.

        `position` is the ISO/IEC 19794-4 finger code as a string ("2" right index, "7" left index).
        Raises DeviceError "fingerprint.timeout" when no finger came within `timeout_s`.
        """

    def diagnose(self) -> Diagnosis:
        assert_not_gui_thread()
        return diagnose_scanner(self)
