"""The CERT bounds every request body as it streams, before any handler reads it.

The client here is a raw TLS socket: it sends the head, then the body piece by piece, and stops as soon as
the CERT answers, like a client that reads the early 413; requests would only report a broken pipe."""

from __future__ import annotations

import json
import select
import socket
import ssl

import requests

from cert import body_limits, uploads
from cert.bounds import MAX_PACKAGE_BYTES
from cert.provisioning import PROVISION_PATH
from devstation.cert_service import CertService
from installer.pki import PkiPaths

MIB = 1024 * 1024
PIECE = b"\0" * (256 * 1024)
# What the refusal may cost the server at most: buffers and bookkeeping, never the body.
MEMORY_BOUND = 8 * MIB


def _peak_rss(svc: CertService) -> int:
    """The server process's peak resident set (VmHWM): a body buffered even for an instant shows here."""
    for line in open(f"/proc/{svc.pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc status")


def _send(svc: CertService, pki: PkiPaths, method: str, path: str, total: int, *, chunked: bool,
          client_cert: bool = False, extra: str = "") -> tuple[int, dict, int]:
    """Send `total` body bytes (or until the CERT answers); returns status, JSON reply and bytes sent."""
    ctx = ssl.create_default_context(cafile=str(pki.pem("cert-ca")))
    if client_cert:
        ctx.load_cert_chain(str(pki.pem("station")), str(pki.key("station")))
    with socket.create_connection(("127.0.0.1", svc.port), timeout=30) as raw, \
            ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
        tls.sendall(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    f"{extra}{framing}\r\n\r\n".encode())
        sent, reply = 0, b""
        try:
            while sent < total and not (reply := _early_reply(tls)):
                piece = PIECE[:total - sent]
                tls.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                sent += len(piece)
            if sent >= total and chunked:
                tls.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass  # the CERT closed after answering: the answer is already on its way
        while b"\r\n\r\n" not in reply or len(reply) < _expected(reply):
            data = tls.recv(65536)
            if not data:
                break
            reply += data
        closed = tls.recv(65536) == b""  # after an early 413 the CERT closes: the rest of the body is unread
    head, _, body = reply.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert status != 413 or (closed and b"connection: close" in head.lower())
    return status, json.loads(body), sent


def _early_reply(tls: ssl.SSLSocket) -> bytes:
    """What the CERT answered so far, without waiting. A readable socket may hold only TLS records
    (TLS 1.3 session tickets), which give no application bytes."""
    if not select.select([tls], [], [], 0)[0] and not tls.pending():
        return b""
    tls.setblocking(False)
    try:
        return tls.recv(65536)
    except ssl.SSLWantReadError:
        return b""
    finally:
        tls.settimeout(30)


def _expected(reply: bytes) -> int:
    head, _, _ = reply.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(head) + 4 + int(value)
    return len(reply) + 1


def test_anonymous_huge_provisioning_body_is_refused_without_buffering(pki: PkiPaths,
                                                                      cert_service: CertService) -> None:
    before = _peak_rss(cert_service)
    for chunked in (False, True):
        status, reply, sent = _send(cert_service, pki, "POST", PROVISION_PATH, 200 * MIB, chunked=chunked)
        assert (status, reply["error"]) == (413, "too_large") and reply["detail"]
        assert sent < 200 * MIB  # refused as it streamed, not after
    assert _peak_rss(cert_service) - before < MEMORY_BOUND


def test_oversize_package_is_refused_on_its_declared_length(pki: PkiPaths, cert_service: CertService) -> None:
    before = _peak_rss(cert_service)
    # Past the drained margin: refused on the header alone, before a byte of the body is read.
    total = MAX_PACKAGE_BYTES + body_limits.DRAIN_BYTES + 1
    status, reply, sent = _send(cert_service, pki, "PUT", "/v1/dossiers/k-1", total, chunked=False,
                                client_cert=True)
    assert (status, reply["error"]) == (413, "too_large")
    assert sent < MAX_PACKAGE_BYTES
    assert _peak_rss(cert_service) - before < MEMORY_BOUND


def test_chunked_json_and_chunk_bodies_stop_at_their_limit(pki: PkiPaths, cert_service: CertService) -> None:
    status, reply, _ = _send(cert_service, pki, "POST", "/v1/fee-stamps/1234567890123456/consume",
                             body_limits.DEFAULT_LIMIT + 1, chunked=True, client_cert=True)
    assert (status, reply["error"]) == (413, "too_large")
    status, reply, _ = _send(cert_service, pki, "PATCH", "/v1/uploads/k-1", uploads.CHUNK_MAX_BYTES + MIB,
                             chunked=True, client_cert=True, extra="Upload-Offset: 0\r\n")
    assert (status, reply["error"]) == (413, "chunk_too_large")


def test_a_body_slightly_over_is_read_through_so_that_its_sender_sees_the_413(
        http: requests.Session, cert_service: CertService) -> None:
    """requests sends the whole body before it reads: closing on it mid-send would show it a broken pipe."""
    for _ in range(3):
        r = http.post(f"{cert_service.url}/v1/uploads/k-2", data=b"{" + b" " * (3 * 1024 * 1024),
                      headers={"Content-Type": "application/json"}, timeout=10)
        assert (r.status_code, r.json()["error"]) == (413, "too_large")
        assert r.headers["connection"] == "close"


def test_limits_per_route() -> None:
    assert body_limits.limit_for("PUT", "/v1/dossiers/abc").max_bytes == MAX_PACKAGE_BYTES
    assert body_limits.limit_for("PATCH", "/v1/uploads/abc").max_bytes == uploads.CHUNK_MAX_BYTES
    assert body_limits.limit_for("PUT", "/v1/dossiers/abc/x").max_bytes == body_limits.DEFAULT_LIMIT
    assert body_limits.limit_for("POST", "/v1/uploads/abc").max_bytes == body_limits.DEFAULT_LIMIT
    # A hand-over carries the holder's signature image: a real one is tens of KiB, more than the default.
    handover = body_limits.limit_for("POST", "/v1/titles/X4RTBPFW4/handover").max_bytes
    assert handover > 256 * 1024 and body_limits.limit_for("POST", "/v1/titles/X4RTBPFW4/return").max_bytes == (
        body_limits.DEFAULT_LIMIT)
