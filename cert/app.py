"""The reference CERT's HTTP API (see docs/cert-api.md): receive a sealed package once, acknowledge it.

Exactly-once rests on the idempotency key the station fixes at sealing: the first PUT stores the package
and issues a number; any later PUT with the same key and digest gets the very same signed receipt back,
so a station that lost a reply (power cut, timeout) can resend without creating a second dossier.

The sending station is the CN of its verified TLS client certificate, which `server.PeerIdentityH11Protocol`
places in the request state; a package that claims another station is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from .ephoto import EphotoStore
from .ephoto import router as ephoto_router
from .lookups import LookupStores
from .lookups import router as lookups_router
from .receipts import ReceiptSigner, receipt_bytes
from .storage import ReceivedDossier, Storage

log = logging.getLogger(__name__)

PACKAGE_FORMAT = "recueil-package/0"
PEER_CN_STATE_KEY = "tls_peer_cn"
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
KEY_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _error(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


def _reply(signer: ReceiptSigner, stored: ReceivedDossier, status: int) -> JSONResponse:
    return JSONResponse(
        {
            "receipt": base64.b64encode(stored.receipt).decode("ascii"),
            "signature": base64.b64encode(stored.signature).decode("ascii"),
            "certificate": signer.certificate_pem.decode("ascii"),
        },
        status_code=status,
    )


def _check_package(body: bytes) -> dict | str:
    """The minimal checks of format 0: the parsed package, or the reason it is refused."""
    try:
        package = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "the body is not JSON"
    if not isinstance(package, dict):
        return "the package must be a JSON object"
    if package.get("format") != PACKAGE_FORMAT:
        return f"the package format must be {PACKAGE_FORMAT!r}"
    if not isinstance(package.get("station_id"), str) or not package["station_id"]:
        return "the package has no station_id"
    if not isinstance(package.get("dossier"), dict):
        return "the package has no dossier object"
    return package


def _consume_ephoto(store: EphotoStore, package: dict, dossier_key: str) -> None:
    """An ePhoto code is single use: the dossier that arrives with it uses it up. A code already used by
    another dossier does not stop receipt (instruction decides); it is logged for the instructing agent."""
    photo = package["dossier"].get("photo") or {}
    code = photo.get("ephoto_code") if isinstance(photo, dict) else None
    if not isinstance(code, str) or not code:
        return
    record = store.consume(code, dossier_key, datetime.now(UTC))
    if record is None or record.used_by != dossier_key:
        log.warning("dossier arrived with an ePhoto code not valid for it",
                    extra={"event": "cert.ephoto_reused", "status": 409 if record else 404})


def create_app(storage: Storage, signer: ReceiptSigner, agent_crl: Path | None = None,
               ephoto: EphotoStore | None = None, lookups: LookupStores | None = None) -> FastAPI:
    app = FastAPI(title="CERT reference service", version="1", docs_url=None, redoc_url=None)
    if ephoto is not None:  # GET /v1/ephoto/{code}, POST /v1/ephoto/{code}/consume (cert/ephoto.py)
        app.include_router(ephoto_router(ephoto, PEER_CN_STATE_KEY))
    if lookups is not None:  # pre-applications, fee stamps, COMEDEC, titles, envelopes (cert/lookups/)
        app.include_router(lookups_router(lookups, PEER_CN_STATE_KEY))

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/agent-crl")
    def agent_revocation_list() -> Response:
        """The agent CA's current CRL, DER. Read at each request so a newly published list is served at once;
        the station verifies its signature against the agent CA, so this channel need not be trusted."""
        if agent_crl is None or not agent_crl.is_file():
            return _error(404, "no_crl", "no agent revocation list is published")
        data = agent_crl.read_bytes()
        if data.startswith(b"-----BEGIN"):
            data = x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
        return Response(content=data, media_type="application/pkix-crl")

    @app.put("/v1/dossiers/{idempotency_key}")
    async def put_dossier(idempotency_key: str, request: Request) -> JSONResponse:
        started = time.monotonic()
        if not KEY_PATTERN.match(idempotency_key):
            return _error(400, "invalid_key", "the idempotency key must be 1-128 characters [A-Za-z0-9._-]")
        peer_cn = request.scope.get("state", {}).get(PEER_CN_STATE_KEY)
        if not peer_cn:
            return _error(403, "no_client_identity", "no verified client certificate on this connection")
        claimed = (request.headers.get("content-sha256") or "").strip().lower()
        if not HEX_SHA256.match(claimed):
            return _error(400, "digest_missing", "the Content-SHA256 header must be a hex SHA-256 digest")
        body = await request.body()
        if len(body) > MAX_PACKAGE_BYTES:
            return _error(413, "too_large", f"packages are limited to {MAX_PACKAGE_BYTES} bytes")
        digest = hashlib.sha256(body).hexdigest()
        if digest != claimed:
            return _error(400, "digest_mismatch", "the body does not match its Content-SHA256 header")
        package = _check_package(body)
        if isinstance(package, str):
            return _error(400, "malformed_package", package)
        if package["station_id"] != peer_cn:
            log.warning("package station differs from certificate",
                        extra={"event": "cert.station_mismatch", "station_id": peer_cn})
            return _error(403, "station_mismatch",
                          "the package's station_id is not the client certificate's CN")

        def make(number: str, received_at: datetime) -> tuple[bytes, bytes]:
            data = receipt_bytes(number, idempotency_key, digest, peer_cn, received_at)
            return data, signer.sign(data)

        stored, created = storage.receive(idempotency_key, peer_cn, digest, body, make)
        if not created and (stored.package_sha256 != digest or stored.station_id != peer_cn):
            return _error(409, "key_conflict", "this idempotency key was already used for another package")
        if created and ephoto is not None:
            _consume_ephoto(ephoto, package, idempotency_key)
        log.info(
            "dossier received" if created else "dossier replayed",
            extra={"event": "cert.received" if created else "cert.replayed", "station_id": peer_cn,
                   "code": stored.dossier_number, "status": 201 if created else 200,
                   "duration_ms": round((time.monotonic() - started) * 1000)},
        )
        return _reply(signer, stored, 201 if created else 200)

    # The standard 404/405/422 bodies do not follow our {"error", "detail"} shape; unify them.
    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return _error(404, "not_found", "no such endpoint")

    @app.exception_handler(405)
    async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
        return _error(405, "method_not_allowed", "method not allowed on this endpoint")

    return app

