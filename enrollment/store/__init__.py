"""The station's encrypted store (SQLCipher): drafts, the outbox, the receipts kept after purge, the
records of drafts deleted unsealed, the title delivery operations waiting for the CERT, and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from .audit import AuditLog, AuditState
from .database import Database
from .deliveries import Delivery, DeliveryKind, DeliveryRepository, DeliveryState
from .discards import ABANDON_REASONS, Discard, DiscardReason, DiscardRepository
from .dossiers import DossierRepository, DossierSummary
from .keys import KEY_BYTES, FileKeyProvider, KeyProvider, KeyringKeyProvider
from .outbox import OutboxItem, OutboxRepository, OutboxStatus, Receipt
from .title_templates import TitleTemplates
from .waiting_titles import WaitingTitleCache


class Store:
    def __init__(self, path: Path, key_provider: KeyProvider, today: Callable[[], date] = date.today) -> None:
        """`today` is the date the workflow's rules are judged on when a complete dossier is saved."""
        self.db = Database(path, key_provider.get_key())
        self.dossiers = DossierRepository(self.db, today)
        self.outbox = OutboxRepository(self.db, self.dossiers)
        self.discards = DiscardRepository(self.db)
        self.deliveries = DeliveryRepository(self.db)
        self.waiting_titles = WaitingTitleCache(self.db)
        self.title_templates = TitleTemplates(self.db)
        self.audit = AuditLog(self.db)

    def close(self) -> None:
        self.db.close()


__all__ = [
    "ABANDON_REASONS",
    "AuditLog",
    "AuditState",
    "Delivery",
    "DeliveryKind",
    "DeliveryRepository",
    "DeliveryState",
    "Discard",
    "DiscardReason",
    "KEY_BYTES",
    "DossierSummary",
    "FileKeyProvider",
    "KeyProvider",
    "KeyringKeyProvider",
    "OutboxItem",
    "OutboxStatus",
    "Receipt",
    "Store",
    "TitleTemplates",
    "WaitingTitleCache",
]
