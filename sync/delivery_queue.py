"""Title delivery operations through the store's queue (enrollment/store/deliveries.py), sent by the outbox's
thread: a scanned envelope is written to the store first and registered at the CERT after, so a scan made
while the CERT is unreachable is not lost and leaves (with the applicant's SMS) when it is back.

Exactly once: the store keeps one operation per envelope, and the CERT registers an envelope once (its
second registration answers "already received" and sends no SMS). When a resend after a lost answer meets
that "already received", it is this operation's own first registration, and is recorded as done.

Only the CERT's verdict on the envelope itself (unknown, another mairie's, not sent yet…) ends an operation
as refused; any other failure (network, the station's certificate, an unexpected reply) leaves it queued,
retried with the outbox's backoff."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from enrollment.store import Delivery, DeliveryKind, Store

from .envelope_barcode import parse_envelope
from .errors import SyncError
from .lookups import EnvelopeReception, register_envelope
from .transport import CertClient

log = logging.getLogger(__name__)

# Refusal codes that are the CERT's verdict on the envelope or its title: retrying cannot change them.
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
            reception = register_envelope(self.client, delivery.title_ref)
        except SyncError as err:
            if err.code in FINAL:
                self.store.deliveries.refuse(delivery.id, err.code)
                log.info("envelope refused", extra={"event": "delivery.refused", "code": err.code})
                return True
            delay = self._backoff_s(delivery.attempts, err.retryable)
            self.store.deliveries.record_failure(delivery.id, err.code, now + timedelta(seconds=delay))
            log.warning("envelope not registered yet", extra={"event": "delivery.failed", "code": err.code,
                                                              "attempt": delivery.attempts + 1})
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


def _iso(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(type(value).__name__)
