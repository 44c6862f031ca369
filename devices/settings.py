"""Which implementation each device uses, and where the simulated devices listen."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: tuple[str, ...] = (
    "camera", "fingerprint", "signature_pad", "barcode", "document_scanner", "smartcard",
)

DEFAULT_SIMULATOR_PORT = 47800


# The agent card has no link simulator: its driver always speaks PC/SC (to an emulated card in the demo).
DEFAULTS: dict[str, str] = {kind: "simulated" for kind in KINDS} | {"smartcard": "pcsc"}


def _defaults() -> dict[str, str]:
    return dict(DEFAULTS)


@dataclass(frozen=True)
class DeviceSettings:
    simulator_host: str = "127.0.0.1"
    simulator_port: int = DEFAULT_SIMULATOR_PORT
    # kind -> implementation name; a kind left out uses its DEFAULTS entry.
    implementations: dict[str, str] = field(default_factory=_defaults)
    # Budget for a quick request on the simulated link (captures add their own timeout on top), and for
    # one card command through pcscd.
    link_timeout_s: float = 5.0
    # The agent card reader: the first PC/SC reader whose name contains this text ("" = the first reader).
    smartcard_reader: str = ""
    # The USB transport of the USB drivers: "libusb" (real devices) or "sim://HOST:PORT" (hw-mocks' bus).
    usb_backend: str = "libusb"

    def implementation(self, kind: str) -> str:
        return self.implementations.get(kind, DEFAULTS.get(kind, "simulated"))
