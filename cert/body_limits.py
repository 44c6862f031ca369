"""Request bodies are bounded before anything reads them: one pure ASGI middleware for every route.

Each route has a byte limit (`LIMITS`, first match wins, `DEFAULT_LIMIT` for the rest). A request whose
Content-Length is over its limit gets 413 before a byte of its body is read; one without (chunked) is
counted as it streams and refused as soon as the count passes the limit, so no handler ever holds more
than its limit and an anonymous client cannot make the CERT buffer an arbitrary body.

Most HTTP clients (requests among them) send the whole body before they read any answer: if the CERT
closed on them mid-send they would see a broken connection, not the 413. So a body that is over its
limit by at most `DRAIN_BYTES` is read to its end and thrown away (memory stays flat) before the 413;
beyond that, the 413 goes at once and the connection is closed on the rest: a client sending that much
too much is not one the CERT owes its bandwidth. Either way the 413 closes the connection
(`Connection: close`), so nothing of a refused body is ever taken for the next request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from .audit_format import MAX_BODY_BYTES as AUDIT_MAX_BYTES
from .audit_routes import AUDIT_PATH
from .bounds import MAX_PACKAGE_BYTES
from .fleet import HEARTBEAT_PATH
from .fleet import MAX_BODY_BYTES as HEARTBEAT_MAX_BYTES
from .lookups.delivery_models import MAX_SIGNATURE_PNG_B64
from .provisioning import MAX_BODY_BYTES as PROVISION_MAX_BYTES
from .provisioning import PROVISION_PATH
from .uploads import CHUNK_MAX_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Every JSON body the CERT takes (a dossier id, a barcode, birth data of 200-character fields, an upload
# announcement) fits in a few hundred bytes; 8 KiB leaves room without letting anyone park megabytes.
DEFAULT_LIMIT = 8 * 1024
HANDOVER_MAX_BYTES = MAX_SIGNATURE_PNG_B64 + 16 * 1024  # the signature, and the record's other fields
# How far past its limit a body is still read (and discarded) so that its sender gets the 413.
DRAIN_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Limit:
    method: str
    path: re.Pattern[str]
    max_bytes: int
    code: str = "too_large"


LIMITS = (
    Limit("PUT", re.compile(r"/v1/dossiers/[^/]+"), MAX_PACKAGE_BYTES),
    Limit("PATCH", re.compile(r"/v1/uploads/[^/]+"), CHUNK_MAX_BYTES, "chunk_too_large"),
    Limit("POST", re.compile(re.escape(PROVISION_PATH)), PROVISION_MAX_BYTES),
    # A hand-over record carries the holder's signature image (base64, bounded by the model).
    Limit("POST", re.compile(r"/v1/titles/[^/]+/handover"), HANDOVER_MAX_BYTES),
    # A batch of a station's audit trail: up to 200 entries of identifiers and codes.
    Limit("POST", re.compile(re.escape(AUDIT_PATH)), AUDIT_MAX_BYTES),
    # A station's heartbeat: numbers, codes and up to 32 devices.
    Limit("POST", re.compile(re.escape(HEARTBEAT_PATH)), HEARTBEAT_MAX_BYTES),
)


_OTHERS = Limit("*", re.compile(".*"), DEFAULT_LIMIT)


def limit_for(method: str, path: str) -> Limit:
    for limit in LIMITS:
        if limit.method == method and limit.path.fullmatch(path):
            return limit
    return _OTHERS


class _TooLarge(Exception):
    """Raised into the handler that was reading the body: it must stop, the 413 is already sent."""


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            # The HTTP parser (h11) already refused a Content-Length that is not ASCII digits.
            return int(value) if value.isdigit() else None
    return None


async def _drain(receive: Receive, seen: int, limit: Limit) -> None:
    """Read the rest of a refused body, keeping none of it, unless it runs past `DRAIN_BYTES` more."""
    while seen <= limit.max_bytes + DRAIN_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _refuse(send: Send, limit: Limit) -> None:
    body = json.dumps({"error": limit.code,
                       "detail": f"the request body is limited to {limit.max_bytes} bytes here"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit.max_bytes:
            if declared <= limit.max_bytes + DRAIN_BYTES:
                await _drain(receive, 0, limit)
            await _refuse(send, limit)
            return
        seen, started, refused = 0, False, False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:  # a handler that swallowed the refusal and reads on: there is nothing more for it
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit.max_bytes:
                    refused = True
                    if not started:
                        if message.get("more_body", False):
                            await _drain(receive, seen, limit)
                        await _refuse(send, limit)
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:  # our 413 is the answer; whatever the handler says after it goes nowhere
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception:
            # Once refused, whatever the handler raised (our signal, wrapped in an exception group by a
            # task group on the way, or a disconnect it read after it) follows from the refusal: the 413
            # is the whole answer, and there is nothing to report.
            if not refused:
                raise
