"""Sealing: turning a complete dossier into the immutable package the CERT will receive.

Format 0 is plain JSON, a placeholder until the ANSI/NIST-ITL package that is signed and encrypted for
the CERT; callers depend only on `seal` returning bytes, their digest and the idempotency key. The bytes
are produced once and stored: every resend carries the same bytes, so the digest the CERT checks and the
one in its receipt always match what the station holds.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from enrollment.model import Dossier, State
from enrollment.store import Store

from .errors import SyncError

log = logging.getLogger(__name__)

PACKAGE_FORMAT = "recueil-package/0"


@dataclass(frozen=True)
class SealedPackage:
    data: bytes
    sha256: str  # lowercase hex of SHA-256(data)
    idempotency_key: str


def seal(dossier: Dossier, station_id: str, now: datetime | None = None) -> SealedPackage:
    """Build the package bytes. The idempotency key is the dossier id: one dossier, one CERT dossier."""
    package = {
        "format": PACKAGE_FORMAT,
        "station_id": station_id,
        "sealed_at": (now or datetime.now(UTC)).isoformat(),
        "dossier": dossier.model_dump(mode="json"),
    }
    data = json.dumps(package, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return SealedPackage(data, hashlib.sha256(data).hexdigest(), dossier.id)


def seal_and_queue(store: Store, dossier_id: str, station_id: str) -> SealedPackage:
    """Seal a complete dossier and put it in the outbox (complete → sealed → queued, one transaction).

    The caller then wakes the outbox worker so the dossier leaves without waiting for its next round."""
    if store.dossiers.state_of(dossier_id) is not State.COMPLETE:
        raise SyncError.of("seal.not_complete", retryable=False)
    sealed = seal(store.dossiers.load(dossier_id), station_id)
    store.outbox.enqueue(dossier_id, sealed.data, sealed.sha256, sealed.idempotency_key)
    log.info("dossier sealed", extra={"event": "sync.sealed", "dossier_id": dossier_id,
                                      "count": len(sealed.data)})
    return sealed
