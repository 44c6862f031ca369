"""The audit trail a station sends (docs/audit-trail.md, `recueil-audit/1`), as the CERT reads it: the
batch's shape, and each entry's hash recomputed from its fields. The CERT shares only this published format
with the station, not its code: it checks the chain on its own.

No field of an entry admits a space: identifiers and codes only, so a batch cannot carry an applicant's
name or an agent's note."""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, Field

from .json_body import StrictBody

FORMAT = "recueil-audit/1"
GENESIS = "0" * 64  # the previous hash of a station's first entry
MAX_ENTRIES = 200  # per batch; the station sends 100
ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
CODE = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
HEX64 = r"^[0-9a-f]{64}$"
# 200 entries of at most ~900 bytes each, and the batch's own few bytes.
MAX_BODY_BYTES = 256 * 1024


class Entry(StrictBody):
    seq: int = Field(ge=1, le=2**53)
    at: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$",
                    description="UTC, ISO 8601, exactly as hashed")
    station_id: str = Field(pattern=ID)
    agent_id: str | None = Field(pattern=ID, description="the agent's card id, null for the station's own events")
    event: str = Field(pattern=CODE, description="login, lock, dossier_sealed… (docs/audit-trail.md)")
    dossier_id: str | None = Field(pattern=ID)
    title_number: str | None = Field(pattern=r"^[A-Z0-9]{9}$")
    reason: str | None = Field(pattern=CODE, description="a reason code, never free text")
    ref: str | None = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}$",
                            description="the configuration's digest, a software version")
    prev_hash: str = Field(pattern=HEX64)
    hash: str = Field(pattern=HEX64, description="SHA-256 of the canonical JSON of every other field")


class Batch(StrictBody):
    format: Literal["recueil-audit/1"]
    chain: str = Field(pattern=r"^[0-9a-f]{32}$", description="the chain's id, drawn when the station's store was "
                       "made: a reinstalled station starts a new chain at entry 1")
    entries: list[Entry] = Field(min_length=1, max_length=MAX_ENTRIES, description="in increasing seq order")


class Alert(BaseModel):
    seq: int
    kind: str = Field(description="gap | edited | broken_link | new_chain")


class AuditReply(BaseModel):
    station_id: str
    held_up_to: int = Field(description="the CERT holds this station's entries up to this number")
    stored: int = Field(description="entries of this batch new to the CERT")
    duplicates: int = Field(description="entries it already held, identical (a batch sent again)")
    alerts: list[Alert] = Field(description="what this batch showed: a gap, an edit, a broken link")


def canonical(fields: dict) -> str:
    """Keys sorted, no spaces, UTF-8: the form an entry is hashed in, and the CERT keeps."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: Entry) -> str:
    return hashlib.sha256(canonical(entry.model_dump(exclude={"hash"})).encode("utf-8")).hexdigest()
