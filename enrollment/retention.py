"""How long the store keeps what it keeps about a dossier outside the outbox: the domain's retention policy.

The station's configuration may change these (`[store] draft_retention_days`, `[outbox]
receipt_retention_days`); this class is where their defaults live, and the only place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Retention:
    # Days a draft (draft or complete) may stay untouched before it is deleted with its captures: long
    # enough for an applicant to come back with a missing document, short enough that abandoned
    # applications do not pile up personal data.
    draft_retention_days: int = 30
    # Days a purged dossier's minimal receipt (number, date, agent) is kept, and a deleted draft's record
    # with it, before the store forgets them.
    receipt_retention_days: int = 30
    # Hours the CERT's answer to a delivery operation (a received envelope: title kind, holder's name, SMS
    # state) is kept for the reception page, which lists the day's envelopes; then it goes.
    delivery_answer_retention_hours: int = 24
