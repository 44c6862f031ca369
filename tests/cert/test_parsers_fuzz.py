"""The CERT's parsers of outside input, fuzzed (hypothesis): whatever arrives, each one answers
with its refusal type (IntakeError, a CsrRefusal, a fault string) or a result, never another exception.

The package is fuzzed layer by layer, each layer wrapped correctly around the fuzzed one beneath it, so
that the inner readers (ZIP, manifest, files, dossier.json) are reached and not only the outer header."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cert.intake import FORMAT, HPKE_NAME, MAGIC, SUITE, IntakeError, PackageOpener
from cert.json_body import parse
from cert.provisioning import ProvisionRequest
from cert.registry import token_hash
from cert.station_ca import CsrRefusal, check_csr
from cert.uploads import UploadStart
from installer.pki import PkiPaths
from tests.fixtures.pki import STATION_ID

KEY = "fuzz-key-1"
# Repeated entry names are a case worth sending (the CERT refuses them); zipfile warns as it writes them.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
# Nested far deeper than Python's recursion limit, and integers longer than its digit limit.
hostile_json = st.sampled_from([b"[" * 5000 + b"]" * 5000, b'{"a":' * 3000 + b"1" + b"}" * 3000,
                                b"[" * 2000 + b"]" * 2000,  # deep enough, and short enough for the header
                                b"9" * 5000, b'"\\ud800"', b"\xff\xfe", b""])
json_bytes = json_values.map(lambda v: json.dumps(v).encode()) | hostile_json | st.binary(max_size=200)
entry_names = st.sampled_from(["manifest.json", "manifest.sig", "signer.pem", "dossier.json", "biometrics.an2",
                               "../x", "A", "docs/x.pdf"]) | st.text(max_size=12)


class Layers:
    """Builds packages the way a station would, around whatever content the test chooses."""

    def __init__(self, pki: PkiPaths) -> None:
        self.opener = PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"),
                                    64 << 20, pki.pem("agent-ca"), pki.pem("agent-crl"))
        self.recipient_key = x509.load_pem_x509_certificate(pki.pem("cert-encryption").read_bytes()).public_key()
        self.signer_pem = pki.pem("station").read_bytes()
        key = serialization.load_pem_private_key(pki.key("station").read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        self.station_key = key

    def header(self) -> dict:
        return {"format": FORMAT, "hpke": HPKE_NAME, "station_id": STATION_ID, "idempotency_key": KEY,
                "recipient": self.opener.recipient}

    def seal(self, container: bytes, header: bytes | None = None) -> bytes:
        head = header if header is not None else json.dumps(self.header()).encode()
        return MAGIC + head + b"\n" + SUITE.encrypt(container, self.recipient_key, info=MAGIC + head)

    def signed_zip(self, manifest: bytes, files: dict[str, bytes]) -> bytes:
        signature = self.station_key.sign(manifest, ec.ECDSA(hashes.SHA256()))
        return _zip([("manifest.json", manifest), ("manifest.sig", signature), ("signer.pem", self.signer_pem),
                     *files.items()])

    def open(self, package: bytes) -> None:
        try:
            self.opener.open(package, peer_cn=STATION_ID, idempotency_key=KEY)
        except IntakeError as refusal:
            assert 400 <= refusal.status < 500 and refusal.code and refusal.detail


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


@pytest.fixture(scope="module")
def layers(pki: PkiPaths) -> Layers:
    return Layers(pki)


@FUZZ
@given(data=st.binary(max_size=600), prefix=st.sampled_from([b"", MAGIC]))
def test_any_bytes(layers: Layers, data: bytes, prefix: bytes) -> None:
    layers.open(prefix + data)


@FUZZ
@given(header=json_bytes | json_values.map(lambda v: json.dumps({"format": FORMAT, "hpke": HPKE_NAME,
                                                                  "station_id": v, "idempotency_key": v,
                                                                  "recipient": v}).encode()))
def test_any_header(layers: Layers, header: bytes) -> None:
    layers.open(MAGIC + header.replace(b"\n", b" ") + b"\n" + b"\0" * 80)
    layers.open(layers.seal(b"PK", header.replace(b"\n", b" ")))


@FUZZ
@given(container=st.binary(max_size=400) | st.lists(st.tuples(entry_names, st.binary(max_size=40)),
                                                      max_size=6).map(_zip))
def test_any_container(layers: Layers, container: bytes) -> None:
    layers.open(layers.seal(container))


@FUZZ
@given(manifest=json_bytes | st.lists(
    st.fixed_dictionaries({"name": entry_names, "sha256": st.text(max_size=70) | st.integers(),
                           "size": json_values}), max_size=4).map(
    lambda files: json.dumps({"format": FORMAT, "files": files}).encode()))
def test_any_signed_manifest(layers: Layers, manifest: bytes) -> None:
    layers.open(layers.seal(layers.signed_zip(manifest, {"dossier.json": b"{}", "biometrics.an2": b"x"})))


@FUZZ
@given(dossier=json_bytes)
def test_any_dossier_json_under_a_valid_manifest(layers: Layers, dossier: bytes) -> None:
    files = {"dossier.json": dossier, "biometrics.an2": b"an2"}
    manifest = json.dumps({
        "format": FORMAT, "station_id": STATION_ID, "idempotency_key": KEY, "recipient": layers.opener.recipient,
        "dossier_id": KEY,
        "files": [{"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files.items()],
    }).encode()
    layers.open(layers.seal(layers.signed_zip(manifest, files)))


@FUZZ
@given(token=st.text(max_size=300))
def test_any_token_hashes(token: str) -> None:
    assert len(token_hash(token)) == 64


pem_bodies = st.binary(max_size=300).map(
    lambda der: "-----BEGIN CERTIFICATE REQUEST-----\n" + base64.encodebytes(der).decode()
    + "-----END CERTIFICATE REQUEST-----\n")


@FUZZ
@given(csr=st.text(max_size=300) | pem_bodies, station=st.text(max_size=20))
def test_any_csr_is_parsed_or_refused(csr: str, station: str) -> None:
    outcome = check_csr(csr, station)
    assert isinstance(outcome, (CsrRefusal, x509.CertificateSigningRequest))


@FUZZ
@given(raw=json_bytes | json_values.map(lambda v: json.dumps({"token": v, "csr": v}).encode()))
def test_any_request_body_is_read_or_faulted(raw: bytes) -> None:
    for model in (ProvisionRequest, UploadStart):
        outcome = parse(raw, model)
        assert isinstance(outcome, (str, model))
