"""Reading the CERT's replies, for every station client (outbox upload, lookups, ePhoto, provisioning):
transport failures and statuses become `SyncError`s, JSON bodies are checked for shape, error codes read.

One place, so that the upload, the lookups and provisioning judge a reply the same way."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from .errors import SyncError
from .receipts import SignedReceipt

if TYPE_CHECKING:
    import requests

# The CERT's refusal of a revoked station certificate, on any endpoint (docs/cert-api.md, "Revocation").
STATION_REVOKED = "station_revoked"
# The CERT's refusal of a package whose fee stamp another dossier used or holds (docs/cert-api.md, "Fee stamps").
FEE_STAMP_TAKEN = frozenset({"fee_stamp_used", "fee_stamp_reserved"})


def map_request_exception(exc: requests.RequestException) -> SyncError:
    import requests  # loaded by the first call that failed, as by every call: not with the station's start

    # SSLError is a ConnectionError and ConnectTimeout a ConnectionError too: most specific first.
    if isinstance(exc, requests.exceptions.SSLError):
        return SyncError.of("cert.tls", retryable=True)
    if isinstance(exc, requests.exceptions.Timeout):
        return SyncError.of("cert.timeout", retryable=True)
    return SyncError.of("cert.unreachable", retryable=True)


def map_status(status: int, code: str | None = None) -> SyncError:
    """`code`: the CERT's error code, when it changes what the station must do (see `error_code`)."""
    if code == STATION_REVOKED:  # no retry will help: the technician must have the station reinstalled
        return SyncError.of("cert.station_revoked", retryable=False)
    if status == 409 and code in FEE_STAMP_TAKEN:  # the package's stamp paid for another dossier
        return SyncError.of("cert.fee_stamp_taken", retryable=False)
    if status == 409:
        return SyncError.of("cert.conflict", retryable=False)
    if status in (400, 413):
        return SyncError.of("cert.bad_request", retryable=False)
    if status in (401, 403):
        return SyncError.of("cert.forbidden", retryable=False)
    if status >= 500 or status == 429:
        return SyncError.of("cert.server_error", retryable=True)
    return SyncError.of("cert.refused", retryable=False, status=status)


def json_body(response: requests.Response) -> Any:
    """The reply's JSON. JSON nested deep enough to exhaust the stack raises RecursionError, which every
    reader's `except ValueError` would let through: it is one more ValueError here."""
    try:
        return response.json()
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc


def parse_reply(response: requests.Response) -> SignedReceipt:
    try:
        body = json_body(response)
        return SignedReceipt(
            receipt=base64.b64decode(body["receipt"], validate=True),
            signature=base64.b64decode(body["signature"], validate=True),
            certificate_pem=body["certificate"].encode("ascii"),
            status=response.status_code,
        )
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise SyncError.of("cert.bad_reply", retryable=True) from exc


def error_code(response: requests.Response) -> str | None:
    """The CERT's machine-readable error code, for the log (its English detail may echo input)."""
    try:
        code = json_body(response).get("error")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None


def json_object(response: requests.Response, code: str) -> dict:
    """The reply's JSON object; anything else is a CERT fault, `code` (retryable: a bad reply may be transient)."""
    try:
        body = json_body(response)
    except ValueError as exc:
        raise SyncError.of(code, retryable=True) from exc
    if not isinstance(body, dict):
        raise SyncError.of(code, retryable=True)
    return body
