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

from .errors import SyncError
from .lookup_calls import Service, call
from .replies import json_body
from .settings import DEFAULT_CODE_LENGTH
from .transport import CertClient

log = logging.getLogger(__name__)

# The CERT's error codes -> ours (each a French message in sync/strings/). None is retryable: a code
# does not become valid by waiting.
_REFUSALS = {
    "ephoto_malformed": "ephoto.malformed",
    "ephoto_unknown": "ephoto.unknown",
    "ephoto_used": "ephoto.used",
    "ephoto_expired": "ephoto.expired",
}
SERVICE = Service("ephoto", unreachable="ephoto.unreachable", refused="ephoto.refused", refusals=_REFUSALS)


def _fields(length: int) -> dict[str, dict[str, object]]:
    return {"ephoto.malformed": {"length": length}}


@dataclass(frozen=True)
class Ephoto:
    code: str
    jpeg: bytes
    captured_at: datetime  # when the booth took it (the photo must be under 6 months old)
    expires_at: datetime


def normalise_code(text: str, length: int = DEFAULT_CODE_LENGTH) -> str:
    """The code as the CERT knows it: spaces and dashes an agent may type dropped, upper case; or the
    French "malformed" error naming the expected length."""
    kept = re.sub(r"[\s-]", "", text)
    code = kept.upper()
    # ASCII checked before upper(): "ß" would become "SS", a code the agent never typed.
    if len(code) != length or not kept.isascii() or not code.isalnum():
        raise SyncError.of("ephoto.malformed", retryable=False, length=length)
    return code


def fetch_ephoto(client: CertClient, code: str, length: int = DEFAULT_CODE_LENGTH) -> Ephoto:
    """The booth's JPEG and its capture date. Blocking (HTTPS): call it off the GUI thread."""
    code = normalise_code(code, length)
    response = call(SERVICE, client, "GET", f"/v1/ephoto/{code}", message_fields=_fields(length))
    try:
        body = json_body(response)
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
    call(SERVICE, client, "POST", f"/v1/ephoto/{code}/consume", json={"dossier_id": dossier_id},
         message_fields=_fields(length))
    log.info("ephoto consumed", extra={"event": "ephoto.consumed", "dossier_id": dossier_id})
