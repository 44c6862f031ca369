"""`station diagnose` warns a month before the station's certificate expires, with the command to run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from installer.pki import PkiPaths
from installer.station_config import write_station
from station.cli import main
from tests.fixtures.station import station_setup


def short_lived_station_certificate(pki: PkiPaths, path: Path, days: int) -> Path:
    """The test station's certificate again, issued by the station CA for only `days` days."""
    current = x509.load_pem_x509_certificate(pki.pem("station").read_bytes())
    ca = x509.load_pem_x509_certificate(pki.pem("station-ca").read_bytes())
    ca_key = serialization.load_pem_private_key(pki.key("station-ca").read_bytes(), password=None)
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(current.subject).issuer_name(ca.subject)
            .public_key(current.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=days))
            .sign(ca_key, hashes.SHA256()))  # type: ignore[arg-type]
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def config_with(pki, hw_mocks, tmp_path, days: int) -> Path:
    cert = short_lived_station_certificate(pki, tmp_path / f"station-{days}.pem", days)
    setup = station_setup(pki, "https://127.0.0.1:9", hw_mocks, tmp_path / "station", client_cert=cert,
                          client_key=pki.key("station"))
    return write_station(setup, tmp_path / f"station-{days}.toml")


def test_diagnose_warns_of_a_certificate_expiring_within_30_days_with_every_device(
        pki, hw_mocks, tmp_path, capsys):
    config = config_with(pki, hw_mocks, tmp_path, days=12)
    main(["--config", str(config), "diagnose"])
    out = capsys.readouterr().out
    warning = next(line for line in out.splitlines() if "expire le" in line)
    assert "⚠" in warning and "station renew-certificate" in warning and "dans 11 jours" in warning

    assert main(["--config", str(config), "diagnose", "certificate", "--json"]) == 0  # a warning, not a failure
    [report] = json.loads(capsys.readouterr().out)
    assert report["checks"][0]["warning"] is True and report["checks"][0]["ok"] is True


def test_diagnose_does_not_warn_for_a_certificate_valid_longer(pki, hw_mocks, tmp_path, capsys):
    config = config_with(pki, hw_mocks, tmp_path, days=90)
    assert main(["--config", str(config), "diagnose", "certificate"]) == 0
    out = capsys.readouterr().out
    assert "⚠" not in out and "valable jusqu'au" in out


def test_the_diagnostics_page_warns_too(pki, make_station, make_window, tmp_path):
    cert = short_lived_station_certificate(pki, tmp_path / "short.pem", days=12)
    window = make_window(make_station(client_cert=cert, client_key=pki.key("station")))
    window.diagnostics.run()
    first = window.diagnostics.report.toPlainText().splitlines()[:2]
    assert first[0].startswith("OK  certificate") and "⚠" in first[1] and "station renew-certificate" in first[1]
