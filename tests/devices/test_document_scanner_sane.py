"""The document scanner through the real SANE stack: python-sane → libsane → its escl backend → HTTP →
hw-mocks' eSCL scanner. What the agent would notice: a page from the glass, every page from the feeder in
order, and each way the scanner can fail said in French."""

from __future__ import annotations

import numpy as np
import pytest

from devices.diagnose import diagnose
from devices.document_scanner import SaneDocumentScanner
from devices.errors import DeviceError
from devstation.simulated_devices import private_sane_config
from hw_mocks.server import SimServer
from tests.devices.threads import off_main


@pytest.fixture
def sim():
    server = SimServer(port=0)
    server.start()
    yield server
    server.stop()


def _scanner(sim: SimServer, **kwargs) -> SaneDocumentScanner:
    scanner = SaneDocumentScanner(f"escl:{sim.scanner_url}", config_dir=str(private_sane_config(sim.scanner_url)),
                                  **kwargs)
    return scanner


def test_the_glass_gives_one_page_at_the_resolution_asked(sim):
    scanner = _scanner(sim, dpi=300)
    try:
        page = off_main(scanner.scan)
    finally:
        off_main(scanner.close)
    assert page.dpi == 300
    h, w = page.image.shape[:2]
    assert (w, h) == (2550, 3600)  # the whole glass, 8.5 × 12 in: the paper is found in it later
    assert page.image.mean() > 150 and page.image.min() < 80  # paper with print on it


def test_the_feeder_gives_every_page_in_order_then_is_empty(sim):
    scanner = _scanner(sim, dpi=150)
    sim.sims.scanner.feeder({"pages": 3})
    try:
        pages = off_main(scanner.scan_feeder)
        with pytest.raises(DeviceError) as empty:
            off_main(scanner.scan_feeder)
    finally:
        off_main(scanner.close)
    assert len(pages) == 3 and all(p.dpi == 150 for p in pages)
    first, second, third = (p.image.astype(np.int16) for p in pages)
    assert np.abs(first - second).mean() > 5  # the invoice, then its terms: not one page three times
    assert np.abs(second - third).mean() > 1  # each later page carries its own number
    assert empty.value.code == "document_scanner.feeder_empty"
    assert "chargeur du scanner est vide" in empty.value.message


@pytest.mark.parametrize(("fault", "code", "french"), [
    ("jam", "document_scanner.jammed", "coincée"),
    ("busy", "document_scanner.busy", "occupé"),
])
def test_a_jammed_feeder_or_a_busy_scanner_is_said_in_french(sim, fault, code, french):
    scanner = _scanner(sim)
    sim.sims.scanner.feeder({"pages": 2})
    sim.sims.scanner.fault({"fault": fault})
    try:
        with pytest.raises(DeviceError) as refused:
            off_main(scanner.scan_feeder)
        sim.sims.scanner.fault({"fault": "clear"})
        pages = off_main(scanner.scan_feeder)  # cleared: the same driver scans again
    finally:
        off_main(scanner.close)
    assert refused.value.code == code and french in refused.value.message
    assert len(pages) == 2


def test_a_scanner_that_does_not_answer_is_reported_not_found(sim):
    url = sim.scanner_url
    sim.stop()
    scanner = SaneDocumentScanner(f"escl:{url}", config_dir=str(private_sane_config(url)))
    with pytest.raises(DeviceError) as gone:
        off_main(scanner.scan)
    assert gone.value.code in ("document_scanner.not_found", "document_scanner.failed")
    assert "scanner de documents" in gone.value.message


def test_a_device_sane_does_not_list_is_refused_without_being_opened(sim):
    scanner = SaneDocumentScanner("genesys:libusb:009:009", config_dir=str(private_sane_config(sim.scanner_url)))
    with pytest.raises(DeviceError) as refused:
        off_main(scanner.ping)
    assert refused.value.code == "document_scanner.not_found"


def test_diagnosis_names_the_device_its_sources_and_times_a_test_scan(sim):
    scanner = _scanner(sim)
    try:
        report = off_main(diagnose, scanner)
    finally:
        off_main(scanner.close)
    assert report.ok and report.implementation == "sane"
    device, scan = report.checks
    assert "Flatbed" in device.detail and "ADF" in device.detail and "300" in device.detail
    assert "2550×3600 à 300 dpi" in scan.detail
