"""Title delivery at the mairie (docs/cert-api.md, "Title delivery"): the titles waiting there, the
availability SMS again, the holder's face and fingers for the hand-over check, the templates sealed for
the requesting station, the hand-over record with its signed receipt, and the return of an uncollected
title.

Every endpoint answers only stations of the collecting mairie (the INSEE code of their certificate,
cert/peer.py), and only while the title waits there: a received title, neither handed over (409
`title_handed_over`) nor returned (410 `title_returned`) nor past its 3 months (410 `title_overdue`,
which may only be returned). Title numbers and names are never logged.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from datetime import UTC, datetime, timedelta

from cryptography import x509
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..agent_signature import AgentRefused, AgentVerifier, agent_id_of, role_of
from ..json_body import read_body
from ..peer import certificate_of, mairie_of, station_of
from ..receipts import ReceiptSigner, handover_receipt_bytes
from . import delivery_models as m
from .db import documented, error, json_body
from .handover import Deliveries, HandoverReceipt
from .holders import Holder, Holders
from .sealing import FORMAT, seal_templates
from .sms import SmsQueue
from .titles import TITLE_PATTERN, TitleRecord, Titles, availability_sms, holder_names, sms_state

log = logging.getLogger(__name__)

# Reminders: at most one a day and three per title, so a mis-click or a loop at the counter cannot flood
# the applicant's phone (nor the operator's SMS bill); the first notice is not counted.
REMINDER_GAP = timedelta(hours=24)
MAX_REMINDERS = 3

_NOT_WAITING = {
    "in_production": (409, "title_not_received", "this title has not been received at the mairie"),
    "sent": (409, "title_not_received", "this title has not been received at the mairie"),
    "handed_over": (409, "title_handed_over", "this title was already handed over to its holder"),
    "returned": (410, "title_returned", "this title was returned to the CERT for destruction"),
    "destroyed": (410, "title_overdue", "the 3 months to collect this title are over: return it to the CERT"),
    "unknown": (404, "title_unknown", "no title under this number"),
    "other_mairie": (403, "title_other_mairie", "this title is collected at another mairie"),
}


def _refusal(state: str) -> JSONResponse:
    return error(*_NOT_WAITING[state])


def _signed_by_the_agent(agents: AgentVerifier, raw: bytes, body: m.HandoverRequest,
                         mairie: str | None) -> JSONResponse | None:
    """Who handed the title over signed the record with their card: an agent of this mairie, the one the
    record names; a supervisor's override is signed by that supervisor (docs/cert-api.md, hand-over)."""
    try:
        agent = agents.check_record(raw, mairie, _now())
    except AgentRefused as exc:
        return error(exc.status, exc.code, exc.detail)
    if agent_id_of(agent) != body.agent_id:
        return error(403, "agent_mismatch", "the record is signed by another agent than the one it names")
    if body.decision == "supervisor_override" and not _is_supervisor(agent, body.supervisor_id):
        return error(403, "agent_role", "a supervisor's override is signed by that supervisor's card")
    return None


def _is_supervisor(agent: x509.Certificate, supervisor_id: str) -> bool:
    return role_of(agent) == "superviseur" and agent_id_of(agent) == supervisor_id


def _signed_by_the_supervisor(agents: AgentVerifier, raw: bytes, supervisor_id: str,
                              mairie: str | None) -> JSONResponse | None:
    """A supervisor's decision (a title sent back) is signed by that supervisor's card."""
    try:
        agent = agents.check_record(raw, mairie, _now())
    except AgentRefused as exc:
        return error(exc.status, exc.code, exc.detail)
    if not _is_supervisor(agent, supervisor_id):
        return error(403, "agent_role", "a supervisor's decision is signed by that supervisor's card")
    return None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _names(holder: Holder) -> dict:
    return {"surname": holder.surname, "given_names": holder.given_names, "usage_name": holder.usage_name}


def _inconsistent(body: m.HandoverRequest, holder: Holder | None) -> str | None:
    """Why this record cannot be right for this holder (in English), else None."""
    if holder is None:
        return "the CERT holds no enrolment data for this title: it cannot be handed over through this service"
    day = body.handed_over_at.date()
    age, check = holder.age_on(day), holder.fingerprint_check(day)
    if body.decision == "fingerprint_match" and (not check or not body.scores):
        return "fingerprint_match needs a holder with enrolled prints and the match scores"
    if body.decision == "supervisor_override" and not (body.supervisor_id.strip() and body.reason.strip()):
        return "supervisor_override needs supervisor_id and reason"
    if body.decision == "face_only_exception" and (age < 12 or holder.templates):
        return "face_only_exception is for a holder of 12 or more without any enrolled print"
    if body.decision == "face_only_minor_under_12" and age >= 12:
        return "face_only_minor_under_12 is for a holder under 12"
    if holder.minor(day) and body.parental_authority is None:
        return "a minor's title is handed over with a holder of parental authority: parental_authority"
    if body.old_title_cancelled and not body.old_title_number:
        return "old_title_cancelled needs old_title_number"
    if age >= 12 and not body.signature_png:
        return "the holder signs the hand-over from 12 years: signature_png"
    if body.signature_png:
        try:
            png = base64.b64decode(body.signature_png, validate=True)
        except ValueError:
            png = b""
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            return "signature_png is not a base64 PNG image"
    return None


def routes(api: APIRouter, titles: Titles, holders: Holders, deliveries: Deliveries, sms: SmsQueue,
           signer: ReceiptSigner | None, agents: AgentVerifier | None = None) -> None:
    def waiting(number: str, request: Request, allow_overdue: bool = False) -> TitleRecord | JSONResponse:
        if not TITLE_PATTERN.fullmatch(number):
            return error(400, "title_malformed", "a title number is 9 upper-case letters and digits")
        record = titles.get(number)
        if record is None:
            return _refusal("unknown")
        if record.mairie_insee != mairie_of(request):
            log.warning("title of another mairie", extra={"event": "cert.title_refused", "status": 403,
                                                         "station_id": station_of(request)})
            return _refusal("other_mairie")
        state = record.current(_now())
        return record if state == "received" or (allow_overdue and state == "destroyed") else _refusal(state)

    @api.get("/v1/titles/waiting", responses=documented(m.WaitingReply, 403),
             summary="Titles received at the caller's mairie, waiting for their holder")
    def titles_waiting(request: Request) -> JSONResponse:
        mairie, now = mairie_of(request), _now()
        if not mairie:
            return error(403, "no_mairie", "the client certificate names no mairie")
        out = [{"number": r.number, "kind": r.kind, "holder": holder_names(holders, r.number),
                "received_at": r.status_at.isoformat(), "collect_before": r.collect_before.isoformat(),
                "overdue": r.current(now) == "destroyed", "sms": sms_state(sms, r.number)}
               for r in titles.waiting(mairie) if r.collect_before is not None]
        return JSONResponse({"titles": out})

    @api.post("/v1/titles/{number}/reminder", responses=documented(m.ReminderReply, 400, 403, 404, 409, 410, 429),
              summary="Queue the availability SMS again (at most one a day, three per title)")
    def reminder(number: str, request: Request) -> JSONResponse:
        record = waiting(number, request)
        if isinstance(record, JSONResponse):
            return record
        now, state = _now(), sms_state(sms, number)
        if state["reminders"] >= MAX_REMINDERS:
            return error(409, "reminders_exhausted", f"{MAX_REMINDERS} reminders were already sent for this title")
        last = datetime.fromisoformat(state["last_queued_at"]) if state["last_queued_at"] else None
        if last is not None and now < last + REMINDER_GAP:
            return error(429, "reminder_too_soon", "one SMS a day at most for a title",
                         next_allowed_at=(last + REMINDER_GAP).isoformat())
        assert record.collect_before is not None
        with titles.db.tx() as c:
            SmsQueue.enqueue(c, f"reminder:{number}:{state['reminders'] + 1}", record.phone,
                             availability_sms(record, record.collect_before), now)
        sms.dispatch(now)
        state = sms_state(sms, number)
        left = state["reminders"] < MAX_REMINDERS
        return JSONResponse({"sms": state, "next_allowed_at": (now + REMINDER_GAP).isoformat() if left else None})

    @api.get("/v1/titles/{number}/holder", responses=documented(m.HolderReply, 400, 403, 404, 409, 410),
             summary="The holder's face photo and fingers, for the hand-over check")
    def holder(number: str, request: Request) -> JSONResponse:
        record = waiting(number, request)
        if isinstance(record, JSONResponse):
            return record
        h = holders.get(number)
        if h is None:
            return error(404, "holder_unknown", "the CERT holds no enrolment data for this title")
        today = _now().date()
        return JSONResponse({
            "number": number, "kind": record.kind, "holder": _names(h), "birth_date": h.birth_date.isoformat(),
            "photo_jpeg": base64.b64encode(h.photo).decode("ascii"),
            "fingers": [{"position": f.position, "exception": f.exception} for f in h.fingers],
            "enrolled_positions": sorted(h.templates), "fingerprint_check": h.fingerprint_check(today),
            "minor": h.minor(today), "under_12": h.age_on(today) < 12})

    @api.get("/v1/titles/{number}/templates", responses=documented(m.TemplatesReply, 400, 403, 404, 409, 410),
             summary="The enrolled templates, sealed for the requesting station's certificate key")
    def templates(number: str, request: Request) -> JSONResponse:
        record = waiting(number, request)
        if isinstance(record, JSONResponse):
            return record
        h, der = holders.get(number), certificate_of(request)
        if h is None:
            return error(404, "holder_unknown", "the CERT holds no enrolment data for this title")
        if der is None:
            return error(403, "no_client_identity", "no verified client certificate on this connection")
        try:
            sealed = seal_templates(der, number, h.templates, _now())
        except ValueError:
            return error(403, "station_key_unusable", "the station certificate key is not EC P-256")
        log.info("templates released", extra={"event": "cert.templates", "station_id": station_of(request),
                                              "count": len(h.templates)})
        return JSONResponse({"format": FORMAT, "sealed": base64.b64encode(sealed).decode("ascii")})

    def receipt_reply(done: HandoverReceipt, status: int) -> JSONResponse:
        assert signer is not None
        return JSONResponse({"receipt": base64.b64encode(done.receipt).decode("ascii"),
                             "signature": base64.b64encode(done.signature).decode("ascii"),
                             "certificate": signer.certificate_pem.decode("ascii")}, status_code=status)

    @api.post("/v1/titles/{number}/handover", openapi_extra=json_body(m.HandoverRequest),
              responses={**documented(m.HandoverReply, 400, 403, 404, 409, 410, 503),
                         200: {"model": m.HandoverReply, "description": "replay: the stored receipt"},
                         201: {"model": m.HandoverReply, "description": "recorded: a new signed receipt"}},
              summary="Record a title's hand-over to its holder (idempotent), for a signed receipt")
    async def handover(number: str, request: Request) -> JSONResponse:
        raw = await request.body()
        return handover_sync(number, request, raw)

    def handover_sync(number: str, request: Request, raw: bytes) -> JSONResponse:
        if not TITLE_PATTERN.fullmatch(number):
            return error(400, "title_malformed", "a title number is 9 upper-case letters and digits")
        body = read_body(raw, m.HandoverRequest, "handover_bad_request", "a hand-over record (docs/cert-api.md)")
        if isinstance(body, JSONResponse):
            return body
        if signer is None or agents is None:
            return error(503, "no_receipt_key", "this service has no receipt signing key or agent CA")
        record = titles.get(number)
        if record is not None and record.status == "received" and record.mairie_insee == mairie_of(request):
            if record.current(_now()) == "destroyed":
                return _refusal("destroyed")
            why = _inconsistent(body, holders.get(number))
            if why is not None:
                return error(400, "handover_inconsistent", why)
        refused = _signed_by_the_agent(agents, raw, body, mairie_of(request))
        if refused is not None:
            return refused
        station = station_of(request) or ""
        handed_at = body.handed_over_at.astimezone(UTC).replace(microsecond=0)
        digest = hashlib.sha256(raw).hexdigest()
        key = body.idempotency_key

        def make(at: datetime) -> tuple[bytes, bytes]:
            assert signer is not None
            data = handover_receipt_bytes(number, key, digest, station, at)
            return data, signer.sign(data)

        done = deliveries.hand_over(number, body.idempotency_key, station, mairie_of(request), digest,
                                    raw.decode("utf-8"), handed_at, make)
        if done == "key_conflict":
            return error(409, "handover_key_conflict", "this idempotency key was already used for another record")
        if isinstance(done, str):
            return _refusal(done)
        log.info("title handed over", extra={"event": "cert.handover", "station_id": station,
                                             "code": body.decision, "status": 201 if done.created else 200})
        return receipt_reply(done, 201 if done.created else 200)

    @api.post("/v1/titles/{number}/return", openapi_extra=json_body(m.ReturnRequest),
              responses=documented(m.ReturnReply, 400, 403, 404, 409, 410, 413, 503),
              summary="A supervisor records an uncollected title's return to the CERT for destruction")
    async def give_back(number: str, request: Request) -> JSONResponse:
        record = waiting(number, request, allow_overdue=True)
        if isinstance(record, JSONResponse):
            return record
        raw = await request.body()
        body = read_body(raw, m.ReturnRequest, "return_bad_request",
                         '{"supervisor_id": "...", "reason": "...", "agent_certificate", "agent_signature"}')
        if isinstance(body, JSONResponse):
            return body
        if agents is None:
            return error(503, "no_receipt_key", "this service has no agent CA")
        refused = _signed_by_the_supervisor(agents, raw, body.supervisor_id, mairie_of(request))
        if refused is not None:
            return refused
        now = _now()
        outcome = deliveries.give_back(number, station_of(request) or "", mairie_of(request), body.supervisor_id,
                                       body.reason, now)
        if outcome != "returned":
            return _refusal(outcome)
        log.info("title returned", extra={"event": "cert.title_returned", "station_id": station_of(request)})
        return JSONResponse({"number": number, "status": "returned", "returned_at": now.isoformat()})

