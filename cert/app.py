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
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from .audit_log import AuditStore
from .audit_routes import router as audit_router
from .body_limits import BodyLimit
from .bounds import HEX_SHA256, KEY_PATTERN, MAX_PACKAGE_BYTES
from .ephoto import EphotoStore
from .ephoto import router as ephoto_router
from .fleet import FleetStore
from .fleet import router as fleet_router
from .intake import IntakeError, PackageOpener
from .lookups import LookupStores
from .lookups import router as lookups_router
from .lookups.db import ErrorBody
from .peer import PEER_CN_STATE_KEY
from .provisioning import PROVISION_PATH, Provisioning
from .provisioning import router as provisioning_router
from .rdv_status import DEMO_TOKEN, RdvStatus
from .rdv_status import router as rdv_router
from .receipts import ReceiptSigner, receipt_bytes
from .reception import claim_fee_stamp, use_references
from .reference_data import ReferenceStore
from .reference_data import router as reference_router
from .renewal import router as renewal_router
from .revocation import revocation_guard
from .storage import ReceivedDossier, Storage
from .updates.repository import UpdateRepository
from .updates.routes import router as updates_router
from .uploads import ReceiptReply
from .uploads import router as uploads_router

log = logging.getLogger(__name__)

# The only paths a connection without a verified client certificate may reach (server.py asks for one but
# lets a station being provisioned connect without): health, the agent CRL (signed, public by nature) and
# provisioning itself, which authenticates by its one-time token.
PUBLIC_PATHS = frozenset({"/v1/health", "/v1/agent-crl", PROVISION_PATH})


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


def create_app(storage: Storage, signer: ReceiptSigner, agent_crl: Path | None = None,
               ephoto: EphotoStore | None = None, lookups: LookupStores | None = None,
               provisioning: Provisioning | None = None, opener: PackageOpener | None = None,
               rdv: RdvStatus | None = None, rdv_token: str = DEMO_TOKEN, audit: AuditStore | None = None,
               fleet: FleetStore | None = None, clock: Callable[[], datetime] | None = None,
               updates: UpdateRepository | None = None,
               reference: ReferenceStore | None = None) -> FastAPI:
    """`opener` holds the package decryption key and the station CA; without it (the OpenAPI export)
    the app describes the API but refuses packages. `rdv` serves the ANTS rendez-vous stand-in under
    /ants, with `rdv_token` as its token; `audit` keeps the stations' audit trails (POST /v1/audit), `fleet`
    their heartbeats (POST /v1/heartbeat), answered with the time `clock` gives (UTC; a test shifts it);
    `updates` is the signed station releases' repository (GET /v1/updates/..., docs/updates.md);
    `reference` serves the signed reference lists (GET /v1/reference, cert/reference_data.py)."""
    app = FastAPI(title="CERT reference service", version="1", docs_url=None, redoc_url=None)

    @app.middleware("http")
    async def require_client_identity(request: Request, call_next):  # type: ignore[no-untyped-def]
        """Deny by default: a route added later is protected without having to remember it."""
        if request.url.path not in PUBLIC_PATHS and not request.scope.get("state", {}).get(PEER_CN_STATE_KEY):
            return _error(403, "no_client_identity", "this endpoint needs a client certificate issued by the "
                          "station CA (a new station gets one at /v1/stations/provision)")
        return await call_next(request)

    # Added last, so outermost: a body is bounded before any middleware or route may read it.
    app.add_middleware(BodyLimit)

    if provisioning is not None:  # POST /v1/stations/provision (cert/provisioning.py)
        app.include_router(provisioning_router(provisioning))
        # A revoked station certificate gets 403 station_revoked on every path (cert/revocation.py);
        # POST /v1/stations/renew (cert/renewal.py).
        app.middleware("http")(revocation_guard(provisioning.registry, PEER_CN_STATE_KEY))
        app.include_router(renewal_router(provisioning, PEER_CN_STATE_KEY))
    if ephoto is not None:  # GET /v1/ephoto/{code}, POST /v1/ephoto/{code}/consume (cert/ephoto.py)
        app.include_router(ephoto_router(ephoto, PEER_CN_STATE_KEY, storage.claim))
    if lookups is not None:  # pre-applications, fee stamps, COMEDEC, titles, envelopes, delivery (cert/lookups/)
        app.include_router(lookups_router(lookups, PEER_CN_STATE_KEY, storage.claim, signer,
                                          opener.agents if opener is not None else None))

    if audit is not None:  # POST /v1/audit (cert/audit_routes.py)
        app.include_router(audit_router(audit))
    if fleet is not None:  # POST /v1/heartbeat (cert/fleet.py)
        app.include_router(fleet_router(fleet, clock or (lambda: datetime.now(UTC))))
    if updates is not None:  # GET /v1/updates/metadata/{name}, /v1/updates/targets/{name} (cert/updates/)
        app.include_router(updates_router(updates))
    if reference is not None:  # GET /v1/reference, /v1/reference/{name} (cert/reference_data.py)
        app.include_router(reference_router(reference))
    if rdv is not None:  # GET /ants/api/status (cert/rdv_status.py)
        app.include_router(rdv_router(rdv, rdv_token))

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/agent-crl", response_class=Response, summary="The agent CA's current CRL (DER)", responses={
        200: {"content": {"application/pkix-crl": {"schema": {"type": "string", "format": "binary"}}}},
        404: {"model": ErrorBody}})
    def agent_revocation_list() -> Response:
        """The agent CA's current CRL, DER. Read at each request so a newly published list is served at once;
        the station verifies its signature against the agent CA, so this channel need not be trusted."""
        if agent_crl is None or not agent_crl.is_file():
            return _error(404, "no_crl", "no agent revocation list is published")
        data = agent_crl.read_bytes()
        if data.startswith(b"-----BEGIN"):
            data = x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
        return Response(content=data, media_type="application/pkix-crl")

    def receive_package(idempotency_key: str, peer_cn: str, body: bytes, claimed_sha256: str) -> JSONResponse:
        """Check, store and acknowledge one whole package: the end of a one-shot PUT and of a chunked
        upload (cert/uploads.py) alike, so both paths apply exactly the same rules."""
        started = time.monotonic()
        if not HEX_SHA256.fullmatch(claimed_sha256):
            return _error(400, "digest_missing", "the Content-SHA256 header must be a hex SHA-256 digest")
        if len(body) > MAX_PACKAGE_BYTES:
            return _error(413, "too_large", f"packages are limited to {MAX_PACKAGE_BYTES} bytes")
        digest = hashlib.sha256(body).hexdigest()
        if digest != claimed_sha256:
            return _error(400, "digest_mismatch", "the body does not match its Content-SHA256 header")
        replay = stored_reply(idempotency_key, peer_cn, digest)
        if replay is not None:  # the same bytes again (a lost reply): same receipt, or 409 for another package
            log.info("dossier replayed", extra={"event": "cert.replayed", "station_id": peer_cn,
                                                "status": replay.status_code})
            return replay
        if opener is None:
            return _error(503, "no_package_key", "this service has no package decryption key")
        try:
            opened = opener.open(body, peer_cn=peer_cn, idempotency_key=idempotency_key)
            claim_fee_stamp(opened.dossier, idempotency_key, peer_cn, lookups)
        except IntakeError as err:
            log.warning("package refused", extra={"event": "cert.refused", "station_id": peer_cn,
                                                  "code": err.code, "status": err.status})
            return _error(err.status, err.code, err.detail)

        def make(number: str, received_at: datetime) -> tuple[bytes, bytes]:
            data = receipt_bytes(number, idempotency_key, digest, peer_cn, received_at)
            return data, signer.sign(data)

        stored, created = storage.receive(idempotency_key, peer_cn, digest, body, make, files=opened.stored_files,
                                          mairie=opened.signer_mairie)
        if not created and (stored.package_sha256 != digest or stored.station_id != peer_cn):
            return _error(409, "key_conflict", "this idempotency key was already used for another package")
        if created:
            use_references(opened.dossier, idempotency_key, peer_cn, ephoto, lookups)
        log.info(
            "dossier received" if created else "dossier replayed",
            extra={"event": "cert.received" if created else "cert.replayed", "station_id": peer_cn,
                   "code": stored.dossier_number, "status": 201 if created else 200,
                   "duration_ms": round((time.monotonic() - started) * 1000)},
        )
        return _reply(signer, stored, 201 if created else 200)

    def stored_reply(idempotency_key: str, peer_cn: str, sha256: str) -> JSONResponse | None:
        """What a resend of an already delivered package gets without its bytes: the stored receipt (200)
        when this station delivered this key with this digest, 409 when the key holds another package,
        None when nothing was received under the key."""
        stored = storage.find(idempotency_key)
        if stored is None:
            return None
        if stored.package_sha256 != sha256 or stored.station_id != peer_cn:
            return _error(409, "key_conflict", "this idempotency key was already used for another package")
        return _reply(signer, stored, 200)

    @app.put("/v1/dossiers/{idempotency_key}", summary="Deliver a whole sealed package (small packages)",
             responses={200: {"model": ReceiptReply, "description": "already received: the stored receipt"},
                        201: {"model": ReceiptReply, "description": "received: a new dossier number"},
                        **{status: {"model": ErrorBody} for status in (400, 403, 409, 413, 503)}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
                 "schema": {"type": "string", "format": "binary"}}}},
                 "parameters": [{"name": "Content-SHA256", "in": "header", "required": True,
                                 "schema": {"type": "string", "pattern": HEX_SHA256.pattern}}]})
    async def put_dossier(idempotency_key: str, request: Request) -> JSONResponse:
        """The whole package in one request (small packages; the station uses chunked uploads)."""
        if not KEY_PATTERN.fullmatch(idempotency_key):
            return _error(400, "invalid_key", "the idempotency key must be 1-128 characters [A-Za-z0-9._-]")
        peer_cn = request.scope.get("state", {}).get(PEER_CN_STATE_KEY)
        if not peer_cn:
            return _error(403, "no_client_identity", "no verified client certificate on this connection")
        claimed = (request.headers.get("content-sha256") or "").strip().lower()
        # Decrypting and checking is CPU work: off the event loop, so other stations' requests go on.
        return await run_in_threadpool(receive_package, idempotency_key, peer_cn, await request.body(), claimed)

    # POST/PATCH /v1/uploads/{key}, POST .../complete: the same package in resumable chunks (cert/uploads.py).
    app.include_router(uploads_router(storage.path.parent, receive_package, stored_reply, PEER_CN_STATE_KEY))

    # The standard 404/405/422 bodies do not follow our {"error", "detail"} shape; unify them.
    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return _error(404, "not_found", "no such endpoint")

    @app.exception_handler(405)
    async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
        return _error(405, "method_not_allowed", "method not allowed on this endpoint")

    return app

