"""The checks on what really comes from the pad: each accident is named, a real signature passes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from enrollment.errors import EnrollmentError
from enrollment.signature import SignatureSeries, measure, problems, signed
from tests.enrollment.signature.pad import series_of


def codes(series: SignatureSeries) -> list[str]:
    return [p.code for p in problems(series)]


@pytest.mark.parametrize("seed", [1, 2, 3, 7])
def test_real_signatures_pass(pad_bus, seed):
    series = series_of(pad_bus.sign(seed=seed))
    assert codes(series) == [], measure(series)
    sig = signed(series, datetime.now(UTC))
    assert sig.png and sig.iso_19794_7


@pytest.mark.parametrize(("gesture", "code"), [("empty", "signature.empty"), ("dot", "signature.dot"),
                                               ("line", "signature.line"), ("outside", "signature.outside")])
def test_each_accident_is_refused_with_its_own_french_message(pad_bus, gesture, code):
    series = series_of(pad_bus.sign(gesture))
    found = problems(series)
    assert found and found[0].code == code
    with pytest.raises(EnrollmentError) as err:
        signed(series, datetime.now(UTC))
    assert err.value.code == code
    assert "signer" in err.value.message  # says what to do next


def test_a_signature_written_tiny_has_too_little_ink(pad_bus):
    series = series_of(pad_bus.sign(seed=1))
    x0, y0 = series.box[0], series.box[1]
    tiny = SignatureSeries(tuple(type(s)(x0 + 100 + (s.x - x0) // 6, y0 + 100 + (s.y - y0) // 6, s.pressure, s.t_ms)
                                 for s in series.samples), series.width, series.height, series.max_pressure,
                           series.box, series.units_per_mm)
    assert codes(tiny) == ["signature.little_ink"]


def test_a_signature_grazing_the_frame_is_tolerated(pad_bus):
    series = series_of(pad_bus.sign(seed=1))
    ink = series.ink_points()
    # Move the box so that just one point of ink falls outside it.
    box = (series.box[0], int(ink[:, 1].min()) + 1, series.box[2], series.box[3])
    grazing = SignatureSeries(series.samples, series.width, series.height, series.max_pressure, box,
                              series.units_per_mm)
    assert 0 < measure(grazing).outside_share <= 0.02
    assert codes(grazing) == []
