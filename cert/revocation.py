"""Shutting a station out: the check every request authenticated by a station certificate goes through.

A revoked certificate is refused at the first request, not at the TLS handshake: the TLS context is built
once when the service starts (a CRL loaded into it would be stale after `cert-server station revoke`, run
by another process), whereas the registry is read at every request, so a revocation takes effect at once.
The answer is a clear `403 station_revoked` on every path, provisioning and health included, instead of a
handshake failure the station could only report as a network fault.

`server.PeerIdentityH11Protocol` copies the verified peer certificate's serial into the request state next
to its CN; the check is the registry's `admit`, which also retires a renewed certificate the first time
its successor is used (cert/renewal.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool

from .lookups.db import error
from .registry import StationRegistry

log = logging.getLogger(__name__)

PEER_SERIAL_STATE_KEY = "tls_peer_serial"  # lowercase hex, no leading zeros (registry.serial_hex)

Middleware = Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]


def normalise_serial(text: str | None) -> str | None:
    """The serial as `SSLSocket.getpeercert()` gives it (upper-case hex, maybe zero-padded), as the registry
    names it."""
    try:
        return f"{int(text, 16):x}" if text else None
    except ValueError:
        return None


def revocation_guard(registry: StationRegistry, cn_state_key: str) -> Middleware:
    async def refuse_revoked(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        state = request.scope.get("state", {})
        serial = state.get(PEER_SERIAL_STATE_KEY)
        # The registry is SQLite, which may wait for the CLI's write lock: off the event loop.
        if serial and not await run_in_threadpool(registry.admit, serial, state.get(cn_state_key)):
            log.warning("revoked station certificate refused", extra={"event": "cert.station_revoked",
                                                                      "code": serial, "status": 403})
            return error(403, "station_revoked", "this station's certificate is revoked; the CERT operator "
                         "must provision the station again")
        return await call_next(request)

    return refuse_revoked
