"""The outbox worker: sends queued dossiers, verifies the CERT's receipt, and only then purges.

One round (`run_once`) is: finish any purge a crash interrupted, then for each due dossier send → mark
sent → verify the receipt → acknowledge → purge. Each store step is its own transaction and a resend
reuses the idempotency key, so a crash anywhere leaves a state the next round completes without ever
creating a second dossier at the CERT.

Failures are retried with exponential backoff and full jitter (delay drawn uniformly in
[0, min(max, base·2^attempts)]), so stations coming back after a CERT outage do not all call at once.
Refusals that waiting will not fix (409, 400, 403) are still retried, at the longest interval: the
dossier must never be dropped, and support may fix the cause on either side.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from enrollment.store import OutboxItem, Store

from .errors import SyncError
from .receipts import SignedReceipt, verify_receipt
from .settings import OutboxSettings

log = logging.getLogger(__name__)


class Sender(Protocol):
    """What the worker needs from the transport (CertClient, or a test double injecting faults)."""

    def send(self, item: OutboxItem) -> SignedReceipt: ...


class Queue(Protocol):
    """Another queue of the store this thread serves after the dossiers (sync/delivery_queue.py): one
    sender per station keeps one CERT session and one backoff."""

    def run_once(self, now: datetime) -> int: ...

    def next_attempt_at(self) -> datetime | None: ...

    def retry_now(self, now: datetime) -> None: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


class OutboxWorker:
    def __init__(
        self,
        store: Store,
        client: Sender,
        settings: OutboxSettings | None = None,
        clock: Callable[[], datetime] = _utc_now,
        *,
        trust_anchor_pem: bytes,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.settings = settings or OutboxSettings()
        self.clock = clock
        self._anchor = trust_anchor_pem
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_sweep: datetime | None = None
        # Called (on this worker's thread) after each dossier it tried to send and each round of another
        # queue that got answers, so a window can refresh at once instead of polling; a listener must be
        # quick and must not raise.
        self.listeners: list[Callable[[], None]] = []
        self.queues: list[Queue] = []
        # Called with the ids of the drafts a sweep deleted for age (the station records them in its audit
        # trail); must not raise.
        self.drafts_expired: list[Callable[[list[str]], None]] = []

    # One round ----------------------------------------------------------------------------------------

    def run_once(self, now: datetime | None = None) -> int:
        """Do one round; returns how many dossiers were purged (acknowledged and deleted) in it."""
        now = now or self.clock()
        purged = 0
        for dossier_id in self.store.outbox.acknowledged_not_purged():
            self.store.outbox.purge(dossier_id)
            log.info("purge completed after restart",
                     extra={"event": "sync.purged", "dossier_id": dossier_id})
            purged += 1
        for item in self.store.outbox.due(now, limit=self.settings.batch_size):
            if self._stopping.is_set():
                break
            if self._deliver(item, now):
                purged += 1
            self._tell_listeners()
        for queue in self.queues:
            if self._stopping.is_set():
                break
            if queue.run_once(now):
                self._tell_listeners()
        self.sweep(now)
        return purged

    def _tell_listeners(self) -> None:
        for listener in list(self.listeners):
            listener()

    def sweep(self, now: datetime | None = None) -> None:
        """Forget receipts and deleted drafts' records older than their retention and delete drafts untouched
        for longer than theirs, at most once per sweep interval (or after a clock step backwards, which would
        otherwise postpone the next sweep by the size of the step). The station runs one at start-up, before
        any screen lists drafts; the rounds then take over."""
        now = now or self.clock()
        s = self.settings
        last = self._last_sweep
        if last is not None and timedelta(0) <= now - last < timedelta(seconds=s.receipt_sweep_s):
            return
        self._last_sweep = now
        count = self.store.outbox.expire_receipts(now - timedelta(days=s.receipt_retention_days))
        if count:
            log.info("expired receipts forgotten", extra={"event": "sync.receipts_expired", "count": count})
        # A deleted draft's record (id, agent, reason) is kept as long as a purged dossier's receipt.
        self.store.discards.forget(now - timedelta(days=s.receipt_retention_days))
        expired = self.store.discards.expire_drafts(now - timedelta(days=s.draft_retention_days))
        if expired:
            log.info("expired drafts deleted", extra={"event": "drafts.expired", "count": len(expired)})
            for hook in self.drafts_expired:
                hook(expired)

    def _deliver(self, item: OutboxItem, now: datetime) -> bool:
        started = time.monotonic()
        try:
            signed = self.client.send(item)
            self.store.outbox.mark_sent(item.dossier_id)
            receipt = verify_receipt(signed, self._anchor, item.idempotency_key, item.package_sha256,
                                     dossier_id=item.dossier_id)
        except SyncError as err:
            delay = self.backoff_s(item.attempts, err.retryable)
            self.store.outbox.record_failure(item.dossier_id, err.code, err.message,
                                             now + timedelta(seconds=delay))
            log.warning("send failed", extra={
                "event": "sync.failed", "dossier_id": item.dossier_id, "code": err.code,
                "attempt": item.attempts + 1, "duration_ms": _ms(started)})
            return False
        # The receipt is verified: from here the CERT is the dossier's keeper.
        self.store.outbox.acknowledge(receipt)
        self.store.outbox.purge(item.dossier_id)
        log.info("dossier acknowledged and purged", extra={
            "event": "sync.acknowledged", "dossier_id": item.dossier_id, "code": receipt.cert_number,
            "status": signed.status, "attempt": item.attempts + 1, "duration_ms": _ms(started)})
        return True

    def backoff_s(self, attempts: int, retryable: bool) -> float:
        """Delay before the next attempt after `attempts` earlier failures (this one not counted)."""
        s = self.settings
        if not retryable:
            return s.max_delay_s
        ceiling = min(s.max_delay_s, s.base_delay_s * 2 ** min(attempts, 32))
        return self._rng.uniform(0, ceiling)

    # Background thread --------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="outbox-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run a round now (called right after sealing, so the agent sees the dossier leave at once)."""
        self._wake.set()

    def retry_now(self) -> None:
        """The agent's "send now": forget the backoff of everything waiting and run a round."""
        now = self.clock()
        self.store.outbox.retry_all_now(now)
        for queue in self.queues:
            queue.retry_now(now)
        self.wake()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop after the current dossier; a send in flight finishes (or times out) first."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:  # a store or programming error must not kill the sender for good
                log.exception("outbox round failed", extra={"event": "sync.round_failed"})
            self._wake.wait(self._seconds_to_next())
            self._wake.clear()

    def _seconds_to_next(self) -> float:
        s = self.settings
        try:
            due = [self.store.outbox.next_attempt_at(), *(queue.next_attempt_at() for queue in self.queues)]
        except Exception:
            return s.idle_poll_s
        nxt = min((at for at in due if at is not None), default=None)
        if nxt is None:
            return s.idle_poll_s
        return max(s.min_wait_s, min(s.idle_poll_s, (nxt - self.clock()).total_seconds()))


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
