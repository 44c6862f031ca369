"""Test 2D-Docs for tests and the demo: a throw-away certification authority (EC P-256, made afresh in
memory, never saved), its trust list, signed proof-of-address messages, tampered copies, and a scanned
page carrying the DataMatrix as a PNG."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from enrollment.documents.twoddoc.header import encode_date
from enrollment.documents.twoddoc.message import US, encode_fields

# A proof of address as an energy supplier would print it (type 01, invoice).
ADDRESS = {"12": "JEANNE", "13": "DUPONT", "22": "12 RUE VICTOR HUGO", "24": "75011", "25": "PARIS", "26": "FR"}


@dataclass(frozen=True)
class Authority:
    ca_id: str
    cert_id: str
    ca_cert: x509.Certificate
    signing_key: ec.EllipticCurvePrivateKey
    signing_cert: x509.Certificate


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Recueil test 2D-Doc"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject: str, issuer: str, key: ec.EllipticCurvePrivateKey, signer: ec.EllipticCurvePrivateKey,
          start: datetime, end: datetime, ca: bool) -> x509.Certificate:
    return (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(signer, hashes.SHA256()))


def make_authority(ca_id: str = "TS01", cert_id: str = "0001", valid_from: date = date(2020, 1, 1),
                   valid_until: date = date(2040, 1, 1)) -> Authority:
    """An authority and one signing certificate, valid over [valid_from, valid_until]."""
    start = datetime(valid_from.year, valid_from.month, valid_from.day, tzinfo=UTC)
    end = datetime(valid_until.year, valid_until.month, valid_until.day, tzinfo=UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_cert = _cert(ca_id, ca_id, ca_key, ca_key, start - timedelta(days=1), end + timedelta(days=1), True)
    return Authority(ca_id, cert_id, ca_cert, key, _cert(cert_id, ca_id, key, ca_key, start, end, False))


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(Encoding.PEM).decode()


def trust_list_json(*authorities: Authority, source: str = "test authority") -> bytes:
    """The trust list naming `authorities` and their signing certificates, in the station's format."""
    pem = _pem
    return json.dumps({
        "format": 1, "source": source, "issued": "2026-01-01",
        "authorities": [{"ca_id": a.ca_id, "operator": "test", "certificate": pem(a.ca_cert)} for a in authorities],
        "certificates": [{"ca_id": a.ca_id, "cert_id": a.cert_id, "certificate": pem(a.signing_cert)}
                         for a in authorities],
    }).encode()


def tsl_xml(*authorities: Authority, issued: str = "2026-01-01T11:00:00Z") -> bytes:
    """A trust service status list shaped as the ANTS's (ETSI TS 119 612), one provider per authority."""
    providers = "".join(
        f"<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang=\"fr\">Operator {a.ca_id}</Name>"
        f"</TSPName></TSPInformation><TSPServices><TSPService><ServiceInformation><ServiceDigitalIdentity>"
        f"<DigitalId><X509Certificate>{base64.b64encode(a.ca_cert.public_bytes(Encoding.DER)).decode()}"
        f"</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceInformation></TSPService>"
        f"</TSPServices></TrustServiceProvider>" for a in authorities)
    return (f'<?xml version="1.0" encoding="UTF-8"?><TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#">'
            f"<SchemeInformation><TSLSequenceNumber>1</TSLSequenceNumber><ListIssueDateTime>{issued}"
            f"</ListIssueDateTime></SchemeInformation><TrustServiceProviderList>{providers}"
            f"</TrustServiceProviderList></TrustServiceStatusList>").encode()


def sign(authority: Authority, signed_part: str) -> str:
    der = authority.signing_key.sign(signed_part.encode("latin-1"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return signed_part + US + base64.b32encode(raw).decode().rstrip("=")


def make_message(authority: Authority, emission: date, fields: dict[str, str] | None = None,
                 doc_type: str = "01", version: str = "04") -> str:
    """A signed 2D-Doc (C40 text) for a proof of address issued and signed on `emission`."""
    head = f"DC{version}{authority.ca_id}{authority.cert_id}{encode_date(emission)}{encode_date(emission)}{doc_type}"
    head += {"03": "01", "04": "01FR"}.get(version, "")
    return sign(authority, head + encode_fields(ADDRESS if fields is None else fields))


def tamper(text: str) -> str:
    """`text` with one character of the holder's data changed (the last letter of the street line)."""
    at = text.index("VICTOR HUGO") + len("VICTOR HUG")
    return text[:at] + "Z" + text[at + 1:]


def page_png(text: str, dpi: int = 300, module_mm: float = 0.5) -> bytes:
    """An A4 page scanned at `dpi` in grey, the DataMatrix printed at `module_mm` per module near its top
    right corner, as PNG bytes."""
    import zxingcpp
    from PIL import Image, ImageDraw

    code = zxingcpp.create_barcode(text.encode("latin-1"), zxingcpp.BarcodeFormat.DataMatrix)
    scale = max(1, round(module_mm / 25.4 * dpi))
    symbol = Image.fromarray(np.asarray(code.to_image(scale=scale, add_quiet_zones=True)))
    page = Image.new("L", (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)), 250)
    page.paste(symbol, (page.width - symbol.width - dpi // 2, dpi // 2))
    draw = ImageDraw.Draw(page)
    for n in range(12):  # a few lines of "text" so the reader has something else to look at
        draw.rectangle((dpi // 2, dpi * 3 + n * dpi // 4, page.width - dpi, dpi * 3 + n * dpi // 4 + dpi // 16), 60)
    out = io.BytesIO()
    page.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
