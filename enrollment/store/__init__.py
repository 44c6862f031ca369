"""The station's encrypted store (SQLCipher): drafts, the outbox and the receipts kept after purge."""

from __future__ import annotations

from pathlib import Path

from .database import Database
from .dossiers import DossierRepository, DossierSummary
from .keys import KEY_BYTES, FileKeyProvider, KeyProvider, KeyringKeyProvider
from .outbox import OutboxItem, OutboxRepository, OutboxStatus, Receipt


class Store:
    def __init__(self, path: Path, key_provider: KeyProvider) -> None:
        self.db = Database(path, key_provider.get_key())
        self.dossiers = DossierRepository(self.db)
        self.outbox = OutboxRepository(self.db, self.dossiers)

    def close(self) -> None:
        self.db.close()


__all__ = [
    "KEY_BYTES",
    "DossierSummary",
    "FileKeyProvider",
    "KeyProvider",
    "KeyringKeyProvider",
    "OutboxItem",
    "OutboxStatus",
    "Receipt",
    "Store",
]
