"""The CERT's checks of a sealed package, each refusal with its own clear reason.

Tampered packages are made the way an attacker or a faulty disk would: bytes flipped in the sealed file,
or a container rebuilt and encrypted again for the CERT's (public) key, which anyone can do, so that the
signature and digest checks, not the decryption, are what refuse it."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from cert.intake import IntakeError, PackageOpener
from devstation.factories import complete_dossier
from installer.pki import PkiPaths
from sync.package import Sealer
from sync.package import format as fmt
from tests.fixtures.pki import STATION_ID

KEY = "0b7e9c52-1f0e-4d1a-9a53-6f7b1a2c3d4e"


@pytest.fixture(scope="module")
def opener(pki: PkiPaths) -> PackageOpener:
    return PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"), 64 << 20,
                         pki.pem("agent-ca"), pki.pem("agent-crl"))


@pytest.fixture(scope="module")
def sealed(sealer: Sealer, agent_signer) -> bytes:
    return sealer.seal(complete_dossier().model_copy(update={"id": KEY}), agent_signer).data


def _refusal(opener: PackageOpener, data: bytes, peer: str = STATION_ID, key: str = KEY) -> IntakeError:
    with pytest.raises(IntakeError) as info:
        opener.open(data, peer_cn=peer, idempotency_key=key)
    return info.value


def test_intact_package_opens(opener: PackageOpener, sealed: bytes) -> None:
    opened = opener.open(sealed, peer_cn=STATION_ID, idempotency_key=KEY)
    assert opened.dossier["dossier_id"] == KEY and "biometrics.an2" in opened.files


@pytest.mark.parametrize("where", [0.0, 0.02, 0.1, 0.25, 0.5, 0.75, 0.999, 1.0])
def test_any_byte_flipped_is_refused(opener: PackageOpener, sealed: bytes, where: float) -> None:
    """Header, ciphertext or tag: one changed byte and the package is refused, never half-accepted."""
    i = min(len(sealed) - 1, int(where * len(sealed)))
    damaged = bytearray(sealed)
    damaged[i] ^= 0x01
    err = _refusal(opener, bytes(damaged))
    assert err.status == 400
    assert err.code in {"undecryptable", "malformed_package", "key_mismatch", "wrong_recipient"}
    if i > sealed.index(b"\n", len(fmt.MAGIC)):
        assert err.code == "undecryptable" and "altered" in err.detail


def test_truncated_package_is_refused(opener: PackageOpener, sealed: bytes) -> None:
    assert _refusal(opener, sealed[:-1]).code == "undecryptable"


def test_replay_under_another_key_or_from_another_station_is_refused(opener: PackageOpener, sealed: bytes) -> None:
    err = _refusal(opener, sealed, key="a-new-key")
    assert (err.status, err.code) == (400, "key_mismatch") and "replayed" in err.detail
    err = _refusal(opener, sealed, peer="DR-99999-01")
    assert (err.status, err.code) == (403, "station_mismatch")


def _reseal(sealer: Sealer, entries: dict[str, bytes], key: str = KEY) -> bytes:
    """Rebuild the container from `entries` and encrypt it again for the CERT, as anyone could."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    header = json.dumps({"format": fmt.FORMAT, "hpke": fmt.HPKE_NAME, "idempotency_key": key,
                         "recipient": fmt.certificate_fingerprint(sealer.recipient),
                         "station_id": sealer.station_id}, separators=(",", ":")).encode()
    public = sealer.recipient.public_key()
    return fmt.MAGIC + header + b"\n" + fmt.HPKE_SUITE.encrypt(buf.getvalue(), public, info=fmt.hpke_info(header))


def _entries(pki: PkiPaths, sealed: bytes) -> dict[str, bytes]:
    end = sealed.index(b"\n", len(fmt.MAGIC))
    key = serialization.load_pem_private_key(pki.key("cert-encryption").read_bytes(), password=None)
    inner = fmt.HPKE_SUITE.decrypt(sealed[end + 1:], key, info=fmt.hpke_info(sealed[len(fmt.MAGIC):end]))
    with zipfile.ZipFile(io.BytesIO(inner)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_rebuilt_container_is_accepted_when_untouched(opener: PackageOpener, sealer: Sealer, pki: PkiPaths,
                                                      sealed: bytes) -> None:
    """The helpers below change only what each test says: untouched, the rebuilt package opens."""
    opener.open(_reseal(sealer, _entries(pki, sealed)), peer_cn=STATION_ID, idempotency_key=KEY)


def test_file_changed_after_signing_fails_its_digest(opener: PackageOpener, sealer: Sealer, pki: PkiPaths,
                                                     sealed: bytes) -> None:
    entries = _entries(pki, sealed)
    doc = next(n for n in entries if n.startswith("documents/"))
    entries[doc] = entries[doc][:-1] + bytes([entries[doc][-1] ^ 1])
    err = _refusal(opener, _reseal(sealer, entries))
    assert (err.code, err.status) == ("digest_mismatch", 400) and doc in err.detail


def test_manifest_changed_after_signing_fails_the_signature(opener: PackageOpener, sealer: Sealer,
                                                            pki: PkiPaths, sealed: bytes) -> None:
    entries = _entries(pki, sealed)
    entries["manifest.json"] = entries["manifest.json"].replace(b'"sealed_at":"2', b'"sealed_at":"1')
    assert _refusal(opener, _reseal(sealer, entries)).code == "bad_signature"


def test_file_added_or_removed_is_refused(opener: PackageOpener, sealer: Sealer, pki: PkiPaths,
                                          sealed: bytes) -> None:
    entries = _entries(pki, sealed)
    assert _refusal(opener, _reseal(sealer, {**entries, "extra.json": b"{}"})).code == "unlisted_file"
    del entries["biometrics.an2"]
    assert _refusal(opener, _reseal(sealer, entries)).code == "missing_file"


def test_package_signed_by_an_unknown_station_is_refused(opener: PackageOpener, sealer: Sealer, agent_signer,
                                                         other_pki: PkiPaths) -> None:
    """Same station name, a certificate from a CA the CERT never knew: refused before anything is stored."""
    key = serialization.load_pem_private_key(other_pki.key("station").read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(other_pki.pem("station").read_bytes())
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    stranger = replace(sealer, signing_key=key, signing_certificate=cert)
    err = _refusal(opener, stranger.seal(complete_dossier().model_copy(update={"id": KEY}), agent_signer).data)
    assert (err.status, err.code) == (403, "unknown_station") and "did not issue" in err.detail


def test_signature_by_another_key_than_the_signer_certificate_is_refused(
        opener: PackageOpener, sealer: Sealer, pki: PkiPaths, sealed: bytes) -> None:
    entries = _entries(pki, sealed)
    entries["manifest.sig"] = ec.generate_private_key(ec.SECP256R1()).sign(entries["manifest.json"],
                                                                           ec.ECDSA(hashes.SHA256()))
    assert _refusal(opener, _reseal(sealer, entries)).code == "bad_signature"


def test_package_for_another_cert_key_is_refused(opener: PackageOpener, sealer: Sealer, agent_signer,
                                                 other_pki: PkiPaths) -> None:
    other = x509.load_pem_x509_certificate(other_pki.pem("cert-encryption").read_bytes())
    data = replace(sealer, recipient=other).seal(complete_dossier().model_copy(update={"id": KEY}), agent_signer).data
    assert _refusal(opener, data).code == "wrong_recipient"
