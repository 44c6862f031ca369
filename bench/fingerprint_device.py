"""Fingerprint scanner figures: one image over the emulated USB bus, and the synthetic print generator.

- capture transfer: the driver's chunked read of one 388 × 374 image (36 chunks, CRC-checked) through pyusb
  and the sim:// backend (the capture's start and status polling left out);
- synthetic master: growing one new synthetic finger (orientation field, period map, Gabor iterations);
- synthetic impression: rendering one more impression of a finger already grown (the cached case);
- synthetic NFIQ 2 mean over 20 prints (10 persons × 2 impressions), and the Bozorth3 genuine/impostor margin.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import nbis

from devices.fingerprint import UsbFingerprintScanner
from hw_mocks.data import resolve_data_dir
from hw_mocks.fingerprint import synth
from hw_mocks.fingerprint.control import FingerprintSim
from hw_mocks.usb import UsbBus, UsbBusServer

Figure = tuple[str, float, str]


def _transfer_ms(runs: int) -> float:
    sim = FingerprintSim(resolve_data_dir(None))
    sim.applicant.place_delay_s = 0.0
    bus = UsbBus()
    bus.attach("fingerprint", sim.device)
    server = UsbBusServer(bus)
    server.start()
    scanner = UsbFingerprintScanner(f"sim://127.0.0.1:{server.port}")
    try:
        with ThreadPoolExecutor(1) as worker:  # drivers refuse the main thread
            worker.submit(scanner.capture, "2", 5.0).result()  # warm: handle open, image cached

            def transfer() -> float:
                # The image transfer alone: the capture's start and status polling are left out.
                scanner._start(2, 5.0, 0)
                status = scanner._wait_ready(5.0)
                started = time.perf_counter()
                scanner._read(status)
                return (time.perf_counter() - started) * 1000

            def once() -> float:
                return worker.submit(transfer).result()

            return statistics.median(once() for _ in range(runs))
    finally:
        server.stop()


def _synthetic(runs: int) -> Iterator[Figure]:
    def master(seed: int) -> float:
        started = time.perf_counter()
        synth.master_finger(seed, 2)
        return (time.perf_counter() - started) * 1000

    yield "fingerprint.synthetic.new_finger", round(statistics.median(
        master(90_000 + i) for i in range(runs)), 1), "ms"
    synth.master_finger(1, 2)

    def impression(k: int) -> float:
        started = time.perf_counter()
        synth.synthetic_print(1, 2, k)
        return (time.perf_counter() - started) * 1000

    yield "fingerprint.synthetic.impression_of_cached_finger", round(statistics.median(
        impression(k) for k in range(runs)), 1), "ms"


def _quality(persons: int = 10) -> Iterator[Figure]:
    ex = nbis.new_nbis_extractor(nbis.NbisExtractorSettings(
        min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=True, ppi=500.0))

    def extract(seed: int, k: int) -> nbis.Minutiae:
        return ex.extract_minutiae(cv2.imencode(".png", synth.synthetic_print(seed, 2, k))[1].tobytes())

    first = [extract(s, 0) for s in range(persons)]
    second = [extract(s, 1) for s in range(persons)]
    scores = [m.quality().score for m in first + second]
    yield "fingerprint.synthetic.nfiq2_mean_20_prints", round(statistics.mean(scores), 1), "score"
    yield "fingerprint.synthetic.nfiq2_min_20_prints", float(min(scores)), "score"
    genuine = [first[i].compare(second[i]) for i in range(persons)]
    impostor = [first[i].compare(second[j]) for i in range(persons) for j in range(persons) if i != j]
    yield "fingerprint.synthetic.bozorth3_genuine_min", float(min(genuine)), "score"
    yield "fingerprint.synthetic.bozorth3_impostor_max", float(max(impostor)), "score"


def figures(tmp: Path) -> Iterator[Figure]:
    yield "fingerprint.usb_image_transfer", round(_transfer_ms(15), 1), "ms"
    yield from _synthetic(5)
    yield from _quality()
