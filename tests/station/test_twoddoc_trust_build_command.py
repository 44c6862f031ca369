"""`station twoddoc-trust build`: a technician makes the trust list from the ANTS's TSL and the signing
certificates, installs it with `refresh`, and the station then verifies the documents those certificates
signed; a certificate set aside is said, with its reason, and the exit status says so."""

from __future__ import annotations

from datetime import date, timedelta

from cryptography.hazmat.primitives.serialization import Encoding

from devstation.twoddoc_maker import make_authority, make_message, tsl_xml
from station.cli import main
from tests.station.test_check_2ddoc_command import config  # noqa: F401 (fixture)


def test_a_list_built_from_the_tsl_is_installed_and_verifies_its_authority_s_documents(config, tmp_path,  # noqa: F811
                                                                                      capsys):
    authority, stranger = make_authority("TS01"), make_authority("TS01", cert_id="0009")
    (tmp_path / "tsl.xml").write_bytes(tsl_xml(authority))
    (tmp_path / "0001.pem").write_bytes(authority.signing_cert.public_bytes(Encoding.PEM))
    (tmp_path / "0009.pem").write_bytes(stranger.signing_cert.public_bytes(Encoding.PEM))
    (tmp_path / "code.txt").write_bytes(make_message(authority, date.today() - timedelta(days=3)).encode())
    out = tmp_path / "trust.json"

    assert main(["twoddoc-trust", "build", str(tmp_path / "tsl.xml"), str(tmp_path / "0001.pem"),
                 str(tmp_path / "0009.pem"), "--out", str(out)]) == 1  # one certificate set aside
    said = capsys.readouterr()
    assert "0009.pem (son autorité ne l'a pas signé)" in said.err
    assert "1 autorité(s), 1 certificat(s)" in said.out

    assert main(["--config", str(config), "twoddoc-trust", "refresh", str(out)]) == 0
    assert main(["--config", str(config), "check-2ddoc", str(tmp_path / "code.txt")]) == 0


def test_a_file_that_is_not_a_tsl_writes_nothing(tmp_path, capsys):
    (tmp_path / "page.html").write_bytes(b"<html><body>Liste</body></html>")
    assert main(["twoddoc-trust", "build", str(tmp_path / "page.html"), "--out", str(tmp_path / "t.json")]) == 1
    assert "Liste de confiance 2D-Doc refusée" in capsys.readouterr().err
    assert not (tmp_path / "t.json").exists()
