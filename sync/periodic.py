"""When a periodic task of the outbox's thread is next due (the heartbeat, the reference lists' refresh): at
its first round, then every `every` after a success; after a failure, at the outbox's backoff, never later
than `every`, so that a CERT back up is seen at the next interval at the latest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta


class Periodic:
    def __init__(self, every: timedelta, backoff_s: Callable[[int, bool], float]) -> None:
        self.every = every
        self._backoff_s = backoff_s
        self._next: datetime | None = None  # None: due at once
        self.failures = 0  # in a row, since the last success

    def due(self, now: datetime) -> bool:
        return self._next is None or now >= self._next

    def succeeded(self, now: datetime) -> None:
        self.failures = 0
        self._next = now + self.every

    def failed(self, now: datetime, retryable: bool) -> None:
        delay = min(self._backoff_s(self.failures, retryable), self.every.total_seconds())
        self.failures += 1
        self._next = now + timedelta(seconds=delay)

    def wait_interval(self, now: datetime) -> None:
        """Not tried this time for a reason of the station's own: again in a whole interval."""
        self._next = now + self.every

    def next_at(self) -> datetime:
        return self._next or datetime.now(UTC)

    def now(self) -> None:
        """Due at the next round (the agent asked to retry)."""
        self._next = None
