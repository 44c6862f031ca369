"""The USB signature pad driver against the emulated pad, through the real pyusb API over the sim:// bus."""

from __future__ import annotations

import threading
import time

import pytest

from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.signature_pad import UsbSignaturePad
from devices.signature_pad import protocol as r
from devices.signature_pad import usb as usb_driver
from hw_mocks.signature_pad.pad import Script
from tests.devices.threads import off_main
from tests.enrollment.signature.pad import PadBus


@pytest.fixture
def pad_bus():
    b = PadBus()
    yield b
    b.stop()


def test_info_tells_model_resolution_and_signing_box(pad_bus):
    info = off_main(pad_bus.driver.info)
    assert info.model == "Recueil SP-430"
    assert (info.width, info.height, info.units_per_mm) == (9600, 6000, 100)  # 96 × 60 mm
    assert info.max_pressure == 1023 and info.rate_hz == 200
    x0, y0, x1, y1 = info.box
    assert 0 < x0 < x1 < info.width and 0 < y0 < y1 < info.height


def test_a_signature_arrives_live_at_the_pad_rate_and_ends_on_ok(pad_bus):
    trace = pad_bus.sign(seed=3)
    strokes = trace.strokes()
    assert len(strokes) >= 2
    assert all(0 <= p.x < trace.width and 0 <= p.y < trace.height for p in trace.points)
    times = [p.t_ms for p in trace.points]
    assert times[0] == 0 and times == sorted(times)
    assert {b.t_ms - a.t_ms for a, b in zip(strokes[0], strokes[0][1:], strict=False)} == {5}  # 200 Hz
    assert len({p.pressure for p in strokes[0]}) > 10  # pressure varies along a stroke
    # The listener saw the same points while they were drawn, in order, before the capture returned.
    assert pad_bus.events[0].info is not None and pad_bus.events[0].cleared
    live = [p for e in pad_bus.events for p in e.points]
    assert [(p.x, p.y, p.pressure) for p in live if p.pressure] == [(p.x, p.y, p.pressure) for p in trace.points
                                                                   if p.pressure]
    assert pad_bus.pad.screen.prompt == "Signez dans le cadre, puis touchez OK"
    assert not pad_bus.pad.screen.reporting  # the pad went back to idle


def test_the_same_person_signs_alike_and_two_people_differently(pad_bus):
    a, b, c = pad_bus.sign(seed=5), pad_bus.sign(seed=5), pad_bus.sign(seed=6)
    assert len(a.strokes()) == len(b.strokes())
    assert abs(len(a.points) - len(b.points)) < 0.1 * len(a.points)
    assert [p.x for p in a.points] != [p.x for p in c.points]


def test_clear_from_the_station_erases_the_pad_and_restarts_the_trace(pad_bus):
    pad_bus.pad.speed = 1.0
    pad_bus.pad.queue_script(Script(seed=2))
    result = {}
    worker = threading.Thread(target=lambda: result.update(trace=pad_bus.driver.capture(15.0, pad_bus.events.append)))
    worker.start()
    deadline = time.monotonic() + 10
    while sum(len(e.points) for e in pad_bus.events) < 100 and time.monotonic() < deadline:
        time.sleep(0.02)
    pad_bus.driver.clear()
    worker.join(20)
    trace = result["trace"]
    assert pad_bus.pad.screen.clears == 1
    last_clear = max(i for i, e in enumerate(pad_bus.events) if e.cleared)
    assert last_clear > 0
    after = [p for e in pad_bus.events[last_clear:] for p in e.points]
    assert [(p.x, p.y) for p in trace.points[: len(after)]] == [(p.x, p.y) for p in after]
    full = pad_bus.sign(seed=2)
    assert len(trace.points) < len(full.points)


def test_no_pen_data_times_out_with_the_agent_message(pad_bus):
    pad_bus.pad.queue_script(Script(fault="no-data"))
    with pytest.raises(DeviceError) as err:
        off_main(pad_bus.driver.capture, 1.0)
    assert err.value.code == "signature.timeout"
    assert "OK" in err.value.message


def test_unplug_mid_signature_says_so_and_the_pad_works_again_once_replugged(pad_bus):
    pad_bus.pad.queue_script(Script(seed=1, fault="unplug"))
    with pytest.raises(DeviceError) as err:
        off_main(pad_bus.driver.capture, 10.0)
    assert err.value.code == "signature.unplugged"
    with pytest.raises(DeviceError) as err:
        off_main(pad_bus.driver.info)
    assert err.value.code == "signature.not_found"
    pad_bus.pad.plug()
    assert len(pad_bus.sign(seed=1).strokes()) >= 2


def test_a_few_garbage_reports_are_skipped_and_counted(pad_bus):
    clean = pad_bus.sign(seed=4)
    noisy = pad_bus.sign(seed=4, garbage_every=40)
    assert pad_bus.driver.bad_reports > 5
    assert len(noisy.strokes()) == len(clean.strokes())
    assert len(noisy.points) > 0.9 * len(clean.points)


def test_a_flood_of_garbage_stops_the_capture_with_a_clear_error(pad_bus):
    pad_bus.pad.queue_script(Script(seed=1, fault="garbage"))
    with pytest.raises(DeviceError) as err:
        off_main(pad_bus.driver.capture, 10.0)
    assert err.value.code == "signature.garbage"
    assert err.value.details["bad"] >= usb_driver.GARBAGE_MIN_BAD


def test_cancel_from_another_thread_ends_the_capture(pad_bus):
    threading.Timer(0.3, pad_bus.driver.cancel).start()
    started = time.monotonic()
    with pytest.raises(DeviceError) as err:
        off_main(pad_bus.driver.capture, 30.0)
    assert err.value.code == "signature.cancelled"
    assert time.monotonic() - started < 10  # well before the capture's own timeout


def test_no_pad_on_the_bus_is_reported_as_not_found():
    bus = PadBus()
    try:
        bus.pad.unplug()
        driver = UsbSignaturePad(bus.backend)
        with pytest.raises(DeviceError) as err:
            off_main(driver.capture, 1.0)
        assert err.value.code == "signature.not_found"
    finally:
        bus.stop()


def test_diagnosis_runs_a_pen_test_and_measures_the_rate(pad_bus):
    pad_bus.pad.auto = True  # the technician draws on the pad
    d = off_main(diagnose, pad_bus.driver)
    assert d.ok, d.to_dict()
    assert [c.name for c in d.checks] == ["info", "pen"]
    assert "200 Hz" in d.checks[1].detail
    assert "96×60 mm" in d.checks[0].detail


def test_diagnosis_without_pen_fails_the_pen_test_with_a_hint(pad_bus, monkeypatch):
    monkeypatch.setattr("devices.signature_pad.diagnose.PEN_TEST_S", 0.5)
    d = off_main(diagnose, pad_bus.driver)
    assert not d.ok
    assert d.checks[0].ok and not d.checks[1].ok
    assert "stylet" in d.checks[1].detail


def test_pad_timestamps_wrap_at_16_bits_without_going_back():
    clock = r.Clock()
    assert [clock(t) for t in (65530, 65535, 4, 9)] == [0, 5, 10, 15]


def test_a_short_or_unknown_report_is_bad_and_the_rest_of_the_packet_is_kept(pad_bus):
    info = off_main(pad_bus.driver.info)
    good = bytes([1, 3]) + (100).to_bytes(2, "little") + (200).to_bytes(2, "little") + (5).to_bytes(2, "little") \
        + (7).to_bytes(2, "little")
    assert r.parse_packet(good[:7], info) == ([], 1)
    reports, bad = r.parse_packet(good + b"\x7f" + good[1:], info)
    assert bad == 1 and len(reports) == 1 and reports[0].tip and reports[0].x == 100
    beyond = bytes([1, 3]) + (info.width).to_bytes(2, "little") + good[4:]
    assert r.parse_packet(beyond, info) == ([], 1)
