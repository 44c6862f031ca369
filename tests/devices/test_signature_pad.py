from __future__ import annotations

from devices.signature_pad import SimulatedSignaturePad
from tests.devices.threads import off_main


def test_trace_has_several_strokes_with_pressure_and_timing(device_settings):
    pad = SimulatedSignaturePad.from_settings(device_settings)
    info = off_main(pad.info)
    trace = off_main(pad.capture, 5.0)
    assert (trace.width, trace.height, trace.max_pressure) == (info.width, info.height, info.max_pressure)
    strokes = trace.strokes()
    assert len(strokes) >= 2
    assert any(p.pressure == 0 for p in trace.points)  # strokes separated by pen-up points
    for p in trace.points:
        assert 0 <= p.x < trace.width and 0 <= p.y < trace.height
        assert 0 <= p.pressure <= trace.max_pressure
    times = [p.t_ms for p in trace.points]
    assert times == sorted(times)
    # Sampled at the announced rate while the pen is down.
    step = strokes[0][1].t_ms - strokes[0][0].t_ms
    assert step == 1000 // info.rate_hz
    assert len({p.pressure for p in strokes[0]}) > 3  # pressure varies along a stroke
