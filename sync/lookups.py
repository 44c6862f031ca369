"""The station's lookups at the CERT (docs/cert-api.md, "Lookups"): pre-application, fee stamp check and
consumption, COMEDEC birth-record check, title status, envelope received at the mairie.

Each function checks the input's format first (a French `SyncError` before any request, so a typo gets an
immediate answer), then maps each refusal of the CERT to a French message saying what to do next. CERT
down or busy is `lookup.unreachable`, retryable. All block on HTTPS: call them off the GUI thread.
Numbers that open someone's file (pre-application, fee stamp, title) are never logged, only outcomes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from .delivery_replies import HolderNames, SmsState, validated
from .errors import SyncError
from .lookup_calls import Service, call
from .replies import json_object
from .transport import CertClient

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)
T = TypeVar("T")

PRE_APPLICATION = re.compile(r"^[A-Z0-9]{10}$")  # domain.md
FEE_STAMP = re.compile(r"^[0-9]{16}$")
TITLE = re.compile(r"^[A-Z0-9]{9}$")  # CNIe 9 characters; a passport \d{2}[A-Z]{2}\d{5} fits too
ENVELOPE = re.compile(r"^EV[A-Z0-9]{9}[0-9]$")  # docs/cert-api.md "Envelope barcode"

# The CERT's error codes -> ours (sync/strings/). None is retryable: waiting does not fix them.
_REFUSALS = {
    "pre_application_malformed": "pre_application.malformed", "pre_application_unknown": "pre_application.unknown",
    "pre_application_expired": "pre_application.expired", "pre_application_used": "pre_application.used",
    "fee_stamp_malformed": "fee_stamp.malformed", "fee_stamp_unknown": "fee_stamp.unknown",
    "fee_stamp_expired": "fee_stamp.expired", "fee_stamp_used": "fee_stamp.used",
    "fee_stamp_reserved": "fee_stamp.reserved",
    "comedec_bad_request": "comedec.malformed",
    "title_malformed": "title.malformed", "title_unknown": "title.unknown",
    "envelope_malformed": "envelope.malformed", "envelope_unknown": "envelope.unknown",
    "title_not_sent": "envelope.not_sent", "envelope_other_mairie": "delivery.other_mairie",
    "title_other_mairie": "delivery.other_mairie", "title_handed_over": "delivery.handed_over",
    "title_returned": "delivery.returned",
}
SERVICE = Service("lookup", unreachable="lookup.unreachable", refused="lookup.refused", refusals=_REFUSALS)


@dataclass(frozen=True)
class PreApplication:
    number: str
    title: str  # "cni", "passport" or "both"
    expires_at: datetime
    civil: dict  # surname, given_names, sex, birth_date, birth_commune, birth_commune_insee, birth_country
    address: dict  # line1, line2, postcode, city
    contact: dict  # email, phone


@dataclass(frozen=True)
class FeeStamp:
    number: str
    amount_cents: int
    purchased_at: datetime
    expires_at: datetime
    status: str  # "valid" | "used" | "expired"
    used_by: str | None


@dataclass(frozen=True)
class BirthData:
    surname: str
    given_names: str
    sex: str  # "F" | "M" | "X"
    birth_date: date
    birth_commune_insee: str | None = None
    birth_commune: str | None = None  # when the INSEE code is not known


@dataclass(frozen=True)
class BirthCheck:
    status: str  # "verified" | "not_found" | "mismatch" | "commune_not_connected"
    fields: tuple[str, ...]  # the fields that differ from the birth record (mismatch)

    @property
    def paper_certificate_needed(self) -> bool:
        """Only a verified record spares the applicant the paper birth certificate (domain.md)."""
        return self.status != "verified"


@dataclass(frozen=True)
class TitleStatus:
    number: str
    kind: str  # "cni" | "passport"
    status: str  # in_production | sent | received | handed_over | destroyed
    status_at: datetime
    collect_before: datetime | None


@dataclass(frozen=True)
class EnvelopeReception:
    title: TitleStatus
    first_scan: bool  # False: this envelope had already been registered; no second SMS went out
    holder: HolderNames | None = None  # first scan: the names as the CERT knows them (None: not on record)
    sms: SmsState | None = None  # first scan: what became of the availability SMS


def normalise(text: str, pattern: re.Pattern[str], error: str) -> str:
    """Spaces and dashes an agent may type dropped, upper case; or the layer's "malformed" error."""
    kept = re.sub(r"[\s-]", "", text)
    value = kept.upper()
    if not kept.isascii() or not pattern.match(value):  # before upper(): "ı" would become "I"
        raise SyncError.of(error, retryable=False)
    return value


def fetch_pre_application(client: CertClient, number: str) -> PreApplication:
    number = normalise(number, PRE_APPLICATION, "pre_application.malformed")
    body = _json(call(SERVICE, client, "GET", f"/v1/pre-applications/{number}"))
    return _parse(lambda: PreApplication(body["number"], body["title"], datetime.fromisoformat(body["expires_at"]),
                                         dict(body["civil"]), dict(body["address"]), dict(body["contact"])))


def check_fee_stamp(client: CertClient, number: str, dossier_id: str | None = None) -> FeeStamp:
    """The stamp's amount and dates; raises if it cannot pay for this dossier (used by another, expired)."""
    number = normalise(number, FEE_STAMP, "fee_stamp.malformed")
    stamp = _stamp(_json(call(SERVICE, client, "GET", f"/v1/fee-stamps/{number}")))
    if stamp.status == "used" and (dossier_id is None or stamp.used_by != dossier_id):
        raise SyncError.of("fee_stamp.used", retryable=False)
    if stamp.status == "expired":
        raise SyncError.of("fee_stamp.expired", retryable=False)
    return stamp


def consume_fee_stamp(client: CertClient, number: str, dossier_id: str) -> FeeStamp:
    """Use the stamp for this dossier; idempotent for the same dossier (a resend after a lost reply)."""
    number = normalise(number, FEE_STAMP, "fee_stamp.malformed")
    reply = call(SERVICE, client, "POST", f"/v1/fee-stamps/{number}/consume", json={"dossier_id": dossier_id})
    stamp = _stamp(_json(reply))
    log.info("fee stamp consumed", extra={"event": "lookup.fee_stamp_consumed", "dossier_id": dossier_id})
    return stamp


def verify_birth_record(client: CertClient, data: BirthData) -> BirthCheck:
    if (not data.surname.strip() or not data.given_names.strip() or data.sex not in ("F", "M", "X")
            or not ((data.birth_commune_insee or "").strip() or (data.birth_commune or "").strip())):
        raise SyncError.of("comedec.malformed", retryable=False)
    payload = {"surname": data.surname, "given_names": data.given_names, "sex": data.sex,
               "birth_date": data.birth_date.isoformat(), "birth_commune_insee": data.birth_commune_insee,
               "birth_commune": data.birth_commune}
    body = _json(call(SERVICE, client, "POST", "/v1/comedec/verify", json=payload))
    check = _parse(lambda: BirthCheck(str(body["status"]), tuple(str(f) for f in body["fields"])))
    log.info("comedec checked", extra={"event": "lookup.comedec", "code": check.status, "count": len(check.fields)})
    return check


def fetch_title_status(client: CertClient, number: str) -> TitleStatus:
    number = normalise(number, TITLE, "title.malformed")
    return _title(_json(call(SERVICE, client, "GET", f"/v1/titles/{number}")))


def register_envelope(client: CertClient, barcode: str) -> EnvelopeReception:
    """The agent scanned a delivered title envelope: registered as received, the applicant's SMS queued.
    A second scan of the same envelope is not an error: it says so (`first_scan=False`), nothing is resent."""
    barcode = normalise(barcode, ENVELOPE, "envelope.malformed")
    response = call(SERVICE, client, "POST", "/v1/envelopes/received", json={"barcode": barcode},
                     accept=frozenset({"envelope_already_received"}))
    body = _json(response)
    first = response.status_code == 200
    holder = body.get("holder") if first else None
    reception = EnvelopeReception(
        _title(body.get("title") or {}), first_scan=first,
        holder=validated(HolderNames, holder) if isinstance(holder, dict) else None,
        sms=validated(SmsState, body["sms"]) if first and isinstance(body.get("sms"), dict) else None)
    log.info("envelope registered", extra={"event": "lookup.envelope", "status": response.status_code})
    return reception


def _json(response: requests.Response) -> dict:
    return json_object(response, "lookup.unreachable")


def _parse(build: Callable[[], T]) -> T:
    """A reply that does not have the published shape is a CERT fault: retryable, like a bad reply."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SyncError.of("lookup.unreachable", retryable=True) from exc


def _stamp(body: dict) -> FeeStamp:
    def build() -> FeeStamp:
        euros, cents = str(body["amount_eur"]).split(".")
        return FeeStamp(body["number"], int(euros) * 100 + int(cents), datetime.fromisoformat(body["purchased_at"]),
                        datetime.fromisoformat(body["expires_at"]), body["status"], body.get("used_by"))
    return _parse(build)


def _title(body: dict) -> TitleStatus:
    return _parse(lambda: TitleStatus(
        body["number"], body["kind"], body["status"], datetime.fromisoformat(body["status_at"]),
        datetime.fromisoformat(body["collect_before"]) if body.get("collect_before") else None))
