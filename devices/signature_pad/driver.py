"""The signature pad interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable

from devices.base import Driver
from devices.signature_pad.model import PadInfo, PenEvent, PenTrace

PenListener = Callable[[PenEvent], None]


class SignaturePad(Driver):
    kind = "signature_pad"

    @abstractmethod
    def info(self) -> PadInfo:
        """Coordinate range, resolution, pressure range, report rate and the signing box."""

    @abstractmethod
    def capture(self, timeout_s: float = 60.0, on_event: PenListener | None = None) -> PenTrace:
        """Show the signing screen and return the trace once the applicant taps OK on the pad.

        `on_event` receives the points live, from the device's thread (never block in it). Raises
        DeviceError "signature.timeout" when nobody validated within `timeout_s`, "signature.cancelled"
        when the applicant tapped Cancel or the station called `cancel()`.
        """

    @abstractmethod
    def clear(self) -> None:
        """Erase the signature being captured (pad screen and trace). Thread-safe, returns at once."""

    @abstractmethod
    def cancel(self) -> None:
        """End the capture in progress, if any, with "signature.cancelled". Thread-safe, returns at once."""

    @abstractmethod
    def pen_test(self, timeout_s: float = 10.0) -> tuple[int, float]:
        """Wait for the pen to move on the pad: (reports received, measured report rate in Hz)."""
