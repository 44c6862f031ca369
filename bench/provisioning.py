"""Provisioning figures: a whole `station provision` against a real CERT service over loopback HTTPS (key,
CSR, TLS without client certificate, issuance, checks of the reply, files written), and the CERT's part
alone (CSR checks + certificate signature), in process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from bench._timing import Figure, median_ms
from cert.provisioning import StationRegistry
from cert.station_ca import Registration, StationIssuer, check_csr
from devstation.cert_service import CertService
from installer.pki import make_test_pki
from sync.provisioning import build_csr, provision

STATION = "DR-21231-02"
REGISTRATION = Registration(STATION, "21231", "Mairie de Dijon")


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231", "Mairie de Dijon")
    issuer = StationIssuer(pki.pem("station-ca"), pki.key("station-ca"), pki.pem("cert-ca"))
    csr_pem = build_csr(ec.generate_private_key(ec.SECP256R1()), STATION)

    def issue() -> x509.Certificate:
        csr = check_csr(csr_pem, STATION)
        assert isinstance(csr, x509.CertificateSigningRequest)
        return issuer.issue(csr, REGISTRATION)

    yield "provisioning.cert_issue", median_ms(issue, 50), "ms"

    service = CertService(pki, tmp / "cert-data")
    service.start()
    registry = StationRegistry(service.data_dir)
    runs = iter(range(1000))
    try:
        def once() -> None:
            token = registry.add(REGISTRATION)
            provision(service.url, token, STATION, pki.pem("cert-ca"), tmp / f"station-{next(runs)}")

        yield "provisioning.station_round_trip", median_ms(once, 15), "ms"
    finally:
        registry.close()
        service.stop()
