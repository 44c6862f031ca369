"""The SBI wire pieces that need no device: ISO records both ways, the hash chain, JWS refusals."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from cryptography import x509

from devices.sbi import jws
from devices.sbi.capture_check import chained
from devices.sbi.iso_records import RecordError, read_face_record, read_finger_record
from hw_mocks.sbi.records import face_record, finger_record
from hw_mocks.sbi.signing import DeviceKeys


def test_the_chain_follows_the_specifications_vectors():
    # MOSIP SBI: hash = SHA-256(previous hash ‖ SHA-256(ISO record)), the first previous being SHA-256("").
    first = chained("", base64.urlsafe_b64decode("RklSADAyMAA="))
    assert first == "3C997DDAEBD6E5A8814EC253A8B913A63DBFC0A77246FEFE55512296E94E8904"
    assert chained(first, base64.urlsafe_b64decode("RkFDADAzMAA=")) == (
        "C4533DF888C59853E917A961E07B31924C6D319F86A0F4460C21B2A12D793493")


def test_a_finger_record_comes_back_pixel_for_pixel():
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (374, 388), dtype=np.uint8)
    record = read_finger_record(finger_record(pixels, 7, 500, 63))
    assert record.position == 7 and record.ppi == 500 and record.quality == 63
    assert np.array_equal(record.pixels, pixels)  # JPEG 2000 lossless, as registration devices send


def test_a_face_record_gives_the_image_back():
    image = np.zeros((480, 360, 3), np.uint8)
    image[100:300, 80:280] = (40, 120, 200)
    face = read_face_record(face_record(image))
    assert face.image.shape == (480, 360, 3)
    assert np.abs(face.image.astype(int) - image.astype(int)).mean() < 3


@pytest.mark.parametrize("cut", [10, 40, 200])
def test_a_truncated_or_foreign_record_is_refused(cut):
    data = finger_record(np.full((50, 60), 200, np.uint8), 2, 500, 50)
    with pytest.raises(RecordError):
        read_finger_record(data[:-cut])
    with pytest.raises(RecordError):
        read_face_record(data)


def test_a_signature_from_a_key_nobody_trusts_is_refused(pki):
    trusted = x509.load_pem_x509_certificates(pki.pem("sbi-provider-ca").read_bytes())
    good = DeviceKeys.load(pki.root)
    assert jws.verify(good.sign({"a": 1}), trusted).json() == {"a": 1}
    with pytest.raises(jws.JwsError) as caught:
        jws.verify(DeviceKeys.self_made().sign({"a": 1}), trusted)
    assert caught.value.kind == "trust"
    with pytest.raises(jws.JwsError) as caught:
        jws.verify(good.sign({"a": 1}, corrupt=True), trusted)
    assert caught.value.kind == "signature"
    header, payload, signature = good.sign({"a": 1}).split(".")
    forged = jws.b64url_encode(json.dumps({"a": 2}).encode())
    with pytest.raises(jws.JwsError) as caught:
        jws.verify(f"{header}.{forged}.{signature}", trusted)  # the payload changed after signing
    assert caught.value.kind == "signature"
    with pytest.raises(jws.JwsError) as caught:
        jws.verify(forged, trusted)  # unsigned, as a device that is not registered sends
    assert caught.value.kind == "format"
