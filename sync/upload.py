"""The station's half of the chunked, resumable upload (docs/cert-api.md, "Chunked upload").

One attempt: announce the package (size, digest) and learn the offset the CERT already holds, send the
rest chunk by chunk from there, commit, and read the receipt reply. A cut anywhere raises a retryable
SyncError; the next attempt starts at the CERT's offset, so a slow mairie line never sends the same bytes
twice, however often it drops. The idempotency key keeps delivery exactly-once: a commit whose reply was
lost is answered, on the next attempt, with the stored receipt (announce says "received").
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from enrollment.store import OutboxItem

from .errors import SyncError
from .receipts import SignedReceipt
from .replies import error_code, json_object, map_status, parse_reply

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

# How many times one attempt follows the CERT's offset after an offset_mismatch or an early commit before
# giving up. Each resync normally happens once (after a cut, or a chunk written whose reply was lost); a CERT
# that keeps moving the offset is racing another sender under the same key, and waiting is the cure.
MAX_RESYNCS = 8


class Requester(Protocol):
    """What the upload needs of the transport: one call on the mutual-TLS session (CertClient.request)."""

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response: ...


@dataclass(frozen=True)
class UploadOutcome:
    receipt: SignedReceipt
    resumed_at: int  # bytes the CERT already held when this attempt began
    sent: int  # package bytes this attempt sent


def upload(client: Requester, item: OutboxItem, chunk_bytes: int) -> UploadOutcome:
    """Deliver `item.package` in chunks of at most `chunk_bytes` and return the (unverified) receipt reply."""
    started = time.monotonic()
    path = f"/v1/uploads/{item.idempotency_key}"
    data, size = item.package, len(item.package)
    state = _json(_expect(client.request("POST", path, json={"size": size, "sha256": item.package_sha256}),
                          (200, 201), item))
    offset = size if state.get("received") is True else _offset(state, size)
    resumed_at, sent, resyncs = offset, 0, 0
    chunk = max(1, min(chunk_bytes, _int(state.get("chunk_max", chunk_bytes))))
    while True:
        while offset < size:
            piece = data[offset:offset + chunk]
            response = client.request("PATCH", path, data=piece, headers={
                "Upload-Offset": str(offset), "Content-Type": "application/octet-stream"})
            if error_code(response) == "offset_mismatch":
                offset, resyncs = _resync(response, size, resyncs, item)
                continue
            offset = _advance(_json(_expect(response, (200,), item)), offset, len(piece), size)
            sent += len(piece)
        response = client.request("POST", f"{path}/complete", json={"sha256": item.package_sha256})
        if error_code(response) == "incomplete":  # the CERT lost bytes we counted (restored from backup)
            offset, resyncs = _resync(response, size, resyncs, item)
            continue
        receipt = parse_reply(_expect(response, (200, 201), item))
        break
    log.info("package uploaded", extra={
        "event": "sync.uploaded", "dossier_id": item.dossier_id, "count": sent,
        "status": receipt.status, "duration_ms": round((time.monotonic() - started) * 1000)})
    return UploadOutcome(receipt, resumed_at, sent)


def _expect(response: requests.Response, ok: tuple[int, ...], item: OutboxItem) -> requests.Response:
    if response.status_code in ok:
        return response
    code = error_code(response)
    log.warning("CERT refused the upload", extra={
        "event": "sync.refused", "dossier_id": item.dossier_id, "status": response.status_code, "code": code})
    raise map_status(response.status_code, code)


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SyncError.of("cert.bad_reply", retryable=True)
    return value


def _offset(body: dict, size: int) -> int:
    """The CERT's offset, checked: one outside the package would make us send garbage or nothing."""
    offset = _int(body.get("offset"))
    if not 0 <= offset <= size:
        raise SyncError.of("cert.bad_reply", retryable=True)
    return offset


def _advance(body: dict, offset: int, length: int, size: int) -> int:
    new = _offset(body, size)
    if new != offset + length:  # the CERT must count exactly the chunk it took
        raise SyncError.of("cert.bad_reply", retryable=True)
    return new


def _resync(response: requests.Response, size: int, resyncs: int, item: OutboxItem) -> tuple[int, int]:
    if resyncs >= MAX_RESYNCS:
        log.warning("upload offset keeps moving", extra={
            "event": "sync.upload_out_of_step", "dossier_id": item.dossier_id, "count": resyncs})
        raise SyncError.of("cert.upload_out_of_step", retryable=True)
    return _offset(_json(response), size), resyncs + 1


def _json(response: requests.Response) -> dict:
    return json_object(response, "cert.bad_reply")
