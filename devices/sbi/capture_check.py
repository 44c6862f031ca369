"""Checking an RCAPTURE reply before the station keeps anything of it.

Each biometric must carry the device's signature, by a device certificate that chains to a trusted provider,
over a payload that answers this request (transaction, environment, purpose, type), from the device that
was asked (its serial number in the signed digital id), stamped within minutes of the station's clock, with a
`hash` that continues the chain: SHA-256(previous hash ‖ SHA-256(ISO record)), upper-case hex, where the first
capture's previous hash is SHA-256 of nothing (MOSIP SBI spec, "Registration Capture").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from cryptography import x509

from devices.sbi import jws
from devices.sbi.errors import sbi_error
from devices.sbi.model import ACCEPTED_SPECS, Capture, SbiDevice

CLOCK_LAG = dt.timedelta(minutes=5)  # MOSIP's registration client allows the same
_EMPTY = hashlib.sha256(b"").digest()

# SBI error codes -> the station's DeviceError code.
ERROR_CODES = {"100": "sbi.not_registered", "705": "sbi.not_registered", "110": "sbi.not_ready",
               "607": "sbi.not_ready", "202": "sbi.not_ready", "111": "sbi.busy", "703": "sbi.busy",
               "101": "sbi.timeout", "701": "sbi.timeout"}


def chained(previous: str, record: bytes) -> str:
    start = bytes.fromhex(previous) if previous else _EMPTY
    return hashlib.sha256(start + hashlib.sha256(record).digest()).hexdigest().upper()


def device_error(kind: str, error: Any) -> Exception | None:
    """The DeviceError an SBI `error` object means, or None for success."""
    code = str(error.get("errorCode", "")) if isinstance(error, dict) else ""
    if code == "0":
        return None
    mapped = ERROR_CODES.get(code)
    return sbi_error(mapped, kind) if mapped else sbi_error("sbi.device_error", kind, code=code or "?")


def check_reply(kind: str, reply: Any, request: dict[str, Any], device: SbiDevice,
                anchors: list[x509.Certificate], previous: str, now: dt.datetime | None = None) -> list[Capture]:
    """The verified captures of `reply`, in order; raises DeviceError on the first thing wrong."""
    items = reply.get("biometrics") if isinstance(reply, dict) else None
    if not isinstance(items, list) or not items:
        raise sbi_error("device.bad_reply", kind)
    now = now or dt.datetime.now(dt.UTC)
    captures = []
    for item in items:
        if not isinstance(item, dict):
            raise sbi_error("device.bad_reply", kind)
        failure = device_error(kind, item.get("error"))
        if failure is not None:
            raise failure
        capture = _check_item(kind, item, request, device, anchors, previous, now)
        previous = capture.hash
        captures.append(capture)
    return captures


def _check_item(kind: str, item: dict[str, Any], request: dict[str, Any], device: SbiDevice,
                anchors: list[x509.Certificate], previous: str, now: dt.datetime) -> Capture:
    data = _verified(kind, item.get("data"), anchors, now)
    digital_id = _verified(kind, data.get("digitalId"), anchors, now)
    bio = request["bio"][0]
    expected = {"transactionId": request["transactionId"], "env": request["env"], "purpose": "Registration",
                "bioType": bio["type"], "deviceCode": device.serial}
    for field, value in expected.items():
        if data.get(field) != value:
            raise sbi_error("sbi.mismatch", kind, field=field)
    if digital_id.get("serialNo") != device.serial or digital_id.get("type") != bio["type"]:
        raise sbi_error("sbi.mismatch", kind, field="digitalId")
    if str(item.get("specVersion")) not in ACCEPTED_SPECS:
        raise sbi_error("sbi.mismatch", kind, field="specVersion")
    stamped = _time(kind, data.get("timestamp"))
    if abs(stamped - now) > CLOCK_LAG:
        raise sbi_error("sbi.clock", kind, minutes=int(CLOCK_LAG.total_seconds() // 60))
    try:
        record = jws.b64url_decode(str(data.get("bioValue", "")))
        quality = float(data.get("qualityScore"))
        requested = float(data.get("requestedScore") or 0)
    except (jws.JwsError, TypeError, ValueError):
        raise sbi_error("device.bad_reply", kind) from None
    if not record or not 0 <= quality <= 100:
        raise sbi_error("device.bad_reply", kind)
    if str(item.get("hash", "")) != chained(previous, record):
        raise sbi_error("sbi.hash_chain", kind)
    return Capture(bio["type"], str(data.get("bioSubType") or ""), record, quality, requested,
                   str(data["timestamp"]), str(item["hash"]))


def _verified(kind: str, token: Any, anchors: list[x509.Certificate], now: dt.datetime) -> dict[str, Any]:
    try:
        payload = jws.verify(token if isinstance(token, str) else "", anchors, now).json()
    except jws.JwsError as exc:
        code = {"trust": "sbi.untrusted", "signature": "sbi.bad_signature"}.get(exc.kind, "device.bad_reply")
        raise sbi_error(code, kind) from None
    if not isinstance(payload, dict):
        raise sbi_error("device.bad_reply", kind)
    return payload


def _time(kind: str, value: Any) -> dt.datetime:
    # The spec's form has no fraction; devices made before 2021 sent milliseconds: both are read.
    for form in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"):
        try:
            return dt.datetime.strptime(str(value), form).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    raise sbi_error("sbi.mismatch", kind, field="timestamp")
