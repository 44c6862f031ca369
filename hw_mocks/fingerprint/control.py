"""Control operations on the link for the fingerprint scanner: the CLI and tests play the applicant.

The scanner itself is a USB device (scanner.py, on the emulated bus); the link only carries the gestures
and the faults: who is at the counter, how they press, a cable pulled, a corrupted transfer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.fingerprint.impressions import Impression
from hw_mocks.fingerprint.persons import POSITIONS, FingerSource, Person
from hw_mocks.fingerprint.scanner import HEIGHT, WIDTH, FingerprintScannerDevice
from hw_mocks.protocol import OpHandler, SimError, arg


class FingerprintSim:
    name = "fingerprint"

    def __init__(self, data_dir: Path | None) -> None:
        self.applicant = Applicant(FingerSource(data_dir, (WIDTH, HEIGHT)))
        self.device = FingerprintScannerDevice(self.applicant)

    def ops(self) -> dict[str, OpHandler]:
        return {}  # the station reaches the scanner over USB, not over the link

    def control_ops(self) -> dict[str, OpHandler]:
        return {"person": self.person, "impression": self.impression, "swap_index": self.swap_index,
                "away": self.away, "missing": self.missing, "unplug": self.unplug, "plug": self.plug,
                "corrupt_next_chunk": self.corrupt_next_chunk, "unplug_mid_transfer": self.unplug_mid_transfer,
                "dirty_platen": self.dirty_platen, "state": self.state}

    def person(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            self.applicant.set_person(arg(args, "name", str), _positions(args.get("missing", [])))
        except ValueError as exc:
            raise SimError("link.bad_args", str(exc)) from None
        return self.state({})

    def impression(self, args: dict[str, Any]) -> dict[str, Any]:
        """Replace how the applicant presses (the keys of Impression); no argument = a clean impression."""
        try:
            impression = Impression.from_dict(dict(args))
        except (TypeError, ValueError) as exc:
            raise SimError("link.bad_args", str(exc)) from None
        with self.applicant.lock:
            self.applicant.impression = impression
        return self.state({})

    def swap_index(self, args: dict[str, Any]) -> dict[str, Any]:
        with self.applicant.lock:
            self.applicant.swap_index = bool(args.get("on", True))
        return self.state({})

    def away(self, args: dict[str, Any]) -> dict[str, Any]:
        with self.applicant.lock:
            self.applicant.away = bool(args.get("on", True))
        return self.state({})

    def missing(self, args: dict[str, Any]) -> dict[str, Any]:
        positions = _positions(args.get("positions", []))
        with self.applicant.lock:
            who = self.applicant.who
            self.applicant.who = Person(who.name, who.seed, who.real, positions)
        return self.state({})

    def unplug(self, args: dict[str, Any]) -> dict[str, Any]:
        self.device.unplug()
        return self.state({})

    def plug(self, args: dict[str, Any]) -> dict[str, Any]:
        self.device.plug()
        return self.state({})

    def corrupt_next_chunk(self, args: dict[str, Any]) -> dict[str, Any]:
        self.device.corrupt_next_chunks(int(arg(args, "count", int, 1)))
        return self.state({})

    def unplug_mid_transfer(self, args: dict[str, Any]) -> dict[str, Any]:
        self.device.unplug_after_chunks(int(arg(args, "after_chunks", int, 3)))
        return self.state({})

    def dirty_platen(self, args: dict[str, Any]) -> dict[str, Any]:
        self.device.dirty_platen = bool(args.get("on", True))
        return self.state({})

    def state(self, args: dict[str, Any]) -> dict[str, Any]:
        led = self.device.led
        return {**self.applicant.describe(), "plugged": self.device.plugged, "captures": self.device.captures,
                "led": {"finger": led.finger, "colour": led.colour, "blink": led.blink},
                "dirty_platen": self.device.dirty_platen}


def _positions(values: Any) -> frozenset[str]:
    if isinstance(values, (str, int)):
        values = [values]
    if not isinstance(values, list):
        raise SimError("link.bad_args", "positions must be a list of finger codes 1..10")
    positions = frozenset(str(v) for v in values)
    if not positions <= set(POSITIONS):
        raise SimError("link.bad_args", "finger positions are 1..10 (ISO/IEC 19794-4)")
    return positions
