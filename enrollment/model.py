"""The dossier: everything the station gathers for one title application.

Every field may be missing while the dossier is a draft; `validation` says what a complete one needs.
Bytes fields travel as base64 in JSON, so a dossier round-trips through the store unchanged.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from .checks import BirthCheckResult
from .face.model import FacePhoto
from .fingerprint.model import FingerPosition, Fingerprint
from .guardian import Guardian
from .model_base import Model, now_utc
from .nationality import NationalityBasis
from .request import Reason, TitleRequest, TitleType
from .signature.model import Signature

# The biometric models live with their domain (face/, fingerprint/, signature/), the request's with
# request.py; the dossier gathers them.
__all__ = [
    "Address", "CivilStatus", "Contact", "DatePrecision", "partial", "Document", "DocumentKind", "Dossier", "FacePhoto",
    "FingerPosition", "Fingerprint", "Reason", "Sex", "Signature", "State", "TitleRequest", "TitleType",
]


class DatePrecision(StrEnum):
    """Some births abroad are registered with the year, or the year and month, only."""

    FULL = "jour"
    MONTH = "mois"
    YEAR = "annee"


def partial(day: date, precision: DatePrecision) -> date:
    """A partial birth date as kept: the first day of what is known (the year's, or the month's)."""
    if precision is DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day.replace(day=1) if precision is DatePrecision.MONTH else day


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
    PARENT_NATIONALITY = "nationalite_parent"  # the French parent's title or certificate of nationality
    NATIONALITY_CERTIFICATE = "certificat_nationalite"
    NATURALISATION = "naturalisation"
    GUARDIAN_ID = "identite_parent"
    JUDGEMENT = "jugement_autorite_parentale"
    OTHER = "autre"


class CivilStatus(Model):
    surname: str = ""
    usage_name: str = ""
    given_names: str = ""
    sex: Sex | None = None
    birth_date: date | None = None  # a partial date keeps the first day of what is known (`birth_date_precision`)
    birth_date_precision: DatePrecision = DatePrecision.FULL
    birth_place: str = ""
    birth_insee: str = ""  # the birth commune's INSEE code (births in France)
    birth_country: str = "FRANCE"
    birth_country_code: str = ""  # the country's COG code, 99xxx (births abroad)
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
    page: int = 1  # a document of several pages is several entries of one kind, numbered from 1
    # A proof of address's 2D-Doc verdict (enrollment/documents/twoddoc/): valid, invalid_signature,
    # unknown_issuer, expired or not_2ddoc; "" when not looked for.
    twoddoc: str = ""
    # In a couplée application, the title whose request needs this document (the previous title being
    # renewed, its loss declaration): it goes to that title's dossier only. None: the application's.
    title: TitleType | None = None


class Dossier(Model):
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    state: State = State.DRAFT
    agent_id: str = ""
    # One request, or two for a couplée application (request.py): split into linked dossiers at sealing.
    requests: list[TitleRequest] = Field(default_factory=lambda: [TitleRequest()], min_length=1, max_length=2)
    linked_dossiers: list[str] = Field(default_factory=list)  # the other titles' dossiers of the same interview
    pre_application: str = ""
    nationality: NationalityBasis | None = None
    guardian: Guardian | None = None  # a minor's holder of parental authority
    tes_prints_refused: bool = False  # a CNIe applicant's refusal that TES keeps their prints
    birth_check: BirthCheckResult = Field(default_factory=BirthCheckResult)
    # The applicant heard the summary read back and attested on honour that it is exact: asked again at each
    # reading of the summary, so it is about what is sealed.
    attested_at: datetime | None = None
    civil: CivilStatus = Field(default_factory=CivilStatus)
    address: Address = Field(default_factory=Address)
    contact: Contact = Field(default_factory=Contact)
    photo: FacePhoto | None = None
    fingerprints: list[Fingerprint] = Field(default_factory=list)
    signature: Signature | None = None
    documents: list[Document] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=now_utc)
    updated_at: datetime = Field(default_factory=now_utc)

    @model_validator(mode="before")
    @classmethod
    def _one_request_as_before(cls, data: Any) -> Any:
        """Drafts stored before requests were a list kept `title`, `reason` and `fee_stamp` flat."""
        if isinstance(data, dict) and "requests" not in data and {"title", "reason", "fee_stamp"} & data.keys():
            data = dict(data)
            data["requests"] = [{k: data.pop(k) for k in ("title", "reason", "fee_stamp") if k in data}]
        return data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Dossier:
        """pydantic's copy, where `title`, `reason` and `fee_stamp` in `update` go to the first request (of
        the copy only) instead of being dropped silently."""
        update = dict(update or {})
        flat = {k: update.pop(k) for k in ("title", "reason", "fee_stamp") if k in update}
        copy = super().model_copy(update=update, deep=deep)
        if flat:
            copy.requests = [r.model_copy(deep=True) for r in copy.requests]
            for name, value in flat.items():
                setattr(copy, name, value)
        return copy

    # The first request, read and written as the single-title dossier always was.
    @property
    def title(self) -> TitleType | None:
        return self.requests[0].title

    @title.setter
    def title(self, value: TitleType | None) -> None:
        self.requests[0].title = value

    @property
    def reason(self) -> Reason | None:
        return self.requests[0].reason

    @reason.setter
    def reason(self, value: Reason | None) -> None:
        self.requests[0].reason = value

    @property
    def fee_stamp(self) -> str:
        return self.requests[0].fee_stamp

    @fee_stamp.setter
    def fee_stamp(self, value: str) -> None:
        self.requests[0].fee_stamp = value

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
