"""Which implementation each device uses, and where the simulated devices listen."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS: tuple[str, ...] = (
    "camera", "fingerprint", "signature_pad", "barcode", "document_scanner", "smartcard",
)

DEFAULT_SIMULATOR_PORT = 47800


def _all_simulated() -> dict[str, str]:
    return {kind: "simulated" for kind in KINDS}


@dataclass(frozen=True)
class DeviceSettings:
    simulator_host: str = "127.0.0.1"
    simulator_port: int = DEFAULT_SIMULATOR_PORT
    # kind -> implementation name; a kind left out uses "simulated".
    implementations: dict[str, str] = field(default_factory=_all_simulated)
    # Budget for a quick request on the simulated link (captures add their own timeout on top).
    link_timeout_s: float = 5.0

    def implementation(self, kind: str) -> str:
        return self.implementations.get(kind, "simulated")
