"""The dossier: everything the station gathers for one title application.

Every field may be missing while the dossier is a draft; `validation` says what a complete one needs.
Bytes fields travel as base64 in JSON, so a dossier round-trips through the store unchanged.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


def _now() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64", validate_assignment=True)


class TitleType(StrEnum):
    CNI = "cni"
    PASSPORT = "passeport"


class Reason(StrEnum):
    FIRST = "premiere_demande"
    RENEWAL = "renouvellement"
    LOSS = "perte"
    THEFT = "vol"
    DAMAGE = "deterioration"
    CHANGE = "changement_etat_civil_ou_adresse"


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


class State(StrEnum):
    """Workflow states, in order. See `workflow` for the allowed transitions."""

    DRAFT = "draft"
    COMPLETE = "complete"
    SEALED = "sealed"
    QUEUED = "queued"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    PURGED = "purged"


class FingerPosition(StrEnum):
    """ANSI/NIST-ITL and ISO/IEC 19794-2 finger position codes."""

    RIGHT_THUMB = "1"
    RIGHT_INDEX = "2"
    RIGHT_MIDDLE = "3"
    RIGHT_RING = "4"
    RIGHT_LITTLE = "5"
    LEFT_THUMB = "6"
    LEFT_INDEX = "7"
    LEFT_MIDDLE = "8"
    LEFT_RING = "9"
    LEFT_LITTLE = "10"


class DocumentKind(StrEnum):
    PROOF_OF_ADDRESS = "justificatif_domicile"
    PREVIOUS_TITLE = "ancien_titre"
    LOSS_OR_THEFT_DECLARATION = "declaration_perte_vol"
    BIRTH_CERTIFICATE = "acte_naissance"
    OTHER = "autre"


class CivilStatus(_Model):
    surname: str = ""
    usage_name: str = ""
    given_names: str = ""
    sex: Sex | None = None
    birth_date: date | None = None
    birth_place: str = ""
    birth_country: str = "FRANCE"
    nationality: str = "FRA"
    height_cm: int | None = None


class Address(_Model):
    line1: str = ""
    line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FRANCE"


class Contact(_Model):
    email: str = ""
    phone: str = ""


class FacePhoto(_Model):
    jpeg: bytes
    width: int
    height: int
    source: str  # "camera", "ephoto" or "scan"
    captured_at: datetime = Field(default_factory=_now)


class Fingerprint(_Model):
    position: FingerPosition
    png: bytes  # 8-bit grey; WSQ arrives with the fingerprint issue
    width: int
    height: int
    ppi: int = 500
    quality: int | None = None  # NFIQ 2, 0-100, once measured


class Signature(_Model):
    png: bytes | None = None
    exemption: str | None = None  # the recorded mention when the applicant does not sign


class Document(_Model):
    kind: DocumentKind
    png: bytes
    dpi: int = 300


class Dossier(_Model):
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    state: State = State.DRAFT
    agent_id: str = ""
    title: TitleType | None = None
    reason: Reason | None = None
    pre_application: str = ""
    civil: CivilStatus = Field(default_factory=CivilStatus)
    address: Address = Field(default_factory=Address)
    contact: Contact = Field(default_factory=Contact)
    photo: FacePhoto | None = None
    fingerprints: list[Fingerprint] = Field(default_factory=list)
    signature: Signature | None = None
    documents: list[Document] = Field(default_factory=list)
    fee_stamp: str = ""
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)

    def to_json(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, data: bytes) -> Dossier:
        return cls.model_validate_json(data)
