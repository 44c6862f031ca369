"""Reference lists from the real CERT over HTTPS with the test PKI: a newer fee table published by the CERT
operator changes the fee the domain computes; a tampered cache, a forged envelope or an older version
replayed changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cert.reference_data import ReferenceStore
from devstation.cert_service import REPO_ROOT, CertService
from enrollment.fees import fee_due
from enrollment.model import Reason, TitleType
from installer.pki import PkiPaths
from sync import CertClient
from sync.reference.cache import ReferenceCache
from sync.reference.envelope import REFERENCE_SIGNING_EKU
from sync.reference.fetch import refresh
from sync.reference.queue import ReferenceQueue
from sync.reference.rules_set import published_rules, rules_payload

from .conftest import refused

LISTS = ("rules", "twoddoc-trust", "communes")
ADULT = date(1980, 1, 1)


def publish(cert: CertService, name: str, payload: dict | bytes, *extra: str, suffix: str = ".json") -> str:
    """`cert-server reference publish`, as the CERT operator runs it."""
    source = cert.data_dir.parent / f"{name}-new{suffix}"
    source.write_bytes(payload if isinstance(payload, bytes) else json.dumps(payload).encode())
    done = subprocess.run([sys.executable, "-m", "cert.cli", "reference", "publish", name, str(source),
                           "--data-dir", str(cert.data_dir), "--pki", str(cert.pki.root), *extra],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def adult_passport_fee(cache: ReferenceCache) -> Decimal:
    held = cache.current("rules")
    assert held is not None
    return fee_due(TitleType.PASSPORT, Reason.FIRST, ADULT, date.today(), published_rules(held).rules)


@pytest.fixture
def cache(pki: PkiPaths, tmp_path: Path) -> ReferenceCache:
    return ReferenceCache(tmp_path / "station-reference", pki.pem("cert-ca").read_bytes(), LISTS)


def test_a_newer_fee_table_published_at_the_cert_changes_the_fee_after_refresh(
        client: CertClient, cache: ReferenceCache, cert_service: CertService) -> None:
    assert refresh(client, cache) == {"rules": True}
    assert cache.current("rules").version == 1
    assert adult_passport_fee(cache) == Decimal("86")

    newer = rules_payload()
    newer["rules"]["passport_fee_adult"] = "96"
    assert publish(cert_service, "rules", newer, "--max-age-days", "60") == "rules version 2"

    assert refresh(client, cache)["rules"] is True
    assert cache.current("rules").version == 2
    assert adult_passport_fee(cache) == Decimal("96")
    # Written whole in the station's folder: a new cache over it reads the same verified list.
    again = ReferenceCache(cache.folder, cache.trust_anchor_pem, LISTS)
    assert again.current("rules").version == 2 and not again.problems


def test_a_tampered_cached_file_is_refused_and_changes_nothing(client: CertClient, cache: ReferenceCache) -> None:
    refresh(client, cache)
    path = cache.path("rules")
    outer = json.loads(path.read_bytes())
    content = json.loads(base64.b64decode(outer["content"]))
    cheaper = rules_payload()
    cheaper["rules"]["passport_fee_adult"] = "1"
    content["payload"] = base64.b64encode(json.dumps(cheaper).encode()).decode()
    outer["content"] = base64.b64encode(json.dumps(content).encode()).decode()
    path.write_text(json.dumps(outer))

    restarted = ReferenceCache(cache.folder, cache.trust_anchor_pem, LISTS)
    assert restarted.current("rules") is None  # the software's own table, not the edited one
    problem = restarted.problems["rules"]
    assert problem.code == "reference.invalid"
    assert "signature" in problem.message and "inchangée" in problem.message
    # In the running station the last verified list stays in force.
    cache.reload()
    assert adult_passport_fee(cache) == Decimal("86")


def _forge(tmp_path: Path, key_path: Path, cert_path: Path) -> bytes:
    forged = rules_payload()
    forged["rules"]["passport_fee_adult"] = "0"
    store = ReferenceStore(tmp_path / "forger")
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "rules.json").unlink(missing_ok=True)
    for _ in range(5):  # a version far above the station's: only the signature may stop it
        envelope = store.publish("rules", json.dumps(forged).encode(), "application/json", 30, key_path, cert_path)
    return envelope.data


def _self_signed_reference_signer(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CERT reference data")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([REFERENCE_SIGNING_EKU]), critical=False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "self.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
    (tmp_path / "self.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return tmp_path / "self.key", tmp_path / "self.pem"


@pytest.mark.parametrize("signer", ["other_pki", "self_signed", "receipt_key"])
def test_a_forged_envelope_is_refused_and_changes_nothing(
        signer: str, client: CertClient, cache: ReferenceCache, pki: PkiPaths, other_pki: PkiPaths,
        cert_service: CertService, tmp_path: Path) -> None:
    refresh(client, cache)
    key_path, cert_path = {
        "other_pki": (other_pki.key("cert-reference"), other_pki.pem("cert-reference")),
        "self_signed": _self_signed_reference_signer(tmp_path),
        # Our own CERT's root issued it, but to sign receipts: it may not sign reference data.
        "receipt_key": (pki.key("cert-receipt"), pki.pem("cert-receipt")),
    }[signer]
    forged = _forge(tmp_path, key_path, cert_path)

    error = refused(cache.install, "rules", forged)
    assert error.code == "reference.invalid"
    # Served by the CERT itself (a compromised file store): still refused at the station.
    (cert_service.data_dir / "reference" / "rules.json").write_bytes(forged)
    outcome = refresh(client, cache)
    assert outcome["rules"].code == "reference.invalid"
    assert cache.current("rules").version == 1
    assert adult_passport_fee(cache) == Decimal("86")
    assert "reference.invalid" == cache.problems["rules"].code


def test_a_replayed_older_version_is_refused(client: CertClient, cache: ReferenceCache,
                                             cert_service: CertService) -> None:
    refresh(client, cache)
    first = cache.current("rules").envelope
    newer = rules_payload()
    newer["rules"]["passport_fee_adult"] = "96"
    publish(cert_service, "rules", newer)
    refresh(client, cache)
    assert cache.current("rules").version == 2

    error = refused(cache.install, "rules", first)
    assert error.code == "reference.rollback" and "version 1" in error.message
    # The CERT (or whoever answers in its name) serves version 1 again: refused, version 2 stays.
    (cert_service.data_dir / "reference" / "rules.json").write_bytes(first)
    assert refresh(client, cache)["rules"].code == "reference.rollback"
    assert cache.current("rules").version == 2
    assert adult_passport_fee(cache) == Decimal("96")


def test_a_list_the_software_does_not_understand_is_refused(client: CertClient, cache: ReferenceCache,
                                                            cert_service: CertService) -> None:
    publish(cert_service, "rules", {"rules": {"passport_fee_adult": "lots"}})
    refresh(client, cache)
    assert refused(published_rules, cache.current("rules")).code == "reference.invalid"


def test_the_outbox_thread_refreshes_at_start_then_on_its_schedule(client: CertClient, cache: ReferenceCache,
                                                                   cert_service: CertService) -> None:
    queue = ReferenceQueue(cache, client, timedelta(hours=6), lambda attempts, retryable: 60.0)
    start = datetime.now(UTC)
    assert queue.run_once(start) == 1  # the first round, at the station's start
    newer = rules_payload()
    newer["rules"]["passport_fee_adult"] = "96"
    publish(cert_service, "rules", newer)
    assert queue.run_once(start + timedelta(hours=1)) == 0  # not due yet: nothing asked
    assert cache.current("rules").version == 1
    assert queue.next_attempt_at() == start + timedelta(hours=6)
    assert queue.run_once(start + timedelta(hours=6, seconds=1)) == 1
    assert adult_passport_fee(cache) == Decimal("96")


def test_an_unreachable_cert_keeps_the_lists_and_retries_later(offline: CertClient, cache: ReferenceCache) -> None:
    queue = ReferenceQueue(cache, offline, timedelta(hours=6), lambda attempts, retryable: 60.0)
    now = datetime.now(UTC)
    assert queue.run_once(now) == 0
    assert queue.next_attempt_at() == now + timedelta(seconds=60)
    assert cache.current("rules") is None  # the software's own values stay in force
    error = refused(refresh, offline, cache)
    assert error.code == "reference.unreachable" and "réessaiera" in error.message
