"""The visible outbox: what the agent (and `station outbox`) reads about dossiers waiting for the CERT.

One summary, built from the store's `OutboxStatus` and the configured alert delay, feeds the window's
header, the home page, the transmissions page and the command line, so they can never disagree. It holds
counts, times and the French texts of known errors only: no dossier content, no applicant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from enrollment.store import OutboxStatus, Store

from .strings import message


@dataclass(frozen=True)
class OutboxSummary:
    count: int
    oldest_queued_at: datetime | None
    oldest_age: timedelta | None
    last_error_code: str | None
    last_error_message: str | None  # French, written by the sync layer for the agent
    alert_after: timedelta
    overdue: bool  # the oldest waiting dossier has waited longer than `alert_after`

    @property
    def headline(self) -> str:
        """"3 dossiers en attente d'envoi, le plus ancien depuis 2 h 15" (or that nothing waits)."""
        if self.count == 0 or self.oldest_age is None:
            return message("outbox.empty")
        if self.count == 1:
            return message("outbox.pending_one", age=format_duration(self.oldest_age))
        return message("outbox.pending_many", count=self.count, age=format_duration(self.oldest_age))

    @property
    def error_line(self) -> str | None:
        if self.count == 0 or not self.last_error_message:
            return None
        return message("outbox.last_error", error=self.last_error_message)

    @property
    def alert_line(self) -> str | None:
        return message("outbox.alert", delay=format_duration(self.alert_after)) if self.overdue else None

    def lines(self) -> list[str]:
        """What the transmissions page and the command line show, most urgent first."""
        return [line for line in (self.alert_line, self.headline, self.error_line) if line]

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "oldest_queued_at": self.oldest_queued_at.isoformat() if self.oldest_queued_at else None,
            "oldest_age_s": round(self.oldest_age.total_seconds()) if self.oldest_age is not None else None,
            "overdue": self.overdue,
            "alert_after_minutes": round(self.alert_after.total_seconds() / 60),
            "last_error": ({"code": self.last_error_code, "message": self.last_error_message}
                           if self.count and self.last_error_code else None),
            "lines": self.lines(),
        }


def summarise(status: OutboxStatus, alert_after_minutes: int, now: datetime) -> OutboxSummary:
    alert_after = timedelta(minutes=alert_after_minutes)
    oldest = status.oldest_queued_at if status.count else None
    # A queued_at ahead of `now` (clock set back) counts as just queued rather than a negative age.
    age = max(timedelta(0), now - oldest) if oldest is not None else None
    return OutboxSummary(
        count=status.count,
        oldest_queued_at=oldest,
        oldest_age=age,
        last_error_code=status.last_error_code,
        last_error_message=status.last_error_message,
        alert_after=alert_after,
        overdue=age is not None and age > alert_after,
    )


def read_summary(store: Store, alert_after_minutes: int, now: datetime | None = None) -> OutboxSummary:
    """The summary as the store stands now (two quick SQLCipher reads: fine on the GUI thread)."""
    return summarise(store.outbox.status(), alert_after_minutes, now or datetime.now(UTC))


def format_duration(span: timedelta) -> str:
    """French agent-facing duration, rounded down: "moins d'une minute", "45 min", "2 h 15", "3 j 4 h"."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return message("outbox.age.now")
    if minutes < 60:
        return message("outbox.age.minutes", minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes == 0:
            return message("outbox.age.hours", hours=hours)
        return message("outbox.age.hours_minutes", hours=hours, minutes=minutes)
    days, hours = divmod(hours, 24)
    if hours == 0:
        return message("outbox.age.days", days=days)
    return message("outbox.age.days_hours", days=days, hours=hours)
