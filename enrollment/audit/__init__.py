"""The station's audit trail: what agents did, append-only and hash-chained, without personal data
(docs/audit-trail.md). The entries are kept by the store (enrollment/store/audit.py) and sent to the CERT
by the outbox's thread (sync/audit_queue.py)."""

from __future__ import annotations

from .chain import BreakKind, ChainBreak, ChainEnds, first_break
from .entry import FORMAT, GENESIS, AuditEntry, AuditEvent, chained, entry_hash

__all__ = ["FORMAT", "GENESIS", "AuditEntry", "AuditEvent", "BreakKind", "ChainBreak", "ChainEnds", "chained",
           "entry_hash", "first_break"]
