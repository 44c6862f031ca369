"""ePhoto: fetch the photo a certified booth took, by the code printed on the applicant's receipt, and
consume the code once the dossier is accepted (docs/cert-api.md, "ePhoto").

The code is validated here before any request (length from the station's configuration: 22 by default,
domain.md notes one source says 21), so a typo gets an immediate French message. The photo fetched still
goes through the same quality checks as any other source (enrollment/face/).

The code is an access key to someone's face: it is never logged, only the outcome.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime

import requests

from .errors import SyncError
from .transport import CertClient

log = logging.getLogger(__name__)

DEFAULT_CODE_LENGTH = 22  # domain.md "Face photo" (verify: one source says 21): a setting, this default

# The CERT's error codes -> ours (each a French message in sync/strings.py). None is retryable: a code
# does not become valid by waiting.
_REFUSALS = {
    "ephoto_malformed": "ephoto.malformed",
    "ephoto_unknown": "ephoto.unknown",
    "ephoto_used": "ephoto.used",
    "ephoto_expired": "ephoto.expired",
}
_TRANSIENT = ("cert.unreachable", "cert.timeout", "cert.tls", "cert.server_error", "cert.bad_reply")


@dataclass(frozen=True)
class Ephoto:
    code: str
    jpeg: bytes
    captured_at: datetime  # when the booth took it (the photo must be under 6 months old)
    expires_at: datetime


def normalise_code(text: str, length: int = DEFAULT_CODE_LENGTH) -> str:
    """The code as the CERT knows it: spaces and dashes an agent may type dropped, upper case; or the
    French "malformed" error naming the expected length."""
    code = re.sub(r"[\s-]", "", text).upper()
    if len(code) != length or not code.isascii() or not code.isalnum():
        raise SyncError.of("ephoto.malformed", retryable=False, length=length)
    return code


def fetch_ephoto(client: CertClient, code: str, length: int = DEFAULT_CODE_LENGTH) -> Ephoto:
    """The booth's JPEG and its capture date. Blocking (HTTPS): call it off the GUI thread."""
    code = normalise_code(code, length)
    response = _call(client, length, "GET", f"/v1/ephoto/{code}")
    try:
        body = response.json()
        jpeg = base64.b64decode(body["jpeg"], validate=True)
        photo = Ephoto(code=code, jpeg=jpeg, captured_at=datetime.fromisoformat(body["captured_at"]),
                       expires_at=datetime.fromisoformat(body["expires_at"]))
        digest_ok = hashlib.sha256(jpeg).hexdigest() == body["sha256"]
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise SyncError.of("ephoto.unreachable", retryable=True) from exc
    if not digest_ok or not jpeg.startswith(b"\xff\xd8"):
        raise SyncError.of("ephoto.unreachable", retryable=True)
    log.info("ephoto fetched", extra={"event": "ephoto.fetched", "count": len(jpeg)})
    return photo


def consume_ephoto(client: CertClient, code: str, dossier_id: str, length: int = DEFAULT_CODE_LENGTH) -> None:
    """Mark the code used by this dossier, once it is accepted. Idempotent for the same dossier (a resend
    after a lost reply is fine); another dossier's use raises "ephoto.used"."""
    code = normalise_code(code, length)
    _call(client, length, "POST", f"/v1/ephoto/{code}/consume", json={"dossier_id": dossier_id})
    log.info("ephoto consumed", extra={"event": "ephoto.consumed", "dossier_id": dossier_id})


def _call(client: CertClient, length: int, method: str, path: str, **kwargs: object) -> requests.Response:
    try:
        response = client.request(method, path, **kwargs)
    except SyncError as exc:
        if exc.code in _TRANSIENT:
            raise SyncError.of("ephoto.unreachable", retryable=True) from exc
        raise
    if response.status_code == 200:
        return response
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        error = None
    log.info("ephoto refused", extra={"event": "ephoto.refused", "status": response.status_code, "code": error})
    if error in _REFUSALS:
        code = _REFUSALS[error]
        fields = {"length": length} if code == "ephoto.malformed" else {}
        raise SyncError.of(code, retryable=False, **fields)
    if response.status_code >= 500 or response.status_code == 429:
        raise SyncError.of("ephoto.unreachable", retryable=True)
    raise SyncError.of("ephoto.refused", retryable=False, status=response.status_code)
