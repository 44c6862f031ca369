"""The station's side of the audit trail (docs/audit-trail.md): the pages call `record` where an agent's
action happens, the domain chains and keeps the entry (enrollment/store/audit.py), the outbox's thread sends
it (sync/audit_queue.py). Without Qt: the terminal commands and the context use it too.

At start-up the configuration's digest is compared with the last one recorded, and a change recorded. The
updates the station installed, refused or rolled back while no trail was open (station/updates/) are
recorded then too."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from enrollment.audit import AuditEntry, AuditEvent

if TYPE_CHECKING:
    from enrollment.store import AuditLog, Store
    from sync.audit_queue import AuditQueue
    from sync.transport import CertClient

    from .config import Config

log = logging.getLogger(__name__)

# Configuration values that are secrets: left out of the digest, so that the trail (and whoever reads it
# with a dictionary of likely values) learns nothing of them; changing one alone records no change.
SECRETS = {"cert": {"rdv_token"}}


class AuditTrail:
    def __init__(self, kept: AuditLog, station_id: str) -> None:
        self.kept = kept  # the entries, as the store keeps them
        self.station_id = station_id

    def record(self, event: AuditEvent, agent_id: str | None = None, *, dossier_id: str | None = None,
               title_number: str | None = None, reason: str | None = None, ref: str | None = None) -> AuditEntry:
        """Append one entry: ids and codes only (the domain refuses anything else)."""
        return self.kept.record(self.station_id, event, agent_id=agent_id, dossier_id=dossier_id,
                                title_number=title_number, reason=reason, ref=ref)

    def record_configuration(self, config: Config) -> AuditEntry | None:
        """Record the effective configuration's digest if it changed since the last start (or on the first)."""
        entry = self.kept.record_configuration(self.station_id, configuration_digest(config))
        if entry is not None:
            log.info("configuration change recorded", extra={"event": "audit.configuration", "code": entry.reason})
        return entry


def configuration_digest(config: Config) -> str:
    """SHA-256 of the effective configuration (every value, defaults included, secrets left out), as
    canonical JSON: the same file gives the same digest, and so does a file that only spells a default out."""
    effective = config.model_dump(mode="json", exclude=SECRETS)  # type: ignore[arg-type]
    return hashlib.sha256(json.dumps(effective, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def open_trail(config: Config, store: Store, client: CertClient, backoff_s: Callable[[int, bool], float]
               ) -> tuple[AuditTrail, AuditQueue]:
    """The trail over the opened store, its retention set and the configuration checked; and the queue the
    outbox's thread sends it with."""
    from sync.audit_queue import AuditQueue

    store.audit.keep_for(config.audit.retention_days)
    trail = AuditTrail(store.audit, config.station_id)
    trail.record_configuration(config)
    from .updates.events import flush

    flush(config.updates_dir, trail)
    return trail, AuditQueue(store, client, backoff_s)
