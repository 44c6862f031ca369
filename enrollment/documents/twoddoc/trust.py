"""The 2D-Doc trust list: the certification authorities the ANTS lists (its TSL) and the signing
certificates they issued, which a 2D-Doc names by authority id and certificate id.

The station never fetches it at the counter: the package embeds one (trust_list.json, its origin in its
`source`), and a technician installs a newer one (`station twoddoc-trust refresh FILE`). A signing
certificate is kept only when its authority's certificate signed it, so a list cannot smuggle in a key
the ANTS did not vouch for.

File format (JSON): {"format": 1, "source": str, "issued": "YYYY-MM-DD",
  "authorities": [{"ca_id": "FR05", "operator": str, "certificate": PEM}],
  "certificates": [{"ca_id": "FR05", "cert_id": "0001", "certificate": PEM}]}"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec

from ...errors import EnrollmentError
from ...strings import message

FORMAT = 1


@dataclass(frozen=True)
class SigningCertificate:
    ca_id: str
    cert_id: str
    key: ec.EllipticCurvePublicKey
    not_before: date
    not_after: date

    def valid_on(self, day: date) -> bool:
        return self.not_before <= day <= self.not_after


@dataclass(frozen=True)
class TrustList:
    source: str
    issued: str
    authorities: frozenset[str]
    certificates: dict[tuple[str, str], SigningCertificate] = field(default_factory=dict)

    def find(self, ca_id: str, cert_id: str) -> SigningCertificate | None:
        return self.certificates.get((ca_id, cert_id))


def _refuse(detail: str) -> EnrollmentError:
    return EnrollmentError("twoddoc.trust_invalid", message("twoddoc.trust_invalid", detail=detail))


def _certificate(entry: dict, where: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(str(entry["certificate"]).encode())
    except (KeyError, ValueError) as exc:
        raise _refuse(where) from exc


def load_trust_list(data: bytes) -> TrustList:
    """The list in `data`; raises EnrollmentError (French message) when it is not a valid trust list."""
    try:
        doc = json.loads(data)
        if doc["format"] != FORMAT:
            raise _refuse("format")
        authorities = {str(a["ca_id"]): _certificate(a, str(a["ca_id"])) for a in doc["authorities"]}
        entries = [(str(c["ca_id"]), str(c["cert_id"]), c) for c in doc["certificates"]]
        source, issued = str(doc["source"]), str(doc["issued"])
    except (ValueError, KeyError, TypeError) as exc:
        raise _refuse("JSON") from exc
    certificates: dict[tuple[str, str], SigningCertificate] = {}
    for ca_id, cert_id, entry in entries:
        where = f"{ca_id}/{cert_id}"
        cert = _certificate(entry, where)
        if ca_id not in authorities:
            raise _refuse(where)
        try:
            cert.verify_directly_issued_by(authorities[ca_id])
        except (InvalidSignature, ValueError, TypeError) as exc:  # not its signature, or a key it cannot check
            raise _refuse(where) from exc
        key = cert.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise _refuse(where)
        certificates[(ca_id, cert_id)] = SigningCertificate(
            ca_id=ca_id, cert_id=cert_id, key=key, not_before=cert.not_valid_before_utc.date(),
            not_after=cert.not_valid_after_utc.date())
    return TrustList(source=source, issued=issued, authorities=frozenset(authorities), certificates=certificates)


def embedded_trust_list() -> TrustList:
    """The list shipped with the station (see its `source`)."""
    return load_trust_list((resources.files(__package__) / "trust_list.json").read_bytes())
