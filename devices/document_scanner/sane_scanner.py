"""A document scanner through SANE, the scanner stack of Linux: whatever backend drives the device (USB
vendors' backends, `escl` for network scanners), through `python-sane` over the system's libsane.

The device is named in the configuration (`scanimage -L` lists names such as `escl:http://10.0.0.5:80` or
`genesys:libusb:001:004`); "" takes the first one SANE lists. A private SANE configuration folder may be
given (its dll.conf says which backends load): the demo and the tests use one naming only `escl`, pointed
at hw-mocks' eSCL scanner, so the system's backends are never probed. Windows would put WIA behind the
same DocumentScanner interface.

libsane is process-wide and not thread-safe: one lock serialises every call, and `init()` runs once.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from devices import strings
from devices.document_scanner.driver import DocumentScanner
from devices.document_scanner.model import ScannedPage, ScannerInfo
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.worker import assert_not_gui_thread

SOURCES = {"flatbed": ("Flatbed", "Platen", "FlatBed"), "feeder": ("ADF", "Automatic Document Feeder", "ADF Front")}
MODES = {"gray": "Gray", "color": "Color"}
_LOCK = threading.RLock()
_started = False

# sane_strstatus() texts -> our codes: python-sane raises its error with that text only.
_STATUS = {
    "Document feeder out of documents": "document_scanner.feeder_empty",
    "Document feeder jammed": "document_scanner.jammed",
    "Device busy": "document_scanner.busy",
    "Scanner cover is open": "document_scanner.cover_open",
    "Operation was cancelled": "document_scanner.cancelled",
}


def _sane() -> Any:
    """libsane, started once per process (after SANE_CONFIG_DIR is set: it is read at init)."""
    global _started
    import sane

    with _LOCK:
        if not _started:
            sane.init()
            _started = True
    return sane


def _error(exc: BaseException) -> DeviceError:
    text = str(exc.args[0] if exc.args else exc)
    code = _STATUS.get(text, "document_scanner.failed")
    return DeviceError(code, strings.message(code), {"sane": text})


class SaneDocumentScanner(DocumentScanner):
    implementation = "sane"

    def __init__(self, device: str = "", dpi: int = 300, mode: str = "gray", config_dir: str = "") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {sorted(MODES)}")
        self.device, self.dpi, self.mode = device, dpi, mode
        if config_dir:
            os.environ["SANE_CONFIG_DIR"] = config_dir
        self._dev: Any = None

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> SaneDocumentScanner:
        return cls(settings.document_scanner_device, settings.document_scanner_dpi,
                   settings.document_scanner_mode, settings.sane_config_dir)

    # -- what the station asks ----------------------------------------------------------------------------

    def scan(self, timeout_s: float = 30.0) -> ScannedPage:
        assert_not_gui_thread()
        with _LOCK:
            dev = self._configured("flatbed")
            try:
                dev.start()
                # snap() would cancel the job inside the C call without releasing the GIL: every other
                # thread (the window's) would stop while the scanner answers. Cancel from Python instead.
                page = self._page(dev.snap(no_cancel=True))
                dev.cancel()
                return page
            except Exception as exc:  # python-sane raises its own error type, or RuntimeError
                raise self._lost(exc) from None

    def scan_feeder(self, timeout_s: float = 60.0) -> list[ScannedPage]:
        assert_not_gui_thread()
        with _LOCK:
            dev = self._configured("feeder")
            pages: list[ScannedPage] = []
            try:
                for image in dev.multi_scan():
                    pages.append(self._page(image))
            except Exception as exc:
                error = self._lost(exc)
                # The feeder running out after the last page is how SANE says the batch is done.
                if error.code != "document_scanner.feeder_empty" or not pages:
                    raise error from None
            if not pages:
                raise DeviceError("document_scanner.feeder_empty", strings.message("document_scanner.feeder_empty"))
            return pages

    def ping(self) -> None:
        assert_not_gui_thread()
        with _LOCK:
            self._opened()

    def info(self) -> ScannerInfo:
        """What the technician needs to know of the scanner: its name, sources, resolutions, modes."""
        assert_not_gui_thread()
        with _LOCK:
            dev = self._opened()
            options = dev.opt
            sources = [s for s in _constraint(options.get("source")) if isinstance(s, str)]
            resolutions = [int(r) for r in _constraint(options.get("resolution")) if isinstance(r, int | float)]
            modes = [m for m in _constraint(options.get("mode")) if isinstance(m, str)]
            return ScannerInfo(device=self._name, sources=sources, resolutions=resolutions, modes=modes)

    def close(self) -> None:
        with _LOCK:
            if self._dev is not None:
                try:
                    self._dev.close()
                except Exception:  # noqa: S110 - the device is being let go; nothing to tell
                    pass
            self._dev = None

    # -- SANE ---------------------------------------------------------------------------------------------

    @property
    def _name(self) -> str:
        return self.device or "?"

    def _opened(self) -> Any:
        if self._dev is not None:
            return self._dev
        sane = _sane()
        name = self.device
        if not name:
            listed = sane.get_devices()
            if not listed:
                raise DeviceError("document_scanner.not_found", strings.message("document_scanner.not_found"))
            name = self.device = listed[0][0]
        if not _openable(sane, name):
            raise DeviceError("document_scanner.not_found", strings.message("document_scanner.not_found"),
                              {"sane": "not listed"})
        try:
            self._dev = sane.open(name)
        except Exception as exc:
            raise DeviceError("document_scanner.not_found", strings.message("document_scanner.not_found"),
                              {"sane": str(exc)}) from None
        return self._dev

    def _configured(self, source: str) -> Any:
        dev = self._opened()
        try:
            offered = _constraint(dev.opt["source"]) if "source" in dev.opt else []
            wanted = next((s for s in SOURCES[source] if s in offered), None)
            if wanted is None and source == "feeder":
                raise DeviceError("document_scanner.no_feeder", strings.message("document_scanner.no_feeder"))
            if wanted is not None:
                dev.source = wanted
            dev.mode = MODES[self.mode]
            dev.resolution = self.dpi
            if "br_x" in dev.opt:  # the whole glass: the page is found in it afterwards
                dev.tl_x, dev.tl_y = 0, 0
                dev.br_x, dev.br_y = _constraint(dev.opt["br_x"])[-1], _constraint(dev.opt["br_y"])[-1]
        except DeviceError:
            raise
        except Exception as exc:
            raise self._lost(exc) from None
        return dev

    def _page(self, image: Any) -> ScannedPage:
        import cv2
        import numpy as np

        array = np.asarray(image)
        if array.ndim == 3:
            array = cv2.cvtColor(array, cv2.COLOR_RGB2BGR)
        return ScannedPage(image=np.ascontiguousarray(array), dpi=int(self._dev.resolution))

    def _lost(self, exc: BaseException) -> DeviceError:
        """Map SANE's error, and forget the handle when the device may be gone (it is reopened next time)."""
        error = exc if isinstance(exc, DeviceError) else _error(exc)
        if error.code == "document_scanner.failed":
            self.close()
        return error


def _constraint(option: Any) -> list[Any]:
    """An option's allowed values: a list, or (min, max, step) given as its two ends."""
    if option is None:
        return []
    c = option.constraint
    if isinstance(c, list):
        return c
    if isinstance(c, tuple) and len(c) >= 2:
        return [c[0], c[1]]
    return []


def _openable(sane: Any, name: str) -> bool:
    """Whether SANE may be asked to open `name`. A listed device may. A network scanner named by URL is not
    listed when no mDNS daemon runs, and opens by name; but libsane's escl backend (1.2) crashes the whole
    process on a URL when its escl.conf names no device at all, so such a name is opened only then."""
    if any(d[0] == name for d in sane.get_devices()):
        return True
    if not name.startswith("escl:"):
        return False
    folders = [f for f in os.environ.get("SANE_CONFIG_DIR", "").split(":") if f] or ["/etc/sane.d"]
    for folder in folders:
        conf = Path(folder) / "escl.conf"
        if conf.is_file() and any(line.strip().startswith(("device ", "[device]"))
                                  for line in conf.read_text(errors="replace").splitlines()):
            return True
    return False


def list_devices(config_dir: str = "") -> list[tuple[str, str]]:
    """The scanners SANE finds (name, "vendor model"); a network scanner named in escl.conf may only open
    by name when no mDNS daemon runs."""
    if config_dir:
        os.environ["SANE_CONFIG_DIR"] = config_dir
    with _LOCK:
        return [(d[0], f"{d[1]} {d[2]}".strip()) for d in _sane().get_devices()]
