"""Properties of the fingerprint scanner's frames and replies: what `encode` writes `decode` reads
back; any damage to a frame, any reply body, any chunk sequence a faulty cable or device can produce, ends in
the protocol's FrameError or the driver's DeviceError, never another exception nor a wrong image."""

from __future__ import annotations

import struct
import zlib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError
from devices.fingerprint import protocol as p
from devices.fingerprint.transfer import read_image

FAST = settings(max_examples=200, deadline=None)


@FAST
@given(st.integers(0, 255), st.integers(0, 0x1FFFF), st.binary(max_size=2048))
def test_what_encode_writes_decode_reads_back(code, sequence, payload):
    assert p.decode(p.encode(code, sequence, payload)) == p.Frame(code, sequence & 0xFFFF, payload)


@FAST
@given(st.binary(max_size=64), st.data())
def test_any_damage_to_a_frame_is_refused(payload, data):
    frame = bytearray(p.encode(p.Command.READ_CHUNK | p.REPLY, 7, payload))
    at = data.draw(st.integers(0, len(frame) - 1))
    frame[at] ^= data.draw(st.integers(1, 255))  # CRC-32 detects every error within one byte
    cut = data.draw(st.sampled_from([len(frame), len(frame) - 1, at]))
    try:
        p.decode(bytes(frame[:cut]))
    except p.FrameError:
        return
    raise AssertionError("a damaged frame was accepted")


@FAST
@given(st.binary(max_size=128))
def test_any_bytes_are_a_frame_or_refused(raw):
    try:
        p.decode(raw)
    except p.FrameError:
        pass


def _info_body(numbers: tuple[int, ...], texts: list[str]) -> bytes:
    body = struct.pack(">HHHBH", *numbers)
    return body + b"".join(bytes([len(t.encode())]) + t.encode() for t in texts)


INFO_NUMBERS = st.tuples(*(st.integers(0, 0xFFFF) for _ in range(3)), st.integers(0, 255), st.integers(0, 0xFFFF))
INFO_TEXTS = st.lists(st.text(max_size=20), min_size=4, max_size=4)


@FAST
@given(INFO_NUMBERS, INFO_TEXTS)
def test_device_information_round_trips(numbers, texts):
    assert p.parse_info(_info_body(numbers, texts)) == p.DeviceInfo(*numbers, *texts)


@FAST
@given(INFO_NUMBERS, INFO_TEXTS, st.data())
@example((500, 400, 400, 8, 4096), ["Recueil", "FP-1", "SN-0001", "1.0"], None)
def test_a_truncated_device_information_is_refused_not_read_short(numbers, texts, data):
    body = _info_body(numbers, texts)
    cut = len(body) - 1 if data is None else data.draw(st.integers(0, len(body) - 1))
    try:
        info = p.parse_info(body[:cut])
    except p.FrameError:
        return
    raise AssertionError(f"truncated information read as {info}")


@FAST
@given(st.binary(max_size=40))
def test_any_reply_body_is_parsed_or_refused(body):
    for parse in (p.parse_info, p.parse_status, p.parse_chunk):
        try:
            parse(body)
        except p.FrameError:
            pass


@st.composite
def transfers(draw: st.DrawFn):
    """An image, its chunks, and what the link does to each READ_CHUNK: answer, damage, misorder, refuse."""
    image = draw(st.binary(max_size=300))
    size = draw(st.integers(1, 64))
    chunks = [image[i:i + size] for i in range(0, len(image), size)] or [b""]
    faults = draw(st.lists(st.sampled_from(["ok", "damaged", "garbage", "other_index", "refused"]), max_size=40))
    return image, chunks, faults


@FAST
@given(transfers())
def test_a_transfer_gives_the_exact_image_or_a_device_error(transfer):
    image, chunks, faults = transfer
    status = p.CaptureStatus(p.State.READY, True, len(image), zlib.crc32(image), len(chunks))
    pending = list(faults)

    def read_chunk(index: int) -> tuple[int, bytes]:
        fault = pending.pop(0) if pending else "ok"
        body = struct.pack(">HH", index, len(chunks)) + chunks[index]
        if fault == "damaged":
            raise p.FrameError("CRC-32 mismatch")
        if fault == "garbage":
            return p.Status.OK, body[:3]
        if fault == "other_index":
            return p.Status.OK, struct.pack(">HH", index + 1, len(chunks)) + chunks[index]
        if fault == "refused":
            return p.Status.NO_IMAGE, b""
        return p.Status.OK, body

    try:
        got = read_image(read_chunk, status)
    except DeviceError as exc:
        assert exc.code == "fingerprint.transfer" and set(faults) - {"ok"}  # a clean link always succeeds
        return
    assert got == image  # never a wrong image
    assert "refused" not in faults[:len(faults) - len(pending)]


@FAST
@given(st.binary(max_size=40))
@example(b"\x07")  # a capture state the protocol does not know
def test_the_driver_turns_any_status_or_information_body_into_a_reply_or_a_device_error(body):
    from devices.fingerprint.usb import UsbFingerprintScanner

    scanner = UsbFingerprintScanner()
    scanner._command = lambda code, payload=b"": body  # the device answered a well-framed OK with this body
    for read in (scanner._status, lambda: scanner._device_info(refresh=True)):
        try:
            read()
        except DeviceError as exc:
            assert exc.code == "fingerprint.protocol"
