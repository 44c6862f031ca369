"""The fingerprint scanner interface the station programs against."""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.fingerprint.model import FingerImage, ScannerInfo


class FingerprintScanner(Driver):
    kind = "fingerprint"

    @abstractmethod
    def info(self) -> ScannerInfo:
        """What the scanner is and the size of its images."""

    @abstractmethod
    def capture(self, position: str, timeout_s: float = 10.0, exceptions: tuple[str, ...] = ()) -> FingerImage:
        """Wait for a finger and return its plain impression.

        `position` is the ISO/IEC 19794-4 finger code as a string ("2" right index, "7" left index);
        `exceptions` the fingers recorded as impossible (a scanner imaging several fingers skips them).
        Raises DeviceError "fingerprint.timeout" when no finger came within `timeout_s`.
        """

    # Optional abilities: a scanner without them keeps these defaults (and diagnose() skips the platen check).

    def platen_image(self) -> FingerImage | None:
        """The empty glass imaged at once (self-test), or None when the scanner cannot do it."""
        return None

    def finger_present(self) -> bool | None:
        """Whether a finger lies on the glass now, or None when the scanner cannot tell."""
        return None

    def set_led(self, finger: str | None, colour: str, blink: bool = False) -> None:  # noqa: B027 - optional
        """Light the guidance LED: "green" (good), "red" (again), "amber" (place `finger`), "off"."""

    def abort(self) -> None:  # noqa: B027 - optional
        """Stop a capture the scanner still runs after the station gave up on it (the LED goes back to idle)."""
