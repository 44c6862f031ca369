"""The shapes of the CERT's title delivery replies (docs/cert-api.md, "Title delivery"), checked on arrival,
and the opening of the templates the CERT sealed for this station (`recueil-templates/1`).

A reply of the wrong shape is `delivery.bad_reply`: the agent is told the CERT answered something the
station cannot use, not shown a traceback or, worse, a half-read holder.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Literal, TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import SyncError

TEMPLATES_FORMAT = "recueil-templates/1"
TEMPLATES_MAGIC = b"RECUEIL-TEMPLATES/1\n"
TEMPLATES_HPKE = "DHKEM(P-256,HKDF-SHA256)/HKDF-SHA256/AES-256-GCM"
_SUITE = Suite(KEM.P256, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
M = TypeVar("M", bound=BaseModel)


class _Reply(BaseModel):
    model_config = ConfigDict(frozen=True)  # extra fields are tolerated: the CERT may add some


class HolderNames(_Reply):
    surname: str
    given_names: str
    usage_name: str = ""


class SmsState(_Reply):
    state: Literal["none", "queued", "sent"]
    last_queued_at: datetime | None = None
    reminders: int = Field(ge=0)


class WaitingTitle(_Reply):
    number: str
    kind: Literal["cni", "passport"]
    holder: HolderNames | None
    received_at: datetime
    collect_before: datetime
    overdue: bool  # past collect_before: a supervisor returns it to the CERT
    sms: SmsState


class WaitingTitles(_Reply):
    titles: list[WaitingTitle]


class Reminder(_Reply):
    sms: SmsState
    next_allowed_at: datetime | None


class HolderFinger(_Reply):
    position: str
    exception: str | None


class HolderCheck(_Reply):
    """What the agent needs to hand a title over: whom to expect and whether prints are checked."""

    number: str
    kind: Literal["cni", "passport"]
    holder: HolderNames
    birth_date: str
    photo_jpeg: bytes = Field(description="decoded from the reply's base64")
    fingers: list[HolderFinger]
    enrolled_positions: list[str]
    fingerprint_check: bool
    minor: bool
    under_12: bool


class SealedTemplates(_Reply):
    format: Literal["recueil-templates/1"]
    sealed: str


class SignedReply(_Reply):
    receipt: str
    signature: str
    certificate: str


class Returned(_Reply):
    number: str
    status: Literal["returned"]
    returned_at: datetime


def validated(model: type[M], body: dict) -> M:
    try:
        if model is HolderCheck:
            body = {**body, "photo_jpeg": base64.b64decode(body.get("photo_jpeg", ""), validate=True)}
        return model.model_validate(body)
    except (ValidationError, binascii.Error, ValueError, TypeError) as exc:
        raise SyncError.of("delivery.bad_reply", retryable=True) from exc


def open_templates(sealed_b64: str, number: str, client_cert: Path, client_key: Path) -> dict[str, bytes]:
    """The templates by finger position, once the header names this station's certificate and this title
    and the ciphertext opens with the station key."""
    try:
        sealed = base64.b64decode(sealed_b64, validate=True)
        cert = x509.load_pem_x509_certificate(client_cert.read_bytes())
        key = serialization.load_pem_private_key(client_key.read_bytes(), password=None)
    except (binascii.Error, ValueError, OSError) as exc:
        raise SyncError.of("delivery.templates_unreadable", retryable=False) from exc
    if not sealed.startswith(TEMPLATES_MAGIC) or b"\n" not in sealed[len(TEMPLATES_MAGIC):]:
        raise SyncError.of("delivery.templates_unreadable", retryable=False)
    header_bytes, ciphertext = sealed[len(TEMPLATES_MAGIC):].split(b"\n", 1)
    own = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    try:
        header = json.loads(header_bytes)
        if (not isinstance(key, ec.EllipticCurvePrivateKey) or header.get("format") != TEMPLATES_FORMAT
                or header.get("hpke") != TEMPLATES_HPKE or header.get("recipient") != own
                or header.get("title") != number):
            raise ValueError("not sealed for this station and title")
        plain = json.loads(_SUITE.decrypt(ciphertext, key, info=TEMPLATES_MAGIC + header_bytes))
        if plain.get("title") != number:
            raise ValueError("another title's templates")
        return {str(t["position"]): base64.b64decode(t["data"], validate=True) for t in plain["templates"]}
    except (ValueError, InvalidTag, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise SyncError.of("delivery.templates_unreadable", retryable=False) from exc
