"""Whatever a device sends, the station answers with a DeviceError (its French message) or a verified
capture, never a crash: replies, records and streams generated at random."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError
from devices.sbi.capture_check import check_reply
from devices.sbi.iso_records import RecordError, read_face_record, read_finger_record
from devices.sbi.model import SbiDevice
from devices.sbi.stream import jpeg_frames

DEVICE = SbiDevice(4501, "1", "Finger", "Single", ("0",), "Ready", serial="RCL-FP1-000000001")
REQUEST = {"env": "Developer", "transactionId": "abcd-1234",
           "bio": [{"type": "Finger", "deviceId": "1", "previousHash": ""}]}
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                        max_size=4), max_leaves=20)
item = st.fixed_dictionaries({}, optional={"specVersion": st.sampled_from(["0.9.5", "9"]) | st.text(max_size=5),
                                           "data": st.text(max_size=60) | st.just("a.b.c"),
                                           "hash": st.text(max_size=70),
                                           "error": st.fixed_dictionaries({"errorCode": st.sampled_from(
                                               ["0", "100", "101", "110", "111", "701", "999", ""])}) | json_values})


@settings(max_examples=200, deadline=None)
@given(reply=json_values | st.fixed_dictionaries({"biometrics": st.lists(item | json_values, max_size=3)}))
def test_any_reply_is_a_device_error_or_a_capture(reply):
    try:
        check_reply("fingerprint", reply, REQUEST, DEVICE, [], "", dt.datetime.now(dt.UTC))
    except DeviceError as exc:
        assert exc.message and exc.code.startswith(("sbi.", "device."))
    else:
        raise AssertionError("an unsigned reply was accepted")


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), prefix=st.sampled_from([b"", b"FIR\x00020\x00", b"FAC\x00030\x00"]))
def test_any_bytes_as_a_record_are_refused_cleanly(data, prefix):
    for reader in (read_finger_record, read_face_record):
        try:
            reader(prefix + data)
        except RecordError:
            pass


class _Response:
    def __init__(self, body: bytes, cuts: list[int]) -> None:
        self.body, self.cuts, self.closed = body, sorted(set(cuts)), False

    def iter_content(self, _chunk: int):
        start = 0
        for cut in [*self.cuts, len(self.body)]:
            if cut > start:
                yield self.body[start:cut]
                start = cut

    def close(self) -> None:
        self.closed = True


@settings(max_examples=100, deadline=None)
@given(frames=st.lists(st.binary(min_size=1, max_size=200).map(lambda b: b"\xff\xd8" + b + b"\xff\xd9"),
                       min_size=1, max_size=5), data=st.data())
def test_the_stream_gives_every_frame_whatever_the_chunking(frames, data):
    body = b"".join(b"--BoundaryString\r\nContent-Type:image/jpeg\r\nContent-Length:%d\r\n\r\n" % len(f) + f
                    + b"\r\n\r\n" for f in frames)
    cuts = data.draw(st.lists(st.integers(0, len(body)), max_size=8))
    response = _Response(body, cuts)
    assert list(jpeg_frames(response)) == frames
    assert response.closed
