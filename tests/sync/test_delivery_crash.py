"""Envelope scans survive a kill -9 of the station at the worst moment — the CERT has registered an envelope
and sent its SMS, the station has not recorded the answer — and the next start registers nothing twice."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from cert.lookups.seed import TITLES
from cert.lookups.sms import SMS_FILE, read_file
from cert.lookups.titles import envelope_barcode
from devstation.cert_service import CertService
from enrollment.store import DeliveryKind, DeliveryState, FileKeyProvider, Store
from installer.pki import PkiPaths
from tests.sync.delivery_child import PRELUDE

REPO_ROOT = Path(__file__).resolve().parents[2]

# The station's side as a process of its own: scan the barcodes given (if any), then send until nothing waits.
CHILD = PRELUDE + """
barcodes = json.loads(sys.argv[4])
for barcode in barcodes:
    queue.scan_envelope(barcode)
print("scanned", flush=True)
while store.deliveries.queued():
    queue.run_once(now_utc())
print("done", flush=True)
"""


def sms_to(cert_service: CertService) -> list[str]:
    path = cert_service.data_dir / SMS_FILE
    return [m.to for m in read_file(path)] if path.exists() else []


def start(store_dir: Path, pki: PkiPaths, cert_service: CertService, barcodes: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(store_dir), str(pki.root), cert_service.url,
                             json.dumps(barcodes)], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)


def test_a_station_killed_as_the_cert_registers_an_envelope_sends_no_second_sms(
        tmp_path: Path, pki: PkiPaths, cert_service: CertService):
    store_dir = tmp_path / "station"
    store_dir.mkdir()
    FileKeyProvider(store_dir / "store.key").create()
    barcodes = [envelope_barcode(TITLES["sent_cni"]), envelope_barcode(TITLES["sent_passport"])]

    child = start(store_dir, pki, cert_service, barcodes)
    assert child.stdout is not None and child.stdout.readline().strip() == "scanned"
    deadline = time.monotonic() + 60
    while not sms_to(cert_service) and time.monotonic() < deadline:  # the first registration has happened
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert sms_to(cert_service), "the CERT never registered the first envelope"

    again = start(store_dir, pki, cert_service, [])  # the next start: nobody scans anything again
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0 and out.split() == ["scanned", "done"]

    assert sms_to(cert_service) == ["+33639980101", "+33639980102"]
    store = Store(store_dir / "store.db", FileKeyProvider(store_dir / "store.key"))
    try:
        ops = [store.deliveries.find(DeliveryKind.ENVELOPE, b) for b in barcodes]
        assert [op.state for op in ops if op] == [DeliveryState.DONE, DeliveryState.DONE]
        answers = [json.loads(op.result) for op in ops if op and op.result]
        assert not any(a["repeat"] for a in answers)  # each was this station's own registration
    finally:
        store.close()
