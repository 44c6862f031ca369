"""The station's title delivery calls at the CERT (docs/cert-api.md, "Title delivery"): titles waiting at
the mairie, the availability SMS again, the holder to expect, the enrolled templates (sealed for this
station, opened here with the station key), the hand-over record for a signed receipt, and the return of
an uncollected title. Scanning an envelope is `sync.lookups.register_envelope`.

Each refusal of the CERT becomes a French `SyncError` saying what to do next; replies are checked against
their published shape (sync/delivery_replies.py). All block on HTTPS: call them off the GUI thread. Title
numbers and names are never logged.

A hand-over is sent exactly once: `handover_body` gives the same bytes for the same record, so the
station keeps the record, sends it again after a lost reply and gets the same receipt back, and may purge
what it holds of the title only once `record_handover` has verified that receipt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization

from .delivery_replies import (
    HolderCheck,
    Reminder,
    Returned,
    SealedTemplates,
    SignedReply,
    WaitingTitle,
    WaitingTitles,
    open_templates,
    validated,
)
from .errors import SyncError
from .lookup_calls import Service, call
from .lookups import TITLE, normalise
from .package.agent_signer import AgentSigner
from .receipts import SignedReceipt, verify_receipt
from .replies import json_object
from .transport import CertClient

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

DECISIONS = ("fingerprint_match", "supervisor_override", "face_only_exception", "face_only_minor_under_12")

# The CERT's error codes -> ours (sync/strings/). None is retryable but `reminder_too_soon`'s wait.
_REFUSALS = {
    "title_malformed": "title.malformed", "title_unknown": "title.unknown",
    "title_other_mairie": "delivery.other_mairie", "no_mairie": "delivery.other_mairie",
    "title_not_received": "delivery.not_received", "title_handed_over": "delivery.handed_over",
    "title_returned": "delivery.returned", "title_overdue": "delivery.overdue",
    "holder_unknown": "delivery.no_holder", "station_key_unusable": "delivery.templates_unreadable",
    "reminders_exhausted": "delivery.reminders_exhausted", "handover_inconsistent": "delivery.inconsistent",
    "handover_bad_request": "delivery.bad_request", "return_bad_request": "delivery.bad_request",
    "handover_key_conflict": "delivery.key_conflict", "no_receipt_key": "delivery.unreachable",
}
SERVICE = Service("delivery", unreachable="delivery.unreachable", refused="delivery.refused", refusals=_REFUSALS)


@dataclass(frozen=True)
class ParentalAuthority:
    surname: str
    given_names: str
    link: str  # "mother" | "father" | "guardian" | ...
    id_document: str  # kind and number of the document shown


@dataclass(frozen=True)
class HandoverRecord:
    """What the station records when the holder leaves with the title (docs/cert-api.md, hand-over)."""

    idempotency_key: str  # fixed once per hand-over, kept with the record until the receipt is verified
    agent_id: str
    handed_over_at: datetime  # aware
    decision: str  # one of DECISIONS
    scores: dict[str, int] = field(default_factory=dict)  # by finger position
    reason: str = ""
    supervisor_id: str = ""
    parental_authority: ParentalAuthority | None = None
    old_title_number: str | None = None
    old_title_cancelled: bool = False
    signature_png: bytes | None = None


@dataclass(frozen=True)
class HandoverReceipt:
    """The verified receipt: once held, the station may purge what it keeps of this hand-over."""

    title_number: str
    idempotency_key: str
    record_sha256: str
    handed_over_at: datetime
    receipt: bytes  # exactly as signed
    signature: bytes
    first: bool  # False: the CERT had already recorded it (a resend after a lost reply)


def handover_body(record: HandoverRecord, agent: AgentSigner) -> bytes:
    """The request body, signed by the agent's card (`agent`; by the supervisor's for an override): the
    record's canonical JSON (sorted keys, no spaces, UTF-8) with `agent_certificate`, signed, then the same
    JSON with `agent_signature` added. Kept as bytes in the delivery queue, so a resend is the same request
    (the receipt's digest names it) and needs no card."""
    if record.decision not in DECISIONS or record.handed_over_at.tzinfo is None:
        raise SyncError.of("delivery.bad_request", retryable=False)
    return _signed(_record_fields(record), agent)


def _signed(fields: dict, agent: AgentSigner) -> bytes:
    """`fields` with `agent_certificate`, signed by the card over their canonical JSON, then the same JSON
    with `agent_signature` added (docs/cert-api.md: hand-overs and supervisors' decisions)."""
    fields = {**fields,
              "agent_certificate": agent.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")}
    fields["agent_signature"] = base64.b64encode(agent.sign(_canonical(fields))).decode("ascii")
    return _canonical(fields)


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _record_fields(record: HandoverRecord) -> dict:
    pa = record.parental_authority
    return {
        "idempotency_key": record.idempotency_key, "agent_id": record.agent_id,
        "handed_over_at": record.handed_over_at.isoformat(), "decision": record.decision,
        "scores": [{"position": p, "score": s} for p, s in sorted(record.scores.items())],
        "reason": record.reason, "supervisor_id": record.supervisor_id,
        "parental_authority": None if pa is None else {"surname": pa.surname, "given_names": pa.given_names,
                                                       "link": pa.link, "id_document": pa.id_document},
        "old_title_number": record.old_title_number, "old_title_cancelled": record.old_title_cancelled,
        "signature_png": None if record.signature_png is None else base64.b64encode(record.signature_png).decode(),
    }


def fetch_waiting_titles(client: CertClient) -> list[WaitingTitle]:
    """The titles received at this station's mairie and not yet handed over nor returned, oldest first."""
    return validated(WaitingTitles, _json(call(SERVICE, client, "GET", "/v1/titles/waiting"))).titles


def send_reminder(client: CertClient, number: str) -> Reminder:
    """Queue the availability SMS again; at most one a day (`delivery.reminder_too_soon` says until when)."""
    number = normalise(number, TITLE, "title.malformed")
    response = call(SERVICE, client, "POST", f"/v1/titles/{number}/reminder", accept=frozenset({"reminder_too_soon"}))
    body = _json(response)
    if response.status_code != 200:
        try:
            when = datetime.fromisoformat(str(body.get("next_allowed_at"))).astimezone()
        except ValueError as exc:
            raise SyncError.of("delivery.bad_reply", retryable=True) from exc
        raise SyncError.of("delivery.reminder_too_soon", retryable=True, when=f"{when:%d/%m/%Y %H:%M}")
    log.info("reminder queued", extra={"event": "delivery.reminder"})
    return validated(Reminder, body)


def fetch_holder(client: CertClient, number: str) -> HolderCheck:
    number = normalise(number, TITLE, "title.malformed")
    holder = validated(HolderCheck, _json(call(SERVICE, client, "GET", f"/v1/titles/{number}/holder")))
    if holder.number != number:
        raise SyncError.of("delivery.bad_reply", retryable=True)
    return holder


def fetch_templates(client: CertClient, number: str) -> dict[str, bytes]:
    """The enrolled ISO/IEC 19794-2 templates by finger position, opened with this station's key."""
    number = normalise(number, TITLE, "title.malformed")
    sealed = validated(SealedTemplates, _json(call(SERVICE, client, "GET", f"/v1/titles/{number}/templates")))
    return open_templates(sealed.sealed, number, client.settings.client_cert, client.settings.client_key)


def record_handover(client: CertClient, number: str, record: HandoverRecord, agent: AgentSigner,
                    trust_anchor_pem: bytes | None = None) -> HandoverReceipt:
    """Sign and send the hand-over, and verify the receipt against the CERT root (`trust_anchor_pem`, by
    default the transport's trust anchor). A resend after a lost reply goes through `send_handover_body`
    with the bytes kept: same request, same receipt."""
    return send_handover_body(client, number, handover_body(record, agent), trust_anchor_pem)


def send_handover_body(client: CertClient, number: str, body: bytes,
                       trust_anchor_pem: bytes | None = None) -> HandoverReceipt:
    """`record_handover` for a body kept as `handover_body` made it (the station's delivery queue keeps the
    bytes, so a resend after a cut is the same request)."""
    number = normalise(number, TITLE, "title.malformed")
    try:
        key = str(json.loads(body)["idempotency_key"])
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncError.of("delivery.bad_request", retryable=False) from exc
    response = call(SERVICE, client, "POST", f"/v1/titles/{number}/handover", data=body,
                    headers={"Content-Type": "application/json"})
    return _receipt(response.status_code, _json(response), number, key, hashlib.sha256(body).hexdigest(),
                    trust_anchor_pem or client.settings.trust_anchor.read_bytes())


def return_title(client: CertClient, number: str, supervisor_id: str, reason: str, supervisor: AgentSigner
                 ) -> Returned:
    """A supervisor sends an uncollected title back to the CERT for destruction, the request signed by their
    card (`supervisor`) as a hand-over record is. Blocking (the card signs): off the GUI thread."""
    number = normalise(number, TITLE, "title.malformed")
    if not supervisor_id.strip() or not reason.strip():
        raise SyncError.of("delivery.bad_request", retryable=False)
    signed = _signed({"supervisor_id": supervisor_id, "reason": reason}, supervisor)
    body = _json(call(SERVICE, client, "POST", f"/v1/titles/{number}/return", data=signed,
                      headers={"Content-Type": "application/json"}))
    log.info("title returned", extra={"event": "delivery.returned"})
    return validated(Returned, body)


def _receipt(status: int, body: dict, number: str, idempotency_key: str, digest: str,
             anchor: bytes) -> HandoverReceipt:
    reply = validated(SignedReply, body)
    try:
        signed = SignedReceipt(base64.b64decode(reply.receipt, validate=True),
                               base64.b64decode(reply.signature, validate=True), reply.certificate.encode(), status)
    except (binascii.Error, ValueError) as exc:
        raise SyncError.of("delivery.bad_reply", retryable=True) from exc
    try:
        verified = verify_receipt(signed, anchor, idempotency_key, digest)
        kind = json.loads(signed.receipt).get("kind")
    except SyncError as exc:
        raise SyncError.of("delivery.receipt_invalid", retryable=True) from exc
    if kind != "title_handover" or verified.cert_number != number:
        raise SyncError.of("delivery.receipt_invalid", retryable=True)
    log.info("hand-over acknowledged", extra={"event": "delivery.handover", "status": status})
    return HandoverReceipt(number, idempotency_key, digest, verified.received_at, signed.receipt,
                           signed.signature, first=status == 201)


def _json(response: requests.Response) -> dict:
    return json_object(response, "delivery.bad_reply")
