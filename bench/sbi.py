"""SBI devices (MOSIP's Secure Biometric Interface) over HTTP on loopback, hw-mocks' service answering:

- `sbi.finger_capture_round_trip`: the station's RCAPTURE of one finger to the verified image (request, the
  device's JPEG 2000 lossless ISO record signed RS256, signature and chain checked, record decoded), the
  applicant's finger already on the glass;
- `sbi.face_capture_round_trip`: the same for the photo (a 1280 × 720 ISO 19794-5 record, JPEG 2000);
- `sbi.stream_fps`: preview frames per second received through STREAM (the device sends 10; SBI asks ≥ 3).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench._timing import Figure, median_ms
from devices.camera.sbi import SbiCamera
from devices.fingerprint.sbi import SbiFingerprintScanner
from devices.settings import DeviceSettings
from devstation.demo import free_sbi_port
from hw_mocks.camera.control import CameraSim
from hw_mocks.data import resolve_data_dir
from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.fingerprint.persons import FingerSource
from hw_mocks.fingerprint.scanner import HEIGHT, WIDTH
from hw_mocks.sbi.control import SbiSim
from installer.pki import make_test_pki

RUNS = 15
STREAM_S = 5.0


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231", "Mairie de Dijon")
    data = resolve_data_dir(None)
    applicant = Applicant(FingerSource(data, (WIDTH, HEIGHT)), place_delay_s=0.0)
    sim = SbiSim(applicant, CameraSim(data), pki.root, first_port=free_sbi_port())
    sim.start()
    settings = DeviceSettings(sbi_port=sim.service.port, sbi_trust=str(pki.pem("sbi-provider-ca")),
                              sbi_env="Developer", sbi_fingerprint_device="RCL-FP1-000000001")
    scanner, camera = SbiFingerprintScanner.from_settings(settings), SbiCamera.from_settings(settings)
    try:
        with ThreadPoolExecutor(1) as worker:  # drivers refuse the main thread
            worker.submit(scanner.capture, "2", 5.0).result()  # warm: device found, finger image cached
            yield ("sbi.finger_capture_round_trip",
                   worker.submit(median_ms, lambda: scanner.capture("2", 5.0), RUNS).result(), "ms")
            worker.submit(camera.capture_still).result()
            yield ("sbi.face_capture_round_trip",
                   worker.submit(median_ms, camera.capture_still, RUNS // 3).result(), "ms")
            first = worker.submit(camera.read_frame).result().sequence
            time.sleep(STREAM_S)
            last = worker.submit(camera.read_frame).result().sequence
            yield ("sbi.stream_fps", round((last - first) / STREAM_S, 1), "frames/s")
    finally:
        scanner.close()
        camera.close()
        sim.close()
