"""Who took the dossier: the CERT refuses a package whose agent signature is missing, wrong, or made by an
agent it must not accept (revoked, of another mairie, of another CA, expired, with no enrolling role)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cert.intake import IntakeError, PackageOpener
from devstation.agent_keys import KeyFileAgent
from devstation.factories import complete_dossier
from installer.pki import PkiPaths, make_crl
from sync.package import Sealer
from tests.cert.test_intake import _entries, _reseal
from tests.fixtures.pki import STATION_ID

KEY = "5d1f0c3a-8a77-4c55-9d0e-2f1c3b4a5e6d"


@pytest.fixture(scope="module")
def opener(pki: PkiPaths) -> PackageOpener:
    return PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"), 64 << 20,
                         pki.pem("agent-ca"), pki.pem("agent-crl"))


def _sealed_by(sealer: Sealer, pki: PkiPaths, card: str) -> bytes:
    agent = KeyFileAgent.load(pki.agent_pem(card), pki.agent_key(card))
    return sealer.seal(complete_dossier().model_copy(update={"id": KEY}), agent).data


def _refusal(opener: PackageOpener, data: bytes) -> IntakeError:
    with pytest.raises(IntakeError) as info:
        opener.open(data, peer_cn=STATION_ID, idempotency_key=KEY)
    return info.value


@pytest.mark.parametrize("card", ["agent", "supervisor"])
def test_a_package_signed_by_an_agent_of_the_mairie_opens_and_names_them(opener, sealer, pki, card):
    opened = opener.open(_sealed_by(sealer, pki, card), peer_cn=STATION_ID, idempotency_key=KEY)
    assert opened.agent_id == {"agent": "AG-0001", "supervisor": "AG-0002"}[card]
    assert set(opened.agent_files or {}) == {"agent-signature.der", "agent-certificate.pem"}
    assert "agent-certificate.pem" in opened.stored_files


@pytest.mark.parametrize(("card", "status", "code"), [
    ("revoked", 403, "agent_revoked"),
    ("other-mairie", 403, "agent_other_mairie"),
    ("foreign", 403, "agent_unknown"),
    ("expired", 403, "agent_expired"),
    ("technician", 403, "agent_role"),
])
def test_an_agent_the_cert_must_not_accept_is_refused(opener, sealer, pki, card, status, code):
    err = _refusal(opener, _sealed_by(sealer, pki, card))
    assert (err.status, err.code) == (status, code)


def test_a_package_without_the_agent_signature_is_refused(opener, sealer, pki):
    entries = _entries(pki, _sealed_by(sealer, pki, "agent"))
    for name in ("agent-signature.der", "agent-certificate.pem"):
        partial = {k: v for k, v in entries.items() if k != name}
        assert _refusal(opener, _reseal(sealer, partial, KEY)).code == "agent_signature_missing"


def test_a_wrong_agent_signature_or_another_agents_certificate_is_refused(opener, sealer, pki):
    entries = _entries(pki, _sealed_by(sealer, pki, "agent"))
    stranger = KeyFileAgent.load(pki.agent_pem("agent2"), pki.agent_key("agent2"))
    forged = {**entries, "agent-signature.der": stranger.key.sign(entries["manifest.json"], ec.ECDSA(hashes.SHA256()))}
    assert _refusal(opener, _reseal(sealer, forged, KEY)).code == "agent_bad_signature"
    swapped = {**entries, "agent-certificate.pem": pki.agent_pem("agent2").read_bytes()}
    assert _refusal(opener, _reseal(sealer, swapped, KEY)).code == "manifest_mismatch"


def test_without_a_current_revocation_list_no_package_is_accepted(sealer, pki, tmp_path):
    crl = tmp_path / "agent-crl.pem"
    shutil.copy(pki.pem("agent-crl"), crl)
    opener = PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"), 64 << 20,
                           pki.pem("agent-ca"), crl)
    data = _sealed_by(sealer, pki, "agent")
    opener.open(data, peer_cn=STATION_ID, idempotency_key=KEY)
    ca_key = serialization.load_pem_private_key(pki.key("agent-ca").read_bytes(), password=None)
    ca = x509.load_pem_x509_certificate(pki.pem("agent-ca").read_bytes())
    stale = make_crl(ca.subject, ca_key, [], days=1, now=datetime.now(UTC) - timedelta(days=3))  # type: ignore[arg-type]
    crl.write_bytes(stale.public_bytes(serialization.Encoding.PEM))
    assert _refusal(opener, data).code == "agent_crl_unavailable"
    crl.write_bytes(b"not a list")
    assert _refusal(opener, data).code == "agent_crl_unavailable"
    crl.unlink()
    assert _refusal(opener, data).code == "agent_crl_unavailable"
