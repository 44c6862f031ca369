"""The signature pad interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.diagnosis import Diagnosis
from devices.signature_pad.diagnose import diagnose_pad
from devices.signature_pad.model import PadInfo, PenTrace
from devices.worker import assert_not_gui_thread


class SignaturePad(Driver):
    kind = "signature_pad"

    @abstractmethod
    def info(self) -> PadInfo:
        """Coordinate range, pressure range and sampling rate."""

    @abstractmethod
    def capture(self, timeout_s: float = 60.0) -> PenTrace:
        """Wait for the applicant to sign and validate on the pad; "signature.timeout" if nobody did."""

    def diagnose(self) -> Diagnosis:
        assert_not_gui_thread()
        return diagnose_pad(self)
