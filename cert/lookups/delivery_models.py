"""The bodies of the title delivery endpoints (cert/lookups/delivery.py), as published in
docs/cert-api.md and the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..bounds import KEY_PATTERN
from ..json_body import StrictBody
from .titles import HolderNames, SmsState

POSITION = r"^(0?[1-9]|10)$"  # ANSI/NIST finger position codes
MAX_SIGNATURE_PNG_B64 = 1024 * 1024
Decision = Literal["fingerprint_match", "supervisor_override", "face_only_exception", "face_only_minor_under_12"]


class WaitingTitle(BaseModel):
    number: str
    kind: str = Field(description="cni | passport")
    holder: HolderNames | None
    received_at: str
    collect_before: str = Field(description="3 months after receipt; past it, return the title (overdue)")
    overdue: bool
    sms: SmsState


class WaitingReply(BaseModel):
    titles: list[WaitingTitle]


class FingerReply(BaseModel):
    position: str
    exception: str | None = Field(description="why no print was taken, else null")


class HolderReply(BaseModel):
    number: str
    kind: str
    holder: HolderNames
    birth_date: str
    photo_jpeg: str = Field(description="base64 of the enrolled face photo, JPEG")
    fingers: list[FingerReply] = Field(description="every finger of the capture plan, enrolled or exception")
    enrolled_positions: list[str] = Field(description="fingers with a template")
    fingerprint_check: bool = Field(description="true: 12 years or more today and at least one template")
    minor: bool = Field(description="under 18 today: a holder of parental authority must be present")
    under_12: bool


class TemplatesReply(BaseModel):
    format: str = Field(description="recueil-templates/1")
    sealed: str = Field(description="base64 of the templates sealed for the requesting station's key")


class Score(StrictBody):
    position: str = Field(pattern=POSITION)
    score: int = Field(ge=0, le=100000)


class ParentalAuthority(StrictBody):
    surname: str = Field(min_length=1, max_length=100)
    given_names: str = Field(min_length=1, max_length=100)
    link: str = Field(min_length=1, max_length=40, description="mother | father | guardian | ...")
    id_document: str = Field(min_length=1, max_length=60, description="kind and number of the document shown")


class HandoverRequest(StrictBody):
    idempotency_key: str = Field(pattern=KEY_PATTERN.pattern, description="fixed by the station once per hand-over")
    agent_id: str = Field(min_length=1, max_length=64)
    handed_over_at: datetime
    decision: Decision
    scores: list[Score] = Field(default_factory=list, max_length=10)
    reason: str = Field("", max_length=500, description="required for supervisor_override")
    supervisor_id: str = Field("", max_length=64, description="required for supervisor_override")
    parental_authority: ParentalAuthority | None = Field(None, description="required for a minor")
    old_title_number: str | None = Field(None, pattern=r"^[A-Z0-9]{9}$")
    old_title_cancelled: bool = False
    signature_png: str | None = Field(None, max_length=MAX_SIGNATURE_PNG_B64,
                                      description="base64 PNG of the holder's signature; from 12 years")
    agent_certificate: str = Field("", max_length=8192, description="PEM certificate of the agent who signed")
    agent_signature: str = Field("", max_length=512, description="base64 DER ECDSA P-256/SHA-256 signature, by the "
                                 "agent's card, of this record's canonical JSON without agent_signature")


class HandoverReply(BaseModel):
    receipt: str = Field(description="base64 of the signed receipt bytes")
    signature: str
    certificate: str


class ReturnRequest(StrictBody):
    supervisor_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=1, max_length=500)
    agent_certificate: str = Field("", max_length=8192, description="PEM certificate of the supervisor")
    agent_signature: str = Field("", max_length=512, description="base64 DER signature by the supervisor's card "
                                 "of this request's canonical JSON without agent_signature")


class ReturnReply(BaseModel):
    number: str
    status: str = Field(description="returned")
    returned_at: str


class ReminderReply(BaseModel):
    sms: SmsState
    next_allowed_at: str | None = Field(description="the earliest next reminder (null: none left)")
