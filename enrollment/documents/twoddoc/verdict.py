"""One verdict on a 2D-Doc: is it one, does the ANTS vouch for its signer, does the signature hold, is it
recent enough. A code that fails any check is flagged with the reason, never passed as valid."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np

from ...strings import message
from . import signature
from .barcode import read_datamatrix
from .header import PROOF_OF_ADDRESS, Header, NotTwoDDoc, parse_header
from .message import GS, US, Holder, MalformedMessage, holder, parse_fields
from .thresholds import MAX_AGE_DAYS
from .trust import TrustList


class Verdict(StrEnum):
    VALID = "valid"
    INVALID_SIGNATURE = "invalid_signature"
    UNKNOWN_ISSUER = "unknown_issuer"
    EXPIRED = "expired"
    NOT_2DDOC = "not_2ddoc"


@dataclass(frozen=True)
class TwoDDocFields:
    doc_type: str
    emission: date | None
    signed: date | None
    holder: Holder
    raw: dict[str, str]

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["emission"] = self.emission and self.emission.isoformat()
        d["signed"] = self.signed and self.signed.isoformat()
        return d


@dataclass(frozen=True)
class TwoDDocVerdict:
    verdict: Verdict
    issuer: str | None = None  # "FR05/0001": certification authority / certificate
    fields: TwoDDocFields | None = None
    reason: str = ""  # which check failed, for the technician ("certificate", "age", "type"…)

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def message_fr(self) -> str:
        """What the agent reads: the verdict and what to do."""
        day = self.fields and (self.fields.emission or self.fields.signed)
        return message(f"twoddoc.{self.verdict.value}", issuer=self.issuer or "?",
                       date=day.strftime("%d/%m/%Y") if day else "?")

    def to_dict(self) -> dict[str, object]:
        return {"verdict": self.verdict.value, "issuer": self.issuer, "reason": self.reason,
                "message": self.message_fr, "fields": self.fields and self.fields.to_dict()}


def _text(source: bytes | str | np.ndarray) -> list[str]:
    if isinstance(source, np.ndarray):
        return [b.decode("latin-1") for b in read_datamatrix(source)]
    return [source.decode("latin-1") if isinstance(source, bytes) else source]


def verify_2ddoc(source: bytes | str | np.ndarray, trust: TrustList, today: date,
                 max_age_days: int = MAX_AGE_DAYS) -> TwoDDocVerdict:
    """The verdict on a scanned page (an image array: its DataMatrix codes are read) or on a code's text.
    On a page with several codes the first 2D-Doc decides; a 2D-Doc of another kind is reported as such."""
    verdicts = [_verify_text(t, trust, today, max_age_days) for t in _text(source)]
    verdicts.sort(key=lambda v: (v.verdict is Verdict.NOT_2DDOC, v.fields is None))  # stable: page order kept
    return verdicts[0] if verdicts else TwoDDocVerdict(Verdict.NOT_2DDOC)


def _verify_text(text: str, trust: TrustList, today: date, max_age_days: int) -> TwoDDocVerdict:
    try:
        head = parse_header(text)
        signed_part, _, tail = text.partition(US)
        fields = parse_fields(signed_part[head.length:])
        signed = signed_part.encode("latin-1")  # a code's bytes are single bytes: text given as str may not be
    except (NotTwoDDoc, MalformedMessage, UnicodeEncodeError):
        return TwoDDocVerdict(Verdict.NOT_2DDOC)
    decoded = TwoDDocFields(doc_type=head.doc_type, emission=head.emission, signed=head.signed,
                            holder=holder(fields), raw=fields)
    sig = signature.decode(tail.split(GS, 1)[0])  # an annex may follow the signature after GS
    if not tail or sig is None:
        return TwoDDocVerdict(Verdict.INVALID_SIGNATURE, head.issuer, decoded, "encoding")
    return _judge(head, decoded, signed, sig, trust, today, max_age_days)


def _judge(head: Header, decoded: TwoDDocFields, signed: bytes, sig: bytes, trust: TrustList, today: date,
           max_age_days: int) -> TwoDDocVerdict:
    def verdict(v: Verdict, reason: str = "") -> TwoDDocVerdict:
        return TwoDDocVerdict(v, head.issuer, decoded, reason)

    cert = trust.find(head.ca_id, head.cert_id)
    if cert is None:
        return verdict(Verdict.UNKNOWN_ISSUER, "authority" if head.ca_id not in trust.authorities else "certificate")
    if not signature.verifies(cert.key, signed, sig):
        return verdict(Verdict.INVALID_SIGNATURE, "signature")
    # Only now are the header's dates the issuer's word rather than anyone's.
    day = head.emission or head.signed
    if day is None or day > today or (head.signed and head.signed > today):
        return verdict(Verdict.INVALID_SIGNATURE, "date")
    if not cert.valid_on(head.signed or day):
        return verdict(Verdict.EXPIRED, "certificate")
    if day < today - timedelta(days=max_age_days):
        return verdict(Verdict.EXPIRED, "age")
    if head.perimeter != "01" or head.doc_type not in PROOF_OF_ADDRESS:
        return verdict(Verdict.NOT_2DDOC, "type")
    return verdict(Verdict.VALID)
