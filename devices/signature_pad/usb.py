"""The USB signature pad over pyusb (implementation "usb"): the protocol of docs/signature-pad.md.

The same code drives a real pad through libusb and hw-mocks' emulated pad through the `sim://` backend.
`capture` runs on the pad's DeviceWorker and reads the interrupt endpoint in short slices, so the station's
`clear()` and `cancel()` (flags, callable from any thread) take effect within one slice.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import usb.core
import usb.util

from devices import strings
from devices.errors import DeviceError
from devices.settings import DeviceSettings
from devices.signature_pad import protocol as r
from devices.signature_pad.driver import PenListener, SignaturePad
from devices.signature_pad.model import PadInfo, PenEvent, PenPoint, PenTrace
from devices.transport.usb import usb_backend
from devices.transport.usb.errors import usb_error
from devices.worker import assert_not_gui_thread

log = logging.getLogger(__name__)

# Driver limits (ours: there is no norm for them).
READ_SLICE_MS = 100  # longest wait in one read: how late a clear/cancel request may be seen
CONTROL_TIMEOUT_MS = 1000  # a control request is answered by the pad's firmware in a few ms
# Garbage: a noisy cable or a confused firmware. A few bad reports are skipped; past this many, and this
# share of all reports, the capture stops rather than draw nonsense.
GARBAGE_MIN_BAD = 10
GARBAGE_MAX_SHARE = 0.10
PEN_TEST_MIN_REPORTS = 20  # 0.1 s of pen at 200 Hz: enough to measure a rate


class UsbSignaturePad(SignaturePad):
    implementation = "usb"

    def __init__(self, backend: str = "libusb", vendor_id: int = r.VENDOR_ID, product_id: int = r.PRODUCT_ID) -> None:
        self._backend_spec = backend
        self._ids = (vendor_id, product_id)
        self._dev: Any = None
        self._info: PadInfo | None = None
        self._clear = threading.Event()
        self._cancel = threading.Event()
        self.bad_reports = 0  # of the last capture, for diagnostics and tests

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> UsbSignaturePad:
        return cls(settings.usb_backend)

    # Device handle --------------------------------------------------------------------------------------

    def _device(self) -> Any:
        if self._dev is not None:
            return self._dev
        try:
            dev = usb.core.find(idVendor=self._ids[0], idProduct=self._ids[1],
                                backend=usb_backend(self._backend_spec))
            if dev is None:
                raise DeviceError("signature.not_found", strings.message("signature.not_found"))
            dev.set_configuration()
            usb.util.claim_interface(dev, r.INTERFACE)
            raw = dev.ctrl_transfer(r.REQ_IN, r.GET_INFO, 0, 0, r.INFO_LENGTH, timeout=CONTROL_TIMEOUT_MS)
            model = usb.util.get_string(dev, dev.iProduct) or ""
            self._info = r.parse_info(bytes(raw), model)
        except usb.core.USBError as exc:
            raise self._usb_error(exc) from None
        except ValueError:
            raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=self.kind)) from None
        self._dev = dev
        log.info("signature pad opened", extra={"event": "pad.open", "rate_hz": self._info.rate_hz})
        return dev

    def _usb_error(self, exc: usb.core.USBError) -> DeviceError:
        self._drop()
        return usb_error(exc, "signature")

    def _drop(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            try:
                usb.util.dispose_resources(dev)
            except usb.core.USBError:
                pass  # the device is gone already

    def _control(self, request: int, value: int = 0, data: bytes = b"") -> None:
        try:
            self._device().ctrl_transfer(r.REQ_OUT, request, value, 0, data, timeout=CONTROL_TIMEOUT_MS)
        except usb.core.USBError as exc:
            raise self._usb_error(exc) from None

    # Interface ------------------------------------------------------------------------------------------

    def info(self) -> PadInfo:
        assert_not_gui_thread()
        self._device()
        assert self._info is not None
        return self._info

    def clear(self) -> None:
        self._clear.set()

    def cancel(self) -> None:
        self._cancel.set()

    def capture(self, timeout_s: float = 60.0, on_event: PenListener | None = None) -> PenTrace:
        assert_not_gui_thread()
        info = self.info()
        self._clear.clear()
        self._cancel.clear()
        emit = on_event or (lambda _event: None)
        points: list[PenPoint] = []
        clock, down = r.Clock(), False
        good = bad = 0
        started = time.monotonic()
        deadline = started + timeout_s
        prompt = strings.message("signature.pad_prompt").encode()[: r.PROMPT_MAX]
        self._control(r.SET_PROMPT, data=prompt)
        self._control(r.SET_REPORTING, 1)
        emit(PenEvent(cleared=True, info=info))
        try:
            while True:
                if self._cancel.is_set():
                    raise DeviceError("signature.cancelled", strings.message("signature.cancelled"))
                if self._clear.is_set():
                    self._clear.clear()
                    self._control(r.CLEAR_INK)
                    points, down = [], False
                    clock.reset()
                    emit(PenEvent(cleared=True))
                left_ms = int((deadline - time.monotonic()) * 1000)
                if left_ms <= 0:
                    raise DeviceError("signature.timeout", strings.message("signature.timeout"),
                                      {"points": len(points)})
                packet = self._read(min(READ_SLICE_MS, left_ms))
                if packet is None:
                    continue
                reports, n_bad = r.parse_packet(packet, info)
                good, bad = good + len(reports), bad + n_bad
                self.bad_reports = bad
                if bad >= GARBAGE_MIN_BAD and bad > GARBAGE_MAX_SHARE * (good + bad):
                    raise DeviceError("signature.garbage", strings.message("signature.garbage"),
                                      {"bad": bad, "good": good})
                batch: list[PenPoint] = []
                for report in reports:
                    if isinstance(report, r.PenReport):
                        point, down = _point(report, down, clock)
                        if point is not None:
                            batch.append(point)
                        continue
                    if report.area == r.AREA_OK:
                        points += batch
                        return self._finish(points, info, started, bad, emit, batch)
                    if report.area == r.AREA_CANCEL:
                        raise DeviceError("signature.cancelled", strings.message("signature.cancelled"))
                    points, batch, down = [], [], False  # Clear tapped on the pad: it erased its screen itself
                    clock.reset()
                    emit(PenEvent(cleared=True))
                if batch:
                    points += batch
                    emit(PenEvent(points=tuple(batch)))
        finally:
            if self._dev is not None:
                try:
                    self._control(r.SET_REPORTING, 0)
                except DeviceError:
                    pass  # unplugged meanwhile: the error that ended the capture says so already

    def _finish(self, points: list[PenPoint], info: PadInfo, started: float, bad: int, emit: PenListener,
                batch: list[PenPoint]) -> PenTrace:
        if batch:
            emit(PenEvent(points=tuple(batch)))
        if points and points[-1].pressure > 0:  # OK tapped right after lifting: close the last stroke
            last = points[-1]
            points.append(PenPoint(last.x, last.y, 0, last.t_ms))
        t0 = points[0].t_ms if points else 0  # the clock started at the first report, maybe a hovering one
        points = [PenPoint(p.x, p.y, p.pressure, p.t_ms - t0) for p in points]
        log.info("signature captured", extra={"event": "pad.capture", "points": len(points), "bad_reports": bad,
                                              "duration_ms": round((time.monotonic() - started) * 1000)})
        return PenTrace(points=points, width=info.width, height=info.height, max_pressure=info.max_pressure,
                        box=info.box, units_per_mm=info.units_per_mm, rate_hz=info.rate_hz)

    def _read(self, timeout_ms: int) -> bytes | None:
        try:
            return bytes(self._device().read(r.EP_PEN_IN, r.MAX_PACKET, timeout=max(1, timeout_ms)))
        except usb.core.USBTimeoutError:
            return None  # no pen in this slice: normal between strokes
        except usb.core.USBError as exc:
            raise self._usb_error(exc) from None

    def pen_test(self, timeout_s: float = 10.0) -> tuple[int, float]:
        """Counts pen reports and measures their rate on the pad's own clock (immune to host scheduling)."""
        assert_not_gui_thread()
        info = self.info()
        self._control(r.SET_PROMPT, data=strings.message("signature.pad_test").encode()[: r.PROMPT_MAX])
        self._control(r.SET_REPORTING, 1)
        clock = r.Clock()
        times: list[int] = []
        deadline = time.monotonic() + timeout_s
        try:
            while len(times) < PEN_TEST_MIN_REPORTS * 5 and time.monotonic() < deadline:
                packet = self._read(READ_SLICE_MS)
                for report in r.parse_packet(packet, info)[0] if packet else []:
                    if isinstance(report, r.PenReport) and report.in_range:
                        times.append(clock(report.timestamp))
        finally:
            if self._dev is not None:
                try:
                    self._control(r.SET_REPORTING, 0)
                except DeviceError:
                    pass
        if len(times) < PEN_TEST_MIN_REPORTS or times[-1] <= times[0]:
            raise DeviceError("signature.pen_test", strings.message("signature.pen_test"), {"reports": len(times)})
        return len(times), (len(times) - 1) * 1000 / (times[-1] - times[0])

    def close(self) -> None:
        self._cancel.set()
        self._drop()


def _point(report: r.PenReport, down: bool, clock: r.Clock) -> tuple[PenPoint | None, bool]:
    """The trace point a pen report adds, if any, and whether the pen is now down.

    Hovering reports add nothing; the report that lifts the pen adds a pressure-0 point, which is how the
    trace separates strokes. A touching pen reporting 0 pressure (a worn tip) counts as the lightest touch.
    """
    t = clock(report.timestamp)
    if report.tip:
        return PenPoint(report.x, report.y, max(1, report.pressure), t), True
    if down:
        return PenPoint(report.x, report.y, 0, t), False
    return None, False
