"""The audit trail sent to the CERT by the outbox's thread (docs/audit-trail.md, docs/cert-api.md "Audit
trail"): the entries the CERT does not hold yet, oldest first, in batches, with the outbox's backoff.

Exactly once without a key of its own: the CERT keeps an entry once per (station, number), so a batch sent
again after a lost reply stores nothing twice. Only the CERT's reply moves what the station counts as held
(`acked_seq`), and only held entries are ever purged, once past their retention: a cut anywhere means a
resend, never a lost entry.

The CERT's verdict on the chain (a gap, an edit) is its own business: it keeps the entries flagged and
raises the alert on its side; the station sends on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from enrollment.audit import FORMAT, AuditEntry
from enrollment.store import Store

from .errors import SyncError
from .lookup_calls import Service, call
from .replies import json_object

if TYPE_CHECKING:
    from .transport import CertClient

log = logging.getLogger(__name__)

AUDIT_PATH = "/v1/audit"
BATCH = 100  # entries per request: the CERT takes up to 200
PURGE_EVERY = timedelta(hours=1)  # the retention counts in days: no need to look every round
SERVICE = Service("audit", unreachable="audit.unreachable", refused="audit.refused",
                  refusals={"audit_bad_request": "audit.bad_request", "audit_other_station": "audit.other_station"})


def send_batch(client: CertClient, chain_id: str, entries: list[AuditEntry]) -> int:
    """POST one batch of chain `chain_id`; the number up to which the CERT now holds that chain."""
    body = {"format": FORMAT, "chain": chain_id, "entries": [e.fields() for e in entries]}
    reply = json_object(call(SERVICE, client, "POST", AUDIT_PATH, json=body), "audit.bad_reply")
    held = reply.get("held_up_to")
    if not isinstance(held, int) or isinstance(held, bool) or held < entries[-1].seq:
        raise SyncError.of("audit.bad_reply", retryable=True)  # the CERT must hold at least what it was sent
    alerts = reply.get("alerts")
    if isinstance(alerts, list) and alerts:  # what the CERT found in the chain, for the technician's ticket
        log.warning("the CERT flagged the audit trail", extra={"event": "audit.flagged", "count": len(alerts)})
    return held


class AuditQueue:
    """Another queue of the outbox's thread (sync/outbox.py `Queue`)."""

    def __init__(self, store: Store, client: CertClient, backoff_s: Callable[[int, bool], float]) -> None:
        self.store = store
        self.client = client
        self._backoff_s = backoff_s
        self._last_purge: datetime | None = None

    def run_once(self, now: datetime) -> int:
        """Send what is due, then purge what is past its retention. Returns 0: nothing any page shows
        changes (the window's listeners need not be told)."""
        state = self.store.audit.state()
        if state.unsent and (state.next_attempt_at is None or state.next_attempt_at <= now):
            self._send(now, state.chain_id, state.attempts)
        self._purge(now)
        return 0

    def _send(self, now: datetime, chain_id: str, attempts: int) -> None:
        while batch := self.store.audit.unsent(BATCH):
            try:
                held = send_batch(self.client, chain_id, batch)
            except SyncError as err:
                delay = self._backoff_s(attempts, err.retryable)
                self.store.audit.record_failure(err.code, now + timedelta(seconds=delay))
                log.warning("audit trail not sent", extra={"event": "audit.failed", "code": err.code,
                                                           "attempt": attempts + 1})
                return
            self.store.audit.acknowledge(held)
            log.info("audit trail sent", extra={"event": "audit.sent", "count": len(batch)})

    def _purge(self, now: datetime) -> None:
        last = self._last_purge
        if last is not None and timedelta(0) <= now - last < PURGE_EVERY:
            return
        self._last_purge = now
        purged = self.store.audit.purge(now)
        if purged:
            log.info("audit entries past their retention purged", extra={"event": "audit.purged", "count": purged})

    def next_attempt_at(self) -> datetime | None:
        """When there is something to send: now (or when the backoff says); else None."""
        state = self.store.audit.state()
        if not state.unsent:
            return None
        return state.next_attempt_at or datetime.now(UTC)

    def retry_now(self, now: datetime) -> None:
        self.store.audit.retry_now(now)
