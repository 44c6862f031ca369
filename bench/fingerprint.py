"""Fingerprint figures: NFIQ 2 + minutiae of one 500 ppi finger, 1:1 Bozorth3 match, WSQ encode/decode, a
whole two-finger capture plan, and the same-finger threshold measured on the development set (genuine and
impostor Bozorth3 score distributions, false match and false non-match rates at the chosen threshold)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from bench._timing import median_ms
from enrollment.fingerprint import nbis_engine
from enrollment.fingerprint.impression import process
from enrollment.fingerprint.plan import CapturePlan
from enrollment.fingerprint.quality import assess
from enrollment.fingerprint.thresholds import THRESHOLDS
from enrollment.fingerprint.wsq_codec import compression_ratio, decode_wsq, encode_wsq
from enrollment.fingerprint.wsq_isolated import decode_untrusted_wsq, stop_worker

Figure = tuple[str, float, str]
FINGERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "fingers"
RUNS = 15


def load(stem: str) -> np.ndarray:
    return cv2.imread(str(FINGERS / f"{stem}.png"), cv2.IMREAD_GRAYSCALE)


def finger_of(path: Path) -> str:
    return path.stem.rsplit("_", 1)[0]  # fvc2002db1b_101_3 -> fvc2002db1b_101


def two_finger_plan(right: np.ndarray, left: np.ndarray) -> None:
    plan = CapturePlan()
    for pixels in (right, left):
        assert plan.current is not None
        plan.record_try(process(pixels, 500, plan.current, plan.kept_templates()))
    assert plan.done


def score_distributions() -> Iterator[Figure]:
    files = sorted(FINGERS.glob("*.png"))
    templates = {f: nbis_engine.extract(cv2.imread(str(f), cv2.IMREAD_GRAYSCALE)).template for f in files}
    genuine, impostor = [], []
    for a, b in itertools.combinations(files, 2):
        (genuine if finger_of(a) == finger_of(b) else impostor).append(nbis_engine.bozorth3(templates[a],
                                                                                             templates[b]))
    g, i = np.array(genuine), np.array(impostor)
    t = THRESHOLDS.same_finger_score
    yield "fingerprint.devset.genuine_pairs", len(g), "pairs"
    yield "fingerprint.devset.impostor_pairs", len(i), "pairs"
    for p in (5, 10, 25, 50, 75):
        yield f"fingerprint.devset.genuine_score_p{p}", float(np.percentile(g, p)), "bozorth3"
    for p in (50, 90, 99, 99.9):
        yield f"fingerprint.devset.impostor_score_p{p}", float(np.percentile(i, p)), "bozorth3"
    yield "fingerprint.devset.impostor_score_max", float(i.max()), "bozorth3"
    yield "fingerprint.same_finger.threshold", float(t), "bozorth3"
    yield "fingerprint.same_finger.fmr", round(float((i >= t).mean()) * 100, 3), "%"
    yield "fingerprint.same_finger.fnmr", round(float((g < t).mean()) * 100, 1), "%"


def _first_untrusted_ms(wsq: bytes) -> float:
    def first() -> None:
        stop_worker()
        decode_untrusted_wsq(wsq)
    return median_ms(first, 3)


def figures(tmp: Path) -> Iterator[Figure]:
    if not FINGERS.is_dir():
        return
    one = load("fvc2002db1b_101_1")  # 388 x 374 at 500 ppi
    nbis_engine.warm_up()
    yield "fingerprint.quality_and_minutiae_500ppi", median_ms(lambda: assess(one), RUNS), "ms"
    a, b = nbis_engine.extract(one).template, nbis_engine.extract(load("fvc2002db1b_101_2")).template
    yield "fingerprint.match_1to1", median_ms(lambda: nbis_engine.bozorth3(a, b), 50), "ms"
    wsq = encode_wsq(one)
    yield "fingerprint.wsq_encode", median_ms(lambda: encode_wsq(one), RUNS), "ms"
    yield "fingerprint.wsq_decode", median_ms(lambda: decode_wsq(wsq), RUNS), "ms"
    # A technician's file goes through the worker process: the first file pays its start, the rest a pipe.
    yield "fingerprint.wsq_decode_untrusted_first", _first_untrusted_ms(wsq), "ms"
    yield "fingerprint.wsq_decode_untrusted", median_ms(lambda: decode_untrusted_wsq(wsq), RUNS), "ms"
    stop_worker()
    yield "fingerprint.wsq_ratio", round(compression_ratio(one, wsq), 1), ":1"
    right, left = load("fvc2002db1b_102_4"), load("fvc2002db1b_107_1")
    yield "fingerprint.two_finger_plan", median_ms(lambda: two_finger_plan(right, left), 7), "ms"
    yield from score_distributions()
