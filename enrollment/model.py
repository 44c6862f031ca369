"""The dossier: everything the station gathers for one title application.

Every field may be missing while the dossier is a draft; `validation` says what a complete one needs.
Bytes fields travel as base64 in JSON, so a dossier round-trips through the store unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from .face.model import FacePhoto
from .fingerprint.model import FingerPosition, Fingerprint
from .model_base import Model, now_utc
from .signature.model import Signature

# The biometric models live with their domain (face/, fingerprint/, signature/); the dossier gathers them.
__all__ = [
    "Address", "CivilStatus", "Contact", "Document", "DocumentKind", "Dossier", "FacePhoto", "FingerPosition",
    "Fingerprint", "Reason", "Sex", "Signature", "State", "TitleType",
]


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


class DocumentKind(StrEnum):
    PROOF_OF_ADDRESS = "justificatif_domicile"
    PREVIOUS_TITLE = "ancien_titre"
    LOSS_OR_THEFT_DECLARATION = "declaration_perte_vol"
    BIRTH_CERTIFICATE = "acte_naissance"
    OTHER = "autre"


class CivilStatus(Model):
    surname: str = ""
    usage_name: str = ""
    given_names: str = ""
    sex: Sex | None = None
    birth_date: date | None = None
    birth_place: str = ""
    birth_country: str = "FRANCE"
    nationality: str = "FRA"
    height_cm: int | None = None


class Address(Model):
    line1: str = ""
    line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FRANCE"


class Contact(Model):
    email: str = ""
    phone: str = ""


class Document(Model):
    kind: DocumentKind
    png: bytes
    dpi: int = 300


class Dossier(Model):
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
    created_at: datetime = Field(default_factory=now_utc)
    updated_at: datetime = Field(default_factory=now_utc)

    def to_json(self) -> bytes:
        return self.model_dump_json().encode()

    def without_captures(self) -> Dossier:
        """What the station keeps of a sealed dossier until the CERT acknowledges it: the application data
        for the agent's lists, without the photo, prints, signature or documents, which from then on exist
        only in the package encrypted for the CERT."""
        return self.model_copy(update={"photo": None, "fingerprints": [], "signature": None, "documents": []})

    @classmethod
    def from_json(cls, data: bytes) -> Dossier:
        return cls.model_validate_json(data)
