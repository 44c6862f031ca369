"""One request to a CERT lookup service and the translation of its refusals, shared by every station
client of those services (ePhoto, pre-application, fee stamp, COMEDEC, titles, envelopes).

Each client names its own error codes (each with a French message in sync/strings/); the mechanics —
transient transport failures become one retryable code, the CERT's `{"error"}` becomes the client's code,
an unexpected status is reported with its number — are the same for all."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import SyncError
from .replies import STATION_REVOKED, error_code, map_status
from .transport import CertClient

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

# Transport failures that waiting may cure (sync/transport.py codes).
TRANSIENT = frozenset({"cert.unreachable", "cert.timeout", "cert.tls", "cert.server_error", "cert.bad_reply"})


@dataclass(frozen=True)
class Service:
    """How one client names its outcomes: `unreachable` (retryable), `refused` (unexpected status, takes
    {status}), and the CERT's error names mapped to the client's codes."""

    name: str  # for the log: "ephoto", "lookup"
    unreachable: str
    refused: str
    refusals: dict[str, str] = field(default_factory=dict)


def call(service: Service, client: CertClient, method: str, path: str, *, accept: frozenset[str] = frozenset(),
         message_fields: dict[str, dict[str, object]] | None = None, **kwargs: object) -> requests.Response:
    """The 200 or 201 reply (or a refusal listed in `accept`, which the caller reads as an outcome), else SyncError.
    `message_fields` gives the French message of a refusal code its fields (e.g. the expected length)."""
    try:
        response = client.request(method, path, **kwargs)
    except SyncError as exc:
        if exc.code in TRANSIENT:
            raise SyncError.of(service.unreachable, retryable=True) from exc
        raise
    if response.status_code in (200, 201):  # 201: a record created (a title hand-over, sync/delivery.py)
        return response
    error = error_code(response)
    if error in accept:
        return response
    log.info(f"{service.name} refused", extra={"event": f"{service.name}.refused",
                                               "status": response.status_code, "code": error})
    if error == STATION_REVOKED:  # the same answer on every endpoint: the station is shut out
        raise map_status(response.status_code, error)
    if error in service.refusals:
        code = service.refusals[error]
        raise SyncError.of(code, retryable=False, **(message_fields or {}).get(code, {}))
    if response.status_code >= 500 or response.status_code == 429:
        raise SyncError.of(service.unreachable, retryable=True)
    raise SyncError.of(service.refused, retryable=False, status=response.status_code)
