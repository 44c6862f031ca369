"""How long the store keeps what it keeps about a dossier outside the outbox: the domain's retention policy.

The station's configuration may change these (`[store] draft_retention_days`, `[outbox]
receipt_retention_days`, `[audit] retention_days`); this class is where their defaults live, and the only place."""

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
    # Days an audit entry stays on the station once the CERT holds it (docs/audit-trail.md). A year: the
    # CNIL recommends keeping traceability logs six months to a year, a year covers a mairie's yearly review
    # and an incident found months later, and the CERT keeps its own copy for as long as TES's access logs
    # (5 years, domain.md). An entry the CERT does not hold yet is kept, however old.
    audit_retention_days: int = 365
