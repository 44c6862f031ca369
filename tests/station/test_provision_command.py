"""`station provision`, run as the installing technician would, against the real CERT service over HTTPS."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
import requests
from cryptography import x509

from cert.cli import main as cert_cli
from cert.lookups.seed import FEE_STAMPS
from devstation.cert_service import CertService
from installer.pki import PkiPaths
from station.cli import main
from sync import CertClient, TransportSettings

NEW_STATION = "DR-21231-02"


def add_station(svc: CertService, capsys: pytest.CaptureFixture[str], station_id: str = NEW_STATION) -> str:
    capsys.readouterr()
    assert cert_cli(["station", "add", station_id, "--data-dir", str(svc.data_dir)]) == 0
    return capsys.readouterr().out.strip()


def provision(svc: CertService, pki: PkiPaths, token: str, out: Path, *extra: str,
              trust_anchor: Path | None = None) -> int:
    return main(["provision", "--url", svc.url, "--token", token, "--trust-anchor",
                 str(trust_anchor or pki.pem("cert-ca")), "--out", str(out), *extra])


def test_a_provisioned_station_is_accepted_by_the_cert_under_its_new_id(cert_service, pki, capsys, tmp_path):
    token = add_station(cert_service, capsys)
    out = tmp_path / "pki"
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION) == 0
    printed = capsys.readouterr().out
    key, cert = out / "station.key", out / "station.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert f'client_cert = "{cert}"' in printed and f'client_key = "{key}"' in printed
    assert "[cert]" in printed and f"Certificat du poste {NEW_STATION} enregistré" in printed
    issued = x509.load_pem_x509_certificate(cert.read_bytes())
    assert issued.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == NEW_STATION
    assert (out / "station-chain.pem").read_bytes() == pki.pem("station-ca").read_bytes()

    # The station's own CERT client, with the new files, reaches an endpoint that needs a client identity.
    client = CertClient(TransportSettings(cert_service.url, pki.pem("cert-ca"), cert, key))
    try:
        reply = client.request("GET", f"/v1/fee-stamps/{FEE_STAMPS['valid_86']}")
    finally:
        client.close()
    assert reply.status_code == 200 and reply.json()["status"] == "valid"


def test_the_station_id_comes_from_the_configuration_and_the_token_from_stdin(
        cert_service, pki, capsys, tmp_path, monkeypatch):
    token = add_station(cert_service, capsys)
    config = tmp_path / "station.toml"
    config.write_text(f'station_id = "{NEW_STATION}"\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
    assert main(["--config", str(config), "provision", "--url", cert_service.url, "--token", "-",
                 "--trust-anchor", str(pki.pem("cert-ca")), "--out", str(tmp_path / "pki")]) == 0
    assert token not in capsys.readouterr().out


def test_a_lost_reply_is_resumed_with_the_same_key_and_gets_the_same_certificate(
        cert_service, pki, capsys, tmp_path, monkeypatch):
    token = add_station(cert_service, capsys)
    out = tmp_path / "pki"
    real_post = requests.Session.post

    def reply_lost(self, *args, **kwargs):
        real_post(self, *args, **kwargs)  # the CERT issues the certificate...
        raise requests.exceptions.ConnectionError("connection reset")  # ...and the answer never arrives

    monkeypatch.setattr(requests.Session, "post", reply_lost)
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION) == 1
    err = capsys.readouterr().err
    assert "injoignable" in err and "même jeton" in err and "station.key" in err
    assert (out / "station.key").exists() and not (out / "station.pem").exists()
    key_before = (out / "station.key").read_bytes()

    monkeypatch.setattr(requests.Session, "post", real_post)
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION) == 0
    assert (out / "station.key").read_bytes() == key_before
    serial = f"{x509.load_pem_x509_certificate((out / 'station.pem').read_bytes()).serial_number:x}"
    capsys.readouterr()
    assert cert_cli(["station", "list", "--data-dir", str(cert_service.data_dir)]) == 0
    assert serial in capsys.readouterr().out  # the certificate the CERT issued the first time


def test_refusals_are_explained_in_french_and_write_no_certificate(cert_service, pki, capsys, tmp_path):
    token = add_station(cert_service, capsys)
    assert provision(cert_service, pki, token, tmp_path / "a", "--station-id", NEW_STATION) == 0
    capsys.readouterr()

    cases = [
        (token, NEW_STATION, "a déjà servi"),  # used token, a new key in another folder
        ("not-a-token", NEW_STATION, "n'est pas reconnu"),
        (add_station(cert_service, capsys, "DR-21231-05"), NEW_STATION, "autre identifiant de poste"),
    ]
    for i, (tok, station_id, expected) in enumerate(cases):
        out = tmp_path / f"refused-{i}"
        assert provision(cert_service, pki, tok, out, "--station-id", station_id) == 1
        assert expected in capsys.readouterr().err
        assert not (out / "station.pem").exists()


def test_an_already_provisioned_folder_is_left_alone(cert_service, pki, capsys, tmp_path):
    out = tmp_path / "pki"
    assert provision(cert_service, pki, add_station(cert_service, capsys), out, "--station-id", NEW_STATION) == 0
    before = (out / "station.pem").read_bytes(), (out / "station.key").read_bytes()
    assert provision(cert_service, pki, add_station(cert_service, capsys), out, "--station-id", NEW_STATION) == 1
    assert "déjà un certificat" in capsys.readouterr().err
    assert ((out / "station.pem").read_bytes(), (out / "station.key").read_bytes()) == before


def test_a_server_not_issued_by_the_trust_anchor_is_refused(cert_service, pki, capsys, tmp_path,
                                                            tmp_path_factory):
    from installer.pki import make_test_pki

    other = make_test_pki(tmp_path_factory.mktemp("other") / "pki", NEW_STATION, "21231")
    token = add_station(cert_service, capsys)
    out = tmp_path / "pki"
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION,
                     trust_anchor=other.pem("cert-ca")) == 1
    assert "n'est pas celui du CERT attendu" in capsys.readouterr().err
    assert not (out / "station.pem").exists()
    # The token was not spent on the wrong server: the right one still honours it.
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION) == 0


def test_a_missing_station_id_or_token_is_a_usage_error(pki, capsys, tmp_path):
    assert main(["--config", str(tmp_path / "none.toml"), "provision", "--url", "https://127.0.0.1:9",
                 "--token", "t", "--trust-anchor", str(pki.pem("cert-ca"))]) == 2
    assert "Identifiant du poste inconnu" in capsys.readouterr().err
    assert main(["provision", "--url", "https://127.0.0.1:9", "--token", " ", "--station-id", NEW_STATION,
                 "--trust-anchor", str(pki.pem("cert-ca")), "--out", str(tmp_path)]) == 2
    assert "Jeton d'installation vide" in capsys.readouterr().err
    assert not (tmp_path / "station.key").exists()


def test_the_update_root_is_checked_then_installed_with_the_certificate(cert_service, pki, capsys, tmp_path):
    root = cert_service.updates.metadata / "1.root.json"
    forged = tmp_path / "forged-root.json"
    forged.write_bytes(root.read_bytes().replace(b'"version": 1', b'"version": 2'))  # its signatures no longer hold
    token = add_station(cert_service, capsys)
    out = tmp_path / "pki"
    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION, "--update-root", str(forged)) == 2
    assert "n'est pas la racine des mises à jour du CERT" in capsys.readouterr().err
    assert not (out / "station.pem").exists()  # refused before the token was spent

    assert provision(cert_service, pki, token, out, "--station-id", NEW_STATION, "--update-root", str(root)) == 0
    installed = out / "update-root.json"
    assert installed.read_bytes() == root.read_bytes()
    assert f'[updates]\ntrusted_root = "{installed}"' in capsys.readouterr().out
