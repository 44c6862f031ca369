"""What `cert-server run` writes in its data folder is its user's only (files 0600, folders
0700), from creation, even when the folder was made wider and the caller's umask is lax."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import requests

from cert.lookups.seed import TITLES
from cert.lookups.titles import envelope_barcode
from cert.private_files import make_private
from devstation.cert_service import CertService


def _modes(root: Path) -> dict[str, int]:
    found = {str(root): stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_everything_the_service_writes_is_private(http: requests.Session, cert_service: CertService,
                                                 make_package) -> None:
    package = make_package("private-1")
    r = http.put(f"{cert_service.url}/v1/dossiers/private-1", data=package, timeout=30,
                 headers={"Content-SHA256": hashlib.sha256(package).hexdigest()})
    assert r.status_code == 201
    r = http.post(f"{cert_service.url}/v1/uploads/private-2", json={"size": 10, "sha256": "0" * 64}, timeout=10)
    assert r.status_code == 201  # a partial upload on disk
    r = http.post(f"{cert_service.url}/v1/envelopes/received", timeout=10,
                  json={"barcode": envelope_barcode(TITLES["sent_cni"])})
    assert r.status_code == 200  # an SMS in sms.jsonl
    modes = _modes(cert_service.data_dir)
    names = set(modes)
    # Each kind of file the service keeps, so that a store added later is covered by construction.
    for expected in ("cert.sqlite3", "cert.sqlite3-wal", "ephoto.sqlite3", "lookups.sqlite3", "stations.sqlite3",
                     "sms.jsonl", "uploads"):
        assert expected in names, expected
    assert any(n.startswith("uploads/") and n.endswith(".part") for n in names)
    wide = {name: oct(mode) for name, mode in modes.items()
            if mode != (0o700 if Path(cert_service.data_dir, name).is_dir() else 0o600)}
    assert wide == {}


def test_an_existing_wide_folder_is_narrowed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True, mode=0o755)
    (data / "cert.sqlite3").write_bytes(b"")
    os.chmod(data / "cert.sqlite3", 0o644)
    os.chmod(data, 0o755)
    make_private(data)
    assert _modes(data) == {str(data): 0o700, "uploads": 0o700, "cert.sqlite3": 0o600}
