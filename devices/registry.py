"""Pick each device's implementation from the configuration and give every device its worker thread.

`FACTORIES` maps kind -> {implementation name -> factory}. Each kind's package declares its own
`IMPLEMENTATIONS`, so a real driver is added inside its device folder, beside the simulated one, without
touching this file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from devices import barcode, camera, document_scanner, fingerprint, printer, signature_pad, smartcard, strings
from devices.barcode import BarcodeReader
from devices.base import Driver
from devices.camera import Camera
from devices.diagnose import diagnose
from devices.diagnosis import Diagnosis
from devices.document_scanner import DocumentScanner
from devices.errors import DeviceError
from devices.fingerprint import FingerprintScanner
from devices.printer import Printer
from devices.settings import KINDS, DeviceSettings
from devices.signature_pad import SignaturePad
from devices.smartcard import SmartCardReader
from devices.worker import DeviceWorker

Factory = Callable[[DeviceSettings], Driver]

FACTORIES: dict[str, dict[str, Factory]] = {
    "camera": dict(camera.IMPLEMENTATIONS),
    "fingerprint": dict(fingerprint.IMPLEMENTATIONS),
    "signature_pad": dict(signature_pad.IMPLEMENTATIONS),
    "barcode": dict(barcode.IMPLEMENTATIONS),
    "document_scanner": dict(document_scanner.IMPLEMENTATIONS),
    "smartcard": dict(smartcard.IMPLEMENTATIONS),
    "printer": dict(printer.IMPLEMENTATIONS),
}

D = TypeVar("D", bound=Driver)


@dataclass
class DeviceHandle(Generic[D]):
    """A driver and the one thread allowed to call it."""

    kind: str
    driver: D
    worker: DeviceWorker

    def call(self, fn_name: str, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `driver.fn_name(*args)` on the device's worker; the Future holds the result or DeviceError."""
        method = getattr(self.driver, fn_name)
        return self.worker.submit(method, *args, **kwargs)

    def diagnose(self) -> Future[Diagnosis]:
        """Run the device's self-check on its worker; the Future holds the Diagnosis (it never raises)."""
        return self.worker.submit(diagnose, self.driver)

    def close(self) -> None:
        # Closing on the worker keeps the driver single-threaded; stop() then lets the thread end.
        try:
            self.worker.submit(self.driver.close)
        except RuntimeError:
            pass  # already stopped
        self.worker.stop()


@dataclass
class Devices:
    camera: DeviceHandle[Camera]
    fingerprint: DeviceHandle[FingerprintScanner]
    signature_pad: DeviceHandle[SignaturePad]
    barcode: DeviceHandle[BarcodeReader]
    document_scanner: DeviceHandle[DocumentScanner]
    smartcard: DeviceHandle[SmartCardReader]
    printer: DeviceHandle[Printer]

    def __iter__(self) -> Iterator[DeviceHandle[Any]]:
        return (getattr(self, f.name) for f in fields(self))

    def handle(self, kind: str) -> DeviceHandle[Any]:
        return getattr(self, kind)

    def close(self) -> None:
        for handle in self:
            handle.close()


def resolve(kind: str, implementation: str) -> Factory:
    """The factory for `kind`/`implementation`, or a French configuration error naming the accepted values."""
    accepted = FACTORIES.get(kind, {})
    factory = accepted.get(implementation)
    if factory is None:
        raise DeviceError(
            "device.unknown_implementation",
            strings.message(
                "device.unknown_implementation",
                kind=kind,
                value=implementation,
                accepted=", ".join(
                    strings.message("device.unknown_implementation.value", value=name) for name in sorted(accepted)
                ) or strings.message("device.unknown_implementation.none"),
            ),
            {"kind": kind, "value": implementation, "accepted": sorted(accepted)},
        )
    return factory


def open_devices(settings: DeviceSettings) -> Devices:
    """Create every driver with its worker. Nothing talks to a device yet: drivers connect on first use."""
    # Resolve everything first so a typo in the configuration leaves no thread behind. A kind we do not
    # know (a typo in the key) is refused too, through resolve(), rather than silently ignored.
    for kind in sorted(set(settings.implementations) - set(KINDS)):
        resolve(kind, settings.implementations[kind])
    factories = {kind: resolve(kind, settings.implementation(kind)) for kind in KINDS}
    handles = {
        kind: DeviceHandle(kind, factory(settings), DeviceWorker(kind)) for kind, factory in factories.items()
    }
    return Devices(**handles)
