"""The camera as a barcode reader: codes printed by hw-mocks' virtual camera (held up before it, filmed
over MJPEG with sensor noise) and decoded by zxing-cpp from the frames the OpenCV driver reads."""

from __future__ import annotations

import pytest

from devices.barcode import CameraBarcodeReader
from devices.diagnose import diagnose
from devices.errors import DeviceError
from tests.devices.threads import off_main

TWODDOC = "DC04FR000001123E123E01FR10DUPONT<GS>20RUE DES LILAS"


@pytest.fixture
def reader(device_settings):
    r = CameraBarcodeReader.from_settings(device_settings)
    yield r
    r.close()


@pytest.mark.parametrize(("symbology", "text"), [
    ("QR", "2501ABCD12"),  # a pre-application summary
    ("CODE128", "EVX4RTBPFW41"),  # a title envelope
    ("DATAMATRIX", TWODDOC.replace("<GS>", "\x1d")),  # a 2D-Doc
    ("PDF417", "1234567890123456"),
])
def test_a_code_held_up_before_the_camera_is_read_with_its_symbology(reader, hw_mocks, symbology, text):
    hw_mocks.show_code(text, symbology)
    code = off_main(reader.read, 20.0)
    assert (code.symbology, code.text) == (symbology, text)


def test_a_code_left_in_view_is_read_once_and_again_once_shown_again(reader, hw_mocks):
    hw_mocks.show_code("2501ABCD12")
    assert off_main(reader.read, 20.0).text == "2501ABCD12"
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 1.0)
    assert caught.value.code == "barcode.timeout"
    hw_mocks.hide_code()
    with pytest.raises(DeviceError):
        off_main(reader.read, 1.0)  # frames without the code go by
    hw_mocks.show_code("2501ABCD12")
    assert off_main(reader.read, 20.0).text == "2501ABCD12"


def test_nothing_held_up_times_out(reader):
    with pytest.raises(DeviceError) as caught:
        off_main(reader.read, 1.0)
    assert caught.value.code == "barcode.timeout"


def test_diagnosis_decodes_a_frame_and_counts_the_codes_in_view(reader, hw_mocks):
    hw_mocks.show_code("2501ABCD12")
    off_main(reader.read, 20.0)  # the stream is up and the card in view
    d = off_main(diagnose, reader)
    assert d.ok and d.implementation == "camera", d.to_dict()
    assert "1280×720" in d.checks[0].detail and "1 code(s)" in d.checks[0].detail
    assert "2501ABCD12" not in str(d.to_dict())
