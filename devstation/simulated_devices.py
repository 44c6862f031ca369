"""The simulated devices, started in this process on a free port (fast, and torn down with the test or
the benchmark).

The station under test reaches them through the real TCP link, exactly as it does `hw-mocks start`; the
agent card goes through a private pcscd (devstation/pcsc.py): `insert_card` plugs the emulated card into
its vpcd reader and returns once pcscd sees it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from devices import DeviceSettings
from devices.settings import KINDS
from hw_mocks.client import call
from hw_mocks.document_scanner.escl import write_sane_config
from hw_mocks.server import SimServer

from .cups import PrivateCupsd
from .pcsc import READER, removal_mark, wait_card


def private_sane_config(url: str) -> Path:
    """A SANE configuration naming hw-mocks' eSCL scanner at `url` alone. One folder per process, rewritten,
    and removed only when the process exits: libsane reads it once per process, and its escl backend must
    find a device line there for as long as the process runs."""
    folder = Path(tempfile.gettempdir()) / f"recueil-sane-{os.getpid()}"
    if not folder.exists():
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return write_sane_config(folder, url)


class HwMocks:
    """A running simulator plus the gestures of the person at the counter (insert a card, scan a code)."""

    def __init__(self, pki_dir: Path | None = None, data_dir: Path | str | None = None,
                 vpcd_port: int | None = None) -> None:
        extra = {} if vpcd_port is None else {"vpcd_port": vpcd_port}
        self._server = SimServer(port=0, pki_dir=pki_dir, data_dir=data_dir, **extra)
        self.pki_dir = pki_dir
        self._server.start()
        self.host = "127.0.0.1"
        self.port = self._server.port
        self.usb_backend = f"sim://127.0.0.1:{self._server.usb_port}"  # the emulated USB bus
        self.camera_url = self._server.camera_url  # the virtual camera's MJPEG stream, read by OpenCV
        # The document scanner on the network (eSCL), reached through the real libsane.
        self.scanner_device = f"escl:{self._server.scanner_url}"
        self.sane_dir = private_sane_config(self._server.scanner_url)
        # The network printer (AppSocket); a CUPS queue names it once attach_printer() has run.
        self.printer_uri = self._server.printer_uri
        self.cupsd: PrivateCupsd | None = None
        self.printer_queue = ""

    def attach_printer(self, cupsd: PrivateCupsd) -> str:
        """Make the simulated network printer a queue of `cupsd`, the one this station prints to."""
        self.cupsd = cupsd
        self.printer_queue = cupsd.add_queue(f"recueil-{self._server.sims.printer.port}", self.printer_uri)
        return self.printer_queue

    @property
    def printed(self) -> list[bytes]:
        """Every job the printer received, in order, as the bytes that arrived."""
        return list(self._server.sims.printer.jobs)

    @property
    def printer(self):
        """The simulated printer itself: switch it off (`offline`) and on."""
        return self._server.sims.printer

    @property
    def usb(self):
        """The emulated USB bus, to plug, unplug or script its devices."""
        return self._server.sims.usb

    def control(self, device: str, op: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
        return call(device, op, args, port=self.port)

    def insert_card(self, name: str, wait: bool = True) -> None:
        """Insert card `name` (removing the current one); with `wait`, return once pcscd sees it."""
        if wait and self.control("smartcard", "cards").get("inserted"):
            self.remove_card()  # so the wait below sees the new card, not the old one
        self.control("smartcard", "insert", {"name": name, "wait_s": 5.0 if wait else 0.0})
        if wait:
            wait_card(True)

    def remove_card(self, wait: bool = True) -> None:
        """Pull the card out; with `wait`, return once pcscd's reader thread has seen it go."""
        events = removal_mark() if wait else None
        removed = self.control("smartcard", "remove").get("removed")
        if wait and removed:
            wait_card(False, events_since=events)

    def card_fault(self, fault: str, **params: Any) -> None:
        """Break the next APDU the card gets (count= for more): "hang" (seconds=), "status" (sw=0x6F00),
        "garbage"; "clear" heals the card."""
        self.control("smartcard", "fault", {"fault": fault, **params})

    def scan_barcode(self, text: str, symbology: str = "QR") -> None:
        self.control("barcode", "scan", {"text": text, "symbology": symbology})

    def load_feeder(self, pages: int = 2) -> None:
        """Put `pages` pages of the drawn invoice in the document scanner's feeder."""
        self.control("document_scanner", "feeder", {"pages": pages})

    def show_code(self, text: str, symbology: str = "QR") -> None:
        """Hold a code up before the virtual camera (the camera as a barcode reader)."""
        self.control("camera", "show", {"text": text, "symbology": symbology})

    def hide_code(self) -> None:
        self.control("camera", "hide")

    def inject_fault(self, device: str, fault: str, **params: Any) -> None:
        """Break the next request to `device`.

        fault: "garbage", "hang" (seconds=), "drop", or "error" (code=, details=).
        """
        self.control("system", "inject_fault", {"device": device, "fault": fault, **params})

    def camera_scene(self, **scene: Any) -> dict[str, Any]:
        """Change what the virtual camera films: preset="no-person", yaw=20, blur=3... (hw_mocks/camera/scene.py)."""
        return self.control("camera", "scene", scene)["scene"]

    # Fingerprint scanner: the scanner is a USB device on the emulated bus; the applicant is here.
    def finger(self, op: str, **args: Any) -> dict[str, Any]:
        """Play the applicant at the fingerprint scanner (docs/simulated-devices.md): finger("person",
        name="alex"), finger("impression", pressure="light", dry=True), finger("swap_index"),
        finger("missing", positions=["7"]), finger("away"), finger("unplug")... Returns the scanner's state."""
        return self.control("fingerprint", op, args)

    @property
    def fingerprint_device(self):
        """The emulated USB scanner itself: its LED, and faults (corrupt_next_chunks, unplug_after_chunks)."""
        return self._server.sims.fingerprint.device

    @property
    def sbi_port(self) -> int:
        return self._server.sbi_port

    def sbi(self, op: str, **args: Any) -> dict[str, Any]:
        """Drive the SBI devices: sbi("status", device="finger", status="Busy"), sbi("fault", device="face",
        fault="bad_signature"), sbi("delay", device="finger", seconds=2), sbi("clear")..."""
        return self.control("sbi", op, args)

    def settings(self, **overrides: Any) -> DeviceSettings:
        values: dict[str, Any] = {
            "simulator_host": self.host,
            "simulator_port": self.port,
            "implementations": {kind: "simulated" for kind in KINDS} | {
                "smartcard": "pkcs11", "camera": "opencv", "fingerprint": "usb", "signature_pad": "usb",
                "document_scanner": "sane", "printer": "cups" if self.cupsd else "none"},
            "camera_source": self.camera_url,
            "document_scanner_device": self.scanner_device,
            "sane_config_dir": str(self.sane_dir),
            "printer_name": self.printer_queue,
            "cups_server": str(self.cupsd.socket_path) if self.cupsd else "",
            "smartcard_reader": READER,
            "usb_backend": self.usb_backend,
            # The SBI devices (fingerprint = "sbi", camera = "sbi"): this simulator's port, not a discovery
            # that could find another process's devices, and the provider CA its device keys chain to.
            "sbi_port": self.sbi_port,
            "sbi_trust": str(self.pki_dir / "sbi-provider-ca.pem") if self.pki_dir else "",
            "sbi_env": "Developer",
        }
        values.update(overrides)
        return DeviceSettings(**values)

    def stop(self) -> None:
        had_card = self._server.sims.smartcard.inserted is not None
        events = removal_mark() if had_card else None
        self._server.stop()  # also pulls the card out
        if had_card:
            wait_card(False, events_since=events)  # the next test starts with an empty reader
        if self.cupsd is not None and self.printer_queue:
            self.cupsd.remove_queue(self.printer_queue)
