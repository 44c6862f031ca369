"""One entry of the station's audit trail, and how it is chained to the one before it (docs/audit-trail.md).

An entry says who (the agent's card id, the agent's professional identifier), did what (an event of a closed
list), on which dossier or title (their ids), why (a reason code), and when. It never holds free text: every
field is an identifier or a code whose pattern admits no space, so a name, an address or an agent's note
cannot be written into it even by mistake. An override's free-text note is left out: the dossier id or title
number leads to the record the CERT keeps, where the note is, signed by the agent's card.

Each entry's hash is the SHA-256 of the canonical JSON of every other field, its predecessor's hash
included: changing one entry changes its hash, and the next entry no longer points at it. The first entry
chains from `GENESIS`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum

FORMAT = "recueil-audit/1"
GENESIS = "0" * 64  # the previous hash of the first entry

# No field admits a space: free text cannot get in.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")  # station, agent card, dossier (a UUID)
_TITLE = re.compile(r"[A-Z0-9]{9}")  # a title number (CNIe or passport)
_CODE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")  # a reason code
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}")  # a configuration digest, a software version
_HASH = re.compile(r"[0-9a-f]{64}")


class AuditEvent(StrEnum):
    """What the trail records. Closed: an event not listed here cannot be written."""

    LOGIN = "login"
    LOGOUT = "logout"
    LOGIN_REFUSED = "login_refused"  # reason: why (card.pin_wrong, auth.revoked…); agent: when the card names one
    LOCK = "lock"  # reason: why (inactivity, card_removed)
    UNLOCK = "unlock"
    UNLOCK_REFUSED = "unlock_refused"  # another agent's card at a locked station; agent: that card's
    SESSION_REVOKED = "session_revoked"  # the open session's card was revoked: it ended
    SUPERVISOR_STEP_IN = "supervisor_step_in"  # a supervisor's card opened another agent's locked station
    DOSSIER_CREATED = "dossier_created"
    DOSSIER_RESUMED = "dossier_resumed"
    DOSSIER_ABANDONED = "dossier_abandoned"  # reason: the agent's, or `expire` (enrollment.store.DiscardReason)
    DOSSIER_SEALED = "dossier_sealed"
    PHOTO_OVERRIDE = "photo_override"  # a photo accepted despite failed checks; reason: OverrideReason
    FINGERPRINT_EXCEPTION = "fingerprint_exception"  # a finger not captured; reason: FingerException
    SIGNATURE_EXEMPTION = "signature_exemption"  # no signature; reason: SignatureExemption
    ENVELOPE_RECEIVED = "envelope_received"  # a title's envelope scanned at reception
    TITLE_HANDED_OVER = "title_handed_over"  # reason: the decision (a supervisor's override is one)
    TITLE_RETURNED = "title_returned"  # a supervisor sent an uncollected title back to the CERT
    CONFIGURATION_CHANGED = "configuration_changed"  # ref: the configuration's digest; reason: first, changed
    UPDATE_INSTALLED = "update_installed"  # ref: the version now running
    UPDATE_REFUSED = "update_refused"  # ref: the version refused; reason: why (a code of station/updates)
    UPDATE_ROLLED_BACK = "update_rolled_back"  # ref: the version running again
    ENTRY_NOT_WRITTEN = "entry_not_written"  # an earlier entry the store could not write; reason: its event


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # UTC, ISO 8601 with milliseconds, exactly as hashed
    station_id: str
    agent_id: str | None
    event: AuditEvent
    dossier_id: str | None
    title_number: str | None
    reason: str | None
    ref: str | None
    prev_hash: str
    hash: str

    def fields(self) -> dict[str, object]:
        """The published form (docs/audit-trail.md): what is sent to the CERT."""
        return {**asdict(self), "event": self.event.value}

    @property
    def intact(self) -> bool:
        """The entry still matches its hash."""
        return entry_hash(self.fields()) == self.hash


def timestamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds")


def entry_hash(fields: dict[str, object]) -> str:
    """SHA-256 (hex) of the canonical JSON of every field but `hash`: keys sorted, no spaces, UTF-8."""
    body = {k: v for k, v in fields.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def chained(seq: int, at: datetime, station_id: str, event: AuditEvent, prev_hash: str, *,
            agent_id: str | None = None, dossier_id: str | None = None, title_number: str | None = None,
            reason: str | None = None, ref: str | None = None) -> AuditEntry:
    """The entry after the one whose hash is `prev_hash`; ValueError for a field that is not an identifier or
    a code of its kind (free text never enters the trail)."""
    _check(station_id, _ID, "station_id")
    _check(agent_id, _ID, "agent_id")
    _check(dossier_id, _ID, "dossier_id")
    _check(title_number, _TITLE, "title_number")
    _check(reason, _CODE, "reason")
    _check(ref, _REF, "ref")
    _check(prev_hash, _HASH, "prev_hash")
    event = AuditEvent(event)
    fields = dict(seq=seq, at=timestamp(at), station_id=station_id, agent_id=agent_id, event=event.value,
                  dossier_id=dossier_id, title_number=title_number, reason=reason, ref=ref, prev_hash=prev_hash)
    return AuditEntry(**{**fields, "event": event}, hash=entry_hash(fields))  # type: ignore[arg-type]


def _check(value: str | None, pattern: re.Pattern[str], name: str) -> None:
    if value is not None and not pattern.fullmatch(value):
        raise ValueError(f"audit entry: {name} is not an identifier or code of its kind")
