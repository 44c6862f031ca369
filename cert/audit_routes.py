"""POST /v1/audit: a station sends its audit trail (docs/cert-api.md, "Audit trail"), in batches, through
its outbox. Idempotent by (station, entry number): a batch sent again after a lost reply stores nothing
twice, and gets the same `held_up_to`. The station is the CN of its verified client certificate; every
entry must name it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from .audit_format import AuditReply, Batch
from .audit_log import AuditStore
from .json_body import read_body
from .lookups.db import ErrorBody, error, json_body
from .peer import station_of

log = logging.getLogger(__name__)
AUDIT_PATH = "/v1/audit"


def router(store: AuditStore) -> APIRouter:
    api = APIRouter(tags=["audit"])

    @api.post(AUDIT_PATH, openapi_extra=json_body(Batch),
              responses={200: {"model": AuditReply}, **{s: {"model": ErrorBody} for s in (400, 403, 413)}},
              summary="Receive a batch of a station's audit trail; the CERT checks the chain and flags what breaks it")
    async def receive(request: Request) -> JSONResponse:
        station = station_of(request)
        if not station:
            return error(403, "no_client_identity", "no verified client certificate on this connection")
        batch = read_body(await request.body(), Batch, "audit_bad_request",
                          '{"format": "recueil-audit/1", "chain": "<32 hex>", "entries": [...]} (docs/audit-trail.md)')
        if isinstance(batch, JSONResponse):
            return batch
        seqs = [e.seq for e in batch.entries]
        if any(b <= a for a, b in zip(seqs, seqs[1:], strict=False)):
            return error(400, "audit_bad_request", "the entries must be in strictly increasing seq order")
        if any(e.station_id != station for e in batch.entries):
            return error(403, "audit_other_station", "every entry must name the station of the client certificate")
        got = await run_in_threadpool(store.receive, station, batch.chain, batch.entries,
                                      datetime.now(UTC).replace(microsecond=0))
        for a in got.alerts:
            log.warning("audit trail alert", extra={"event": f"cert.audit_{a.kind}", "station_id": station,
                                                    "count": a.seq})
        log.info("audit batch received", extra={"event": "cert.audit", "station_id": station, "count": got.stored})
        return JSONResponse({"station_id": station, "held_up_to": got.held_up_to, "stored": got.stored,
                             "duplicates": got.duplicates,
                             "alerts": [{"seq": a.seq, "kind": a.kind} for a in got.alerts]})

    return api
