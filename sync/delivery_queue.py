"""Title delivery operations through the store's queue (enrollment/store/deliveries.py), sent by the outbox's
thread: a scanned envelope, or a hand-over record, is written to the store first and sent to the CERT
after, so what is done at the counter while the CERT is unreachable is not lost and leaves when it is back.
A hand-over's bytes are fixed when it is queued: a resend after a lost reply is the same request under the
same idempotency key, and gets the same signed receipt; only that verified receipt removes what the
station held of the title (its templates, its waiting entry), in the receipt's own transaction.

Exactly once: the store keeps one operation per envelope, and the CERT registers an envelope once (its
second registration answers "already received" and sends no SMS). When a resend after a lost answer meets
that "already received", it is this operation's own first registration, and is recorded as done.

Only the CERT's verdict on the envelope itself (unknown, another mairie's, not sent yet…) ends an operation
as refused; any other failure (network, the station's certificate, an unexpected reply) leaves it queued,
retried with the outbox's backoff."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from enrollment.store import Delivery, DeliveryKind, Store

from .delivery import HandoverReceipt, HandoverRecord, handover_body, send_handover_body
from .envelope_barcode import parse_envelope
from .errors import SyncError
from .lookups import EnvelopeReception, register_envelope
from .package.agent_signer import AgentSigner
from .transport import CertClient

log = logging.getLogger(__name__)

# Refusal codes that are the CERT's verdict on the envelope or its title: retrying cannot change them. A
# hand-over is never refused for good here: it stays queued (retried at the longest interval) until the
# CERT's receipt, and the agent or support settles what the CERT objects to.
FINAL = frozenset({"envelope.malformed", "envelope.unknown", "envelope.not_sent", "title.malformed", "title.unknown",
                   "delivery.other_mairie", "delivery.handed_over", "delivery.returned"})


@dataclass(frozen=True)
class Scan:
    """What the reception page shows of one scan: the store's operation and, once answered, the CERT's."""

    delivery: Delivery
    new: bool  # False: this envelope had already been scanned here; nothing was queued again

    @property
    def answer(self) -> dict[str, Any] | None:
        return json.loads(self.delivery.result) if self.delivery.result else None


class DeliveryQueue:
    def __init__(self, store: Store, client: CertClient, backoff_s: Callable[[int, bool], float],
                 answer_retention: timedelta) -> None:
        self.store = store
        self.client = client
        self._backoff_s = backoff_s
        self._retention = answer_retention

    def scan_envelope(self, text: str) -> Scan:
        """Queue the registration of a scanned (or typed) envelope barcode; SyncError in French when it is not
        an envelope's barcode or was misread. A second scan of the same envelope queues nothing."""
        barcode = parse_envelope(text)
        delivery, new = self.store.deliveries.enqueue(DeliveryKind.ENVELOPE, barcode,
                                                      json.dumps({"barcode": barcode}).encode())
        log.info("envelope scanned", extra={"event": "delivery.envelope_scanned", "code": "new" if new else "repeat"})
        return Scan(delivery, new)

    def queue_handover(self, number: str, record: HandoverRecord, agent: AgentSigner) -> Delivery:
        """Sign the hand-over record with the agent's card and write it before it is sent (its bytes fixed
        now: a resend is the same request, with no card); the title's templates and waiting entry go only
        with the CERT's verified receipt. Blocking (the card signs): off the GUI thread."""
        delivery, _ = self.store.deliveries.enqueue(DeliveryKind.HANDOVER, number, handover_body(record, agent))
        log.info("hand-over queued", extra={"event": "delivery.handover_queued"})
        return delivery

    def run_once(self, now: datetime) -> int:
        """Send every due operation; returns how many the CERT answered (registered or refused)."""
        answered = 0
        for delivery in self.store.deliveries.due(now):
            answered += self._send(delivery, now)
        self.store.deliveries.forget(now - self._retention)
        return answered

    def next_attempt_at(self) -> datetime | None:
        return self.store.deliveries.next_attempt_at()

    def retry_now(self, now: datetime) -> None:
        self.store.deliveries.retry_all_now(now)

    def _send(self, delivery: Delivery, now: datetime) -> bool:
        self.store.deliveries.start_try(delivery.id)
        try:
            if delivery.kind is DeliveryKind.HANDOVER:
                receipt = send_handover_body(self.client, delivery.title_ref, delivery.payload or b"")
                self.store.deliveries.complete_handover(delivery.id, delivery.title_ref, _receipt(receipt))
                log.info("hand-over acknowledged", extra={"event": "delivery.handover_acknowledged",
                                                          "code": "first" if receipt.first else "again"})
                return True
            reception = register_envelope(self.client, delivery.title_ref)
        except SyncError as err:
            if err.code in FINAL and delivery.kind is DeliveryKind.ENVELOPE:
                self.store.deliveries.refuse(delivery.id, err.code)
                log.info("envelope refused", extra={"event": "delivery.refused", "code": err.code})
                return True
            delay = self._backoff_s(delivery.attempts, err.retryable)
            self.store.deliveries.record_failure(delivery.id, err.code, now + timedelta(seconds=delay))
            log.warning("delivery not answered yet", extra={"event": f"delivery.{delivery.kind.value}_failed",
                                                            "code": err.code, "attempt": delivery.attempts + 1})
            return False
        self.store.deliveries.complete(delivery.id, _answer(reception, resent=delivery.attempts > 0))
        log.info("envelope registered", extra={"event": "delivery.registered",
                                               "code": "first" if reception.first_scan else "already"})
        return True


def _answer(reception: EnvelopeReception, resent: bool) -> bytes:
    """The CERT's answer as the page reads it. `repeat`: the envelope had been registered before this
    operation, by another scan (here before the store forgot it, or on another station), not by a lost
    answer to this one's own earlier try."""
    holder, sms = reception.holder, reception.sms
    fields = {"title": asdict(reception.title), "first_scan": reception.first_scan,
              "repeat": not reception.first_scan and not resent,
              "holder": holder.model_dump(mode="json") if holder else None,
              "sms": sms.model_dump(mode="json") if sms else None}
    return json.dumps(fields, default=_iso).encode()


def _receipt(receipt: HandoverReceipt) -> bytes:
    """The verified receipt as kept: its signed bytes, so that it can be shown or checked again."""
    return json.dumps({"receipt": base64.b64encode(receipt.receipt).decode(),
                       "signature": base64.b64encode(receipt.signature).decode(),
                       "handed_over_at": receipt.handed_over_at.isoformat(), "first": receipt.first}).encode()


def _iso(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(type(value).__name__)
