"""The station's checks of a provisioning reply: nothing is accepted that is not the certificate it asked for.
Replies are issued by the real station CA code of the reference CERT, then altered as a buggy CERT or a
corrupted reply would. Which station CA issues is the CERT's word: the station knows only the CERT root,
and the reply comes over TLS authenticated by it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from cert.station_ca import Registration, StationIssuer
from installer.pki import PkiPaths
from sync.errors import SyncError
from sync.provisioning import ProvisionReply, build_csr, check_reply, load_or_create_key

STATION = "DR-21231-02"


def issuer(pki: PkiPaths) -> StationIssuer:
    return StationIssuer(pki.pem("station-ca"), pki.key("station-ca"), pki.pem("cert-ca"))


def reply_for(pki: PkiPaths, key: ec.EllipticCurvePrivateKey, station_id: str = STATION,
              now: dt.datetime | None = None) -> ProvisionReply:
    ca = issuer(pki)
    csr = x509.load_pem_x509_csr(build_csr(key, station_id).encode())
    cert = ca.issue(csr, Registration(station_id, "21231", "Mairie de Dijon"), now)
    return ProvisionReply(cert, [ca.ca_certificate],
                          x509.load_pem_x509_certificate(ca.trust_anchor_pem.encode()), 201)


def anchor(pki: PkiPaths) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pki.pem("cert-ca").read_bytes())


def test_the_genuine_reply_passes(pki):
    key = ec.generate_private_key(ec.SECP256R1())
    check_reply(reply_for(pki, key), key, STATION, anchor(pki))


def _forgeries(pki: PkiPaths, other: PkiPaths, key: ec.EllipticCurvePrivateKey) -> dict[str, ProvisionReply]:
    genuine = reply_for(pki, key)
    return {
        "another key": reply_for(pki, ec.generate_private_key(ec.SECP256R1())),
        "another station": reply_for(pki, key, "DR-21231-01"),
        "not yet valid": reply_for(pki, key, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=2)),
        "chain of another CA": replace(genuine, chain=reply_for(other, key).chain),
        "no chain": replace(genuine, chain=[]),
        "another trust anchor": replace(genuine, trust_anchor=reply_for(other, key).trust_anchor),
        "the CA as the certificate": replace(genuine, certificate=genuine.chain[0]),
    }


@pytest.mark.parametrize("forgery", ["another key", "another station", "not yet valid",
                                     "chain of another CA", "no chain", "another trust anchor",
                                     "the CA as the certificate"])
def test_a_reply_that_is_not_our_certificate_is_refused(forgery, pki, other_pki):
    key = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(SyncError) as caught:
        check_reply(_forgeries(pki, other_pki, key)[forgery], key, STATION, anchor(pki))
    assert caught.value.code == "provision.reply_invalid" and not caught.value.retryable
    assert "Rien n'a été enregistré" in caught.value.message


def test_the_key_is_private_reused_after_a_failure_and_refused_if_not_p256(tmp_path):
    path = tmp_path / "pki" / "station.key"
    key = load_or_create_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_key(path).private_numbers() == key.private_numbers()
    path.write_text("not a key")
    with pytest.raises(SyncError) as caught:
        load_or_create_key(path)
    assert caught.value.code == "provision.key_unusable" and str(path) in caught.value.message
