"""The station's 2D-Doc trust list built from the ANTS's trust service status list (TSL, an ETSI TS 119 612
XML file) and the signing certificates the certification authorities publish.

The TSL names each authority (its operator, TSPName) and carries its certificate (DigitalId/X509Certificate);
the authority's id ("FR01") is that certificate's common name, as a 2D-Doc's header names it. The signing
certificates are separate files (PEM or DER): each is named by its issuer's common name (the authority) and
its own (the certificate id, "0001"), and kept only when its authority's certificate signed it; the others
are set aside with the reason. The TSL's own XML signature is not verified here: the technician takes the
file from the ANTS's site over HTTPS (docs/2d-doc.md).

The XML is read with the standard library's parser, which neither fetches external entities nor expands
nested ones without bound (expat ≥ 2.4)."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ...errors import EnrollmentError
from ...strings import message
from .trust import FORMAT, TrustList, load_trust_list


@dataclass(frozen=True)
class Authority:
    ca_id: str
    operator: str
    certificate: x509.Certificate


@dataclass(frozen=True)
class Built:
    data: bytes  # the trust list file (trust.py's format)
    trust: TrustList
    set_aside: list[tuple[str, str]]  # (file name, reason) of signing certificates left out


def _refuse(detail: str) -> EnrollmentError:
    return EnrollmentError("twoddoc.trust_invalid", message("twoddoc.trust_invalid", detail=detail))


def _common_name(name: x509.Name) -> str:
    found = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value).strip() if found else ""


def read_tsl(xml: bytes) -> tuple[list[Authority], str]:
    """The authorities the TSL lists, and its issue date (YYYY-MM-DD); EnrollmentError when it is not one."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise _refuse("TSL XML") from exc
    if not root.tag.endswith("TrustServiceStatusList"):
        raise _refuse("TSL")
    issued = (root.findtext(".//{*}ListIssueDateTime") or "").strip()[:10]
    authorities: dict[str, Authority] = {}
    for provider in root.findall(".//{*}TrustServiceProvider"):
        operator = (provider.findtext("./{*}TSPInformation/{*}TSPName/{*}Name") or "").strip()
        for encoded in provider.findall(".//{*}X509Certificate"):
            try:
                cert = x509.load_der_x509_certificate(base64.b64decode("".join((encoded.text or "").split())))
            except ValueError as exc:
                raise _refuse(f"TSL {operator}") from exc
            ca_id = _common_name(cert.subject)
            if ca_id:
                authorities.setdefault(ca_id, Authority(ca_id, operator, cert))
    if not authorities:
        raise _refuse("TSL")
    return sorted(authorities.values(), key=lambda a: a.ca_id), issued


def _load(data: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)


def build(tsl_xml: bytes, signing: dict[str, bytes], source: str) -> Built:
    """The trust list from the TSL and the signing certificates (file name → PEM or DER bytes)."""
    authorities, issued = read_tsl(tsl_xml)
    by_id = {a.ca_id: a for a in authorities}
    kept, set_aside = [], []
    for name, data in sorted(signing.items()):
        try:
            cert = _load(data)
        except ValueError:
            set_aside.append((name, "not_a_certificate"))
            continue
        ca_id, cert_id = _common_name(cert.issuer), _common_name(cert.subject)
        authority = by_id.get(ca_id)
        if authority is None:
            set_aside.append((name, "unknown_authority"))
            continue
        try:
            cert.verify_directly_issued_by(authority.certificate)
        except (InvalidSignature, ValueError, TypeError):
            set_aside.append((name, "not_signed_by_authority"))
            continue
        if not isinstance(cert.public_key(), ec.EllipticCurvePublicKey):
            set_aside.append((name, "not_ecdsa"))
            continue
        kept.append({"ca_id": ca_id, "cert_id": cert_id, "certificate": _pem(cert)})
    data = json.dumps({
        "format": FORMAT, "source": source, "issued": issued,
        "authorities": [{"ca_id": a.ca_id, "operator": a.operator, "certificate": _pem(a.certificate)}
                        for a in authorities],
        "certificates": kept}, indent=1, ensure_ascii=False).encode()
    return Built(data=data, trust=load_trust_list(data), set_aside=set_aside)


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()
