"""The signature pad's gestures on the simulator link: the pad itself is a USB device on hw-mocks' bus
(hw_mocks/signature_pad/pad.py); the link only lets the CLI and the tests play the person at the pad."""

from __future__ import annotations

from typing import Any

from hw_mocks.protocol import OpHandler, SimError
from hw_mocks.signature_pad.pad import FAULTS, GESTURES, EmulatedSignaturePad, Script

USB_ID = "signature_pad"  # the pad's id on the emulated bus


class SignaturePadSim:
    name = "signature_pad"

    def __init__(self, pad: EmulatedSignaturePad | None = None) -> None:
        self.pad = pad or EmulatedSignaturePad()

    def ops(self) -> dict[str, OpHandler]:
        return {}  # the station reaches the pad over USB, never over the link

    def control_ops(self) -> dict[str, OpHandler]:
        return {"sign": self.sign, "fault": self.fault, "auto": self.auto, "unplug": self.unplug,
                "plug": self.plug, "state": self.state}

    def sign(self, args: dict[str, Any]) -> dict[str, Any]:
        gesture = str(args.get("gesture", "signature"))
        if gesture not in GESTURES:
            raise SimError("link.bad_args", f"gesture must be one of {GESTURES}")
        seed = args.get("seed")
        script = Script(gesture=gesture, seed=int(seed) if seed is not None else self._next_person(),
                        ok=bool(args.get("ok", True)), garbage_every=int(args.get("garbage_every", 0)))
        self.pad.queue_script(script)
        return {"queued": len(self.pad.queue), "seed": script.seed}

    def fault(self, args: dict[str, Any]) -> dict[str, Any]:
        fault = str(args.get("fault", ""))
        if fault not in FAULTS:
            raise SimError("link.bad_args", f"fault must be one of {FAULTS}")
        self.pad.queue_script(Script(seed=self._next_person(), fault=fault))
        return {"queued": len(self.pad.queue)}

    def auto(self, args: dict[str, Any]) -> dict[str, Any]:
        self.pad.auto = bool(args.get("on", True))
        return {"auto": self.pad.auto}

    def unplug(self, args: dict[str, Any]) -> dict[str, Any]:
        self.pad.unplug()
        return {"plugged": False}

    def plug(self, args: dict[str, Any]) -> dict[str, Any]:
        self.pad.plug()
        return {"plugged": True}

    def state(self, args: dict[str, Any]) -> dict[str, Any]:
        s = self.pad.screen
        return {"plugged": self.pad.plugged, "reporting": s.reporting, "prompt": s.prompt, "clears": s.clears,
                "ink": s.ink, "queued": len(self.pad.queue), "auto": self.pad.auto}

    def _next_person(self) -> int:
        self.pad.people += 1
        return self.pad.people

