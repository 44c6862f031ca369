"""Chunked upload at the CERT over real HTTPS (the service runs as a subprocess): offsets, resume after a
restart, per-station isolation, bounds. Whole deliveries with real packages are in tests/sync/test_upload.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cert import app as cert_app
from cert import uploads
from cert.partials import PartialStore
from devstation.cert_service import CertService
from installer.pki import PkiPaths
from tests.fixtures.pki import STATION_ID

KEY = "0d6a2b1e-7c3f-4e59-9a18-5b2c6d7e8f90"
DATA = os.urandom(10_000)  # not a package: these tests stop before the commit's checks, or test them
SHA = hashlib.sha256(DATA).hexdigest()


def _url(svc: CertService, key: str = KEY, tail: str = "") -> str:
    return f"{svc.url}/v1/uploads/{key}{tail}"


def _create(http: requests.Session, svc: CertService, size: int = len(DATA), sha: str = SHA,
            key: str = KEY) -> requests.Response:
    return http.post(_url(svc, key), json={"size": size, "sha256": sha}, timeout=10)


def _patch(http: requests.Session, svc: CertService, offset: int, chunk: bytes,
           key: str = KEY) -> requests.Response:
    return http.patch(_url(svc, key), data=chunk, headers={"Upload-Offset": str(offset)}, timeout=30)


def _complete(http: requests.Session, svc: CertService, sha: str = SHA, key: str = KEY) -> requests.Response:
    return http.post(_url(svc, key, "/complete"), json={"sha256": sha}, timeout=10)


def _error(r: requests.Response) -> str:
    return r.json()["error"]


@pytest.fixture
def second_station(pki: PkiPaths, tmp_path: Path) -> Iterator[requests.Session]:
    """Another station of the same CERT: a client certificate issued here by the test PKI's station CA."""
    ca_key = serialization.load_pem_private_key(pki.key("station-ca").read_bytes(), password=None)
    ca = x509.load_pem_x509_certificate(pki.pem("station-ca").read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "DR-21231-02")]))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    cert_path, key_path = tmp_path / "station-2.pem", tmp_path / "station-2.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    s = requests.Session()
    s.trust_env = False
    s.cert = (str(cert_path), str(key_path))
    s.verify = str(pki.pem("cert-ca"))
    yield s
    s.close()


def test_bounds_are_those_of_the_one_shot_put() -> None:
    assert uploads.MAX_PACKAGE_BYTES == cert_app.MAX_PACKAGE_BYTES
    assert uploads.KEY_PATTERN.pattern == cert_app.KEY_PATTERN.pattern


def test_create_then_resume_reports_what_the_cert_holds(http: requests.Session, cert_service: CertService) -> None:
    r = _create(http, cert_service)
    assert r.status_code == 201
    assert r.json() == {"offset": 0, "size": len(DATA), "chunk_max": uploads.CHUNK_MAX_BYTES}
    assert _patch(http, cert_service, 0, DATA[:4000]).json() == {"offset": 4000, "size": len(DATA)}
    again = _create(http, cert_service)
    assert (again.status_code, again.json()["offset"]) == (200, 4000)


def test_partial_survives_a_restart_and_is_stored_under_a_hashed_name(
    http: requests.Session, cert_service: CertService
) -> None:
    _create(http, cert_service)
    _patch(http, cert_service, 0, DATA[:3000])
    cert_service.stop()
    cert_service.start()
    assert _create(http, cert_service).json()["offset"] == 3000
    names = [p.name for p in (cert_service.data_dir / "uploads").iterdir()]
    assert names and not any(KEY in n for n in names)
    assert _patch(http, cert_service, 3000, DATA[3000:]).json()["offset"] == len(DATA)


def test_chunk_at_the_wrong_offset_gets_the_cert_offset(http: requests.Session, cert_service: CertService) -> None:
    _create(http, cert_service)
    _patch(http, cert_service, 0, DATA[:1000])
    for offset in (0, 2000):  # a chunk sent twice, a chunk skipped
        r = _patch(http, cert_service, offset, DATA[offset:offset + 1000])
        assert (r.status_code, _error(r), r.json()["offset"]) == (409, "offset_mismatch", 1000)
    assert _create(http, cert_service).json()["offset"] == 1000  # nothing was written


def test_commit_before_the_last_byte_is_refused_with_the_offset(
    http: requests.Session, cert_service: CertService
) -> None:
    _create(http, cert_service)
    _patch(http, cert_service, 0, DATA[:5000])
    r = _complete(http, cert_service)
    assert (r.status_code, _error(r), r.json()["offset"]) == (409, "incomplete", 5000)
    assert cert_service.received() == []


def test_a_real_package_in_chunks_is_received_once(
    http: requests.Session, make_package, cert_service: CertService
) -> None:
    package = make_package(KEY)
    sha = hashlib.sha256(package).hexdigest()
    _create(http, cert_service, size=len(package), sha=sha)
    half = len(package) // 2
    _patch(http, cert_service, 0, package[:half])
    _patch(http, cert_service, half, package[half:])
    first = _complete(http, cert_service, sha=sha)
    assert first.status_code == 201 and first.json()["receipt"]
    assert not any((cert_service.data_dir / "uploads").iterdir())  # delivered: the partial is gone
    # The commit's reply was lost: announcing again says so, committing again gives the same receipt.
    assert _create(http, cert_service, size=len(package), sha=sha).json() == {
        "offset": len(package), "size": len(package), "received": True}
    again = _complete(http, cert_service, sha=sha)
    assert (again.status_code, again.json()) == (200, first.json())
    assert len(cert_service.received()) == 1
    other = hashlib.sha256(b"another package").hexdigest()
    assert _error(_create(http, cert_service, size=10, sha=other)) == "key_conflict"


def test_assembled_bytes_go_through_the_package_checks(http: requests.Session, cert_service: CertService) -> None:
    _create(http, cert_service)
    _patch(http, cert_service, 0, DATA)
    r = _complete(http, cert_service)
    assert r.status_code == 400  # random bytes are no package: the same refusal as a PUT of them
    assert cert_service.received() == []


def test_bytes_that_do_not_match_their_digest_are_dropped(http: requests.Session, cert_service: CertService) -> None:
    wrong = hashlib.sha256(b"another package").hexdigest()
    _create(http, cert_service, sha=wrong)
    _patch(http, cert_service, 0, DATA)
    r = _complete(http, cert_service, sha=wrong)
    assert (r.status_code, _error(r)) == (400, "digest_mismatch")
    assert _create(http, cert_service, sha=wrong).status_code == 201  # the next attempt starts clean


def test_same_key_with_another_package_is_a_conflict(http: requests.Session, cert_service: CertService) -> None:
    _create(http, cert_service)
    r = _create(http, cert_service, size=len(DATA) + 1)
    assert (r.status_code, _error(r)) == (409, "upload_conflict")
    other = hashlib.sha256(b"x").hexdigest()
    assert _error(_create(http, cert_service, sha=other)) == "upload_conflict"
    assert _error(_complete(http, cert_service, sha=other)) == "upload_conflict"


def test_another_station_cannot_see_or_extend_an_upload(
    http: requests.Session, second_station: requests.Session, cert_service: CertService
) -> None:
    _create(http, cert_service)
    _patch(http, cert_service, 0, DATA[:4000])
    r = _patch(second_station, cert_service, 4000, DATA[4000:])
    assert (r.status_code, _error(r)) == (404, "upload_unknown")
    assert _error(_complete(second_station, cert_service)) == "upload_unknown"
    theirs = _create(second_station, cert_service)  # its own upload under the key, from zero
    assert (theirs.status_code, theirs.json()["offset"]) == (201, 0)
    _patch(second_station, cert_service, 0, b"\0" * 100)
    assert _create(http, cert_service).json()["offset"] == 4000  # ours is untouched


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"size": 0, "sha256": SHA}, 400, "upload_bad_request"),
    ({"size": 64 * 1024 * 1024 + 1, "sha256": SHA}, 413, "too_large"),
    ({"size": 10, "sha256": "ABC"}, 400, "upload_bad_request"),
    ({"sha256": SHA}, 400, "upload_bad_request"),
])
def test_announcements_out_of_bounds_are_refused(
    body: dict, status: int, code: str, http: requests.Session, cert_service: CertService
) -> None:
    r = http.post(_url(cert_service), json=body, timeout=10)
    assert (r.status_code, _error(r)) == (status, code)
    assert r.json()["detail"]


def test_chunks_out_of_bounds_are_refused(http: requests.Session, cert_service: CertService) -> None:
    assert _error(_patch(http, cert_service, 0, b"x")) == "upload_unknown"
    _create(http, cert_service)
    r = _patch(http, cert_service, 0, DATA + b"tail")
    assert (r.status_code, _error(r)) == (400, "beyond_size")
    r = http.patch(_url(cert_service), data=DATA[:10], timeout=10)  # no Upload-Offset
    assert (r.status_code, _error(r)) == (400, "bad_offset")
    r = _patch(http, cert_service, 0, b"\0" * (uploads.CHUNK_MAX_BYTES + 1))
    assert (r.status_code, _error(r)) == (413, "chunk_too_large")
    r = _create(http, cert_service, key="not%20a%20key")
    assert (r.status_code, _error(r)) == (400, "invalid_key")
    assert _create(http, cert_service).json()["offset"] == 0


def test_no_client_certificate_no_upload(pki: PkiPaths, cert_service: CertService) -> None:
    with requests.Session() as anonymous:
        anonymous.trust_env = False
        anonymous.verify = str(pki.pem("cert-ca"))
        r = _create(anonymous, cert_service)  # type: ignore[arg-type]
    assert (r.status_code, _error(r)) == (403, "no_client_identity")


def test_stale_partials_are_removed_when_the_service_starts(
    http: requests.Session, cert_service: CertService
) -> None:
    _create(http, cert_service)
    _create(http, cert_service, key="fresh-upload")
    folder = cert_service.data_dir / "uploads"
    cert_service.stop()
    old = time.time() - 8 * 24 * 3600
    fresh = PartialStore.name(STATION_ID, "fresh-upload")
    for path in folder.iterdir():
        if not path.name.startswith(fresh):
            os.utime(path, (old, old))
    cert_service.start()
    assert sorted(p.name for p in folder.iterdir()) == [f"{fresh}.json", f"{fresh}.part"]
    assert _create(http, cert_service).status_code == 201  # the stale upload is gone: a new one starts
