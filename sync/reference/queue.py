"""Refreshing the reference lists from the outbox's thread (sync/outbox.py `Queue`): at its first round (the
station's start), then every `every`, sooner after a failure (the outbox's backoff). It shares the outbox's
CERT session; a failure only logs and waits, the lists held stay in force."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import SyncError
from ..periodic import Periodic
from .cache import ReferenceCache
from .fetch import refresh

if TYPE_CHECKING:
    from ..transport import CertClient

log = logging.getLogger(__name__)


class ReferenceQueue:
    def __init__(self, cache: ReferenceCache, client: CertClient, every: timedelta,
                 backoff_s: Callable[[int, bool], float]) -> None:
        self.cache = cache
        self.client = client
        self.schedule = Periodic(every, backoff_s)

    def run_once(self, now: datetime) -> int:
        if not self.schedule.due(now):
            return 0
        try:
            outcome = refresh(self.client, self.cache, now)
        except SyncError as exc:
            self.schedule.failed(now, exc.retryable)
            log.warning("reference lists not refreshed", extra={"event": "reference.refresh_failed",
                                                                "code": exc.code, "attempt": self.schedule.failures})
            return 0
        self.schedule.succeeded(now)
        return sum(1 for v in outcome.values() if v is True)  # a new list: the pages showing it are told

    def next_attempt_at(self) -> datetime | None:
        return self.schedule.next_at()

    def retry_now(self, now: datetime) -> None:
        self.schedule.now()
