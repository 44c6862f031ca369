"""The station's side of the audit trail (docs/audit-trail.md): the pages call `record` where an agent's
action happens, the domain chains and keeps the entry (enrollment/store/audit.py), the outbox's thread sends
it (sync/audit_queue.py). Without Qt: the terminal commands and the context use it too.

At start-up the configuration's digest is compared with the last one recorded, and a change recorded. The
updater's events (installed, refused, rolled back), queued while no trail was open (station/updates/), are
recorded when it opens.

An entry the store cannot write (disk full, the file held by another process past its timeout) does not
undo or stop the action it records: the agent's work is done and must stay done. The failure is logged for
the technician, counted, and the next entry that can be written is preceded by one `entry_not_written` per
missed entry, naming its event: the trail then says where it is incomplete."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING

from enrollment.audit import AuditEntry, AuditEvent
from enrollment.errors import StoreError
from enrollment.store import DiscardReason

if TYPE_CHECKING:
    from enrollment.store import AuditLog, Store
    from sync.audit_queue import AuditQueue
    from sync.outbox import OutboxWorker
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
        self.missed: list[AuditEvent] = []  # entries not written yet: said before the next one
        self.failures = 0  # since the station started, for the diagnostics

    def record(self, event: AuditEvent, agent_id: str | None = None, *, dossier_id: str | None = None,
               title_number: str | None = None, reason: str | None = None, ref: str | None = None
               ) -> AuditEntry | None:
        """Append one entry: ids and codes only (the domain refuses anything else). None when the store could
        not write it (logged, and said in the trail by the next entry written)."""
        try:
            while self.missed:
                self.kept.record(self.station_id, AuditEvent.ENTRY_NOT_WRITTEN, reason=self.missed[0].value)
                self.missed.pop(0)
            return self.kept.record(self.station_id, event, agent_id=agent_id, dossier_id=dossier_id,
                                    title_number=title_number, reason=reason, ref=ref)
        except StoreError as exc:
            self.missed.append(AuditEvent(event))
            self.failures += 1
            log.error("audit entry not written", extra={"event": "audit.not_written", "code": exc.code,
                                                        "count": len(self.missed)})
            return None

    def record_expired(self, dossier_ids: list[str]) -> None:
        """Drafts the station deleted for age: no agent chose it (`reason` expire)."""
        for dossier_id in dossier_ids:
            self.record(AuditEvent.DOSSIER_ABANDONED, dossier_id=dossier_id, reason=DiscardReason.EXPIRED.value)

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


def open_trail(config: Config, store: Store, client: CertClient, outbox: OutboxWorker
               ) -> tuple[AuditTrail, AuditQueue]:
    """The trail over the opened store, its retention set and the configuration checked; and the queue the
    outbox's thread sends it with. Drafts the outbox's sweep deletes for age are recorded too."""
    from sync.audit_queue import AuditQueue

    store.audit.keep_for(config.audit.retention_days)
    trail = AuditTrail(store.audit, config.station_id)
    outbox.drafts_expired.append(trail.record_expired)
    trail.record_configuration(config)
    from .updates.events import flush

    flush(config.updates_dir, trail)
    return trail, AuditQueue(store, client, outbox.backoff_s)
