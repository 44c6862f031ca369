"""The hand-over verification (enrollment/fingerprint/verification.py) measured on the development set: the
time the agent waits for one presentation of two fingers, and the held-out error rates of the threshold rule.

Protocol (docs/fingerprints.md "1:1 verification at hand-over"): six persons, each a pair of fingers of
../shared/data/fingers/ (101+102, ..., 109+110, the two UareU fingers). Leave one person out: the threshold
is 1.2 x the highest impostor score among persons made of every pair of the ten other fingers, rounded up;
the held-out person then presents, against its first impression (and the second too in the variant that
keeps two), every three of its later impressions (genuine), and impostors are it against the five others
and the five others against it. `python -m bench.finger_verify --variants` also prints the variants tried."""

from __future__ import annotations

import itertools
import json
import math
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from bench._timing import Figure, median_ms
from enrollment.fingerprint import nbis_engine
from enrollment.fingerprint.thresholds import THRESHOLDS
from enrollment.fingerprint.verification import templates_of, verify, verify_images

FINGERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "fingers"
Key = tuple[str, int]  # (finger, impression)
Scores = dict[tuple[Key, Key], int]  # (enrolled, presented) -> Bozorth3


def _clahe(pixels: np.ndarray) -> np.ndarray:
    return cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(pixels)


def all_scores(prepare: Callable[[np.ndarray], np.ndarray]) -> tuple[list[str], Scores]:
    templates: dict[Key, bytes] = {}
    for f in sorted(FINGERS.glob("*.png")):
        finger, impression = f.stem.rsplit("_", 1)
        pixels = prepare(cv2.imread(str(f), cv2.IMREAD_GRAYSCALE))
        templates[(finger, int(impression))] = nbis_engine.extract(pixels).template
    scores = {(a, b): nbis_engine.bozorth3(templates[a], templates[b])
              for a, b in itertools.permutations(templates, 2) if a[0] != b[0] or a[1] != b[1]}
    return sorted({k[0] for k in templates}), scores


def _presentation(s: Scores, enrolled: tuple[str, ...], enrol: tuple[int, ...], presented: tuple[str, ...],
                  impression: int) -> int:
    return sum(max(s[((fe, e), (fp, impression))] for e in enrol) for fe, fp in zip(enrolled, presented,
                                                                                      strict=True))


def _attempt(s: Scores, enrolled: tuple[str, ...], enrol: tuple[int, ...], presented: tuple[str, ...],
             impressions: tuple[int, ...]) -> int:
    return max(_presentation(s, enrolled, enrol, presented, k) for k in impressions)


def threshold_rule(impostor_max: int, margin: float = THRESHOLDS.verify_margin) -> int:
    return math.ceil(impostor_max * margin)


def held_out(fingers: list[str], s: Scores, enrol: tuple[int, ...], n_fingers: int, n_presentations: int
             ) -> dict[str, float]:
    persons = [tuple(fingers[i:i + 2])[:n_fingers] for i in range(0, len(fingers), 2)]
    later = tuple(k for k in range(1, 9) if k not in enrol)
    triples = list(itertools.combinations(later, 3))
    fnm = gen = fm = imp = 0
    thresholds = []
    for held in persons:
        rest = [f for f in fingers if f not in held]
        train = [p[:n_fingers] for p in itertools.combinations(rest, 2)]
        worst = max(_attempt(s, p, enrol, q, later) for p in train for q in train if not set(p) & set(q))
        t = threshold_rule(worst)
        thresholds.append(t)
        for tr in triples:
            gen += 1
            fnm += _attempt(s, held, enrol, held, tr[:n_presentations]) < t
        for other in (p for p in persons if p != held):
            for a, b in ((held, other), (other, held)):
                for tr in triples:
                    imp += 1
                    fm += _attempt(s, a, enrol, b, tr[:n_presentations]) >= t
    return {"fnmr": round(100 * fnm / gen, 1), "fnm": fnm, "genuine": gen, "fmr": round(100 * fm / imp, 3),
            "fm": fm, "impostor": imp, "threshold_min": min(thresholds), "threshold_max": max(thresholds)}


def whole_set_threshold(fingers: list[str], s: Scores, n_fingers: int) -> int:
    """The rule applied to every person of the whole set: the figure kept in thresholds.py."""
    people = [p[:n_fingers] for p in itertools.combinations(fingers, 2)]
    later = tuple(range(2, 9))
    return threshold_rule(max(_attempt(s, p, (1,), q, later) for p in people for q in people
                              if not set(p) & set(q)))


def _timing() -> Iterator[Figure]:
    def load(stem: str) -> np.ndarray:
        return cv2.imread(str(FINGERS / f"{stem}.png"), cv2.IMREAD_GRAYSCALE)

    nbis_engine.warm_up()
    # The enrolled templates are read from the dossier before the holder arrives: the agent waits for the
    # presented side only (two extractions and two Bozorth3 comparisons).
    enrolled = [[t] for t in templates_of([load("fvc2002db1b_101_1"), load("fvc2002db1b_102_1")])]
    presented = [[load("fvc2002db1b_101_4"), load("fvc2002db1b_102_4")]]
    yield "finger_verify.two_fingers_one_presentation", median_ms(lambda: verify_images(enrolled, presented),
                                                                  15), "ms"
    probes = [list(templates_of(presented[0]))]
    yield "finger_verify.matching_only", median_ms(lambda: verify(enrolled, probes), 30), "ms"


def figures(tmp: Path) -> Iterator[Figure]:
    if not FINGERS.is_dir():
        return
    yield from _timing()
    fingers, s = all_scores(lambda p: p)
    for n_fingers, kept in ((2, THRESHOLDS.verify_fused_score), (1, THRESHOLDS.verify_single_finger_score)):
        name = "two_fingers" if n_fingers == 2 else "one_finger"
        yield f"finger_verify.{name}.threshold", kept, "bozorth3"
        yield f"finger_verify.{name}.threshold_rule_whole_set", whole_set_threshold(fingers, s, n_fingers), "bozorth3"
        for n in (1, 3):
            r = held_out(fingers, s, (1,), n_fingers, n)
            yield f"finger_verify.{name}.{n}_presentations.held_out_fnmr", r["fnmr"], "%"
            yield f"finger_verify.{name}.{n}_presentations.held_out_fmr", r["fmr"], "%"


def variants() -> Iterator[dict[str, object]]:
    for label, prepare in (("mindtct", lambda p: p), ("clahe+mindtct", _clahe)):
        fingers, s = all_scores(prepare)
        for enrol in ((1,), (1, 2)):
            for n_fingers, n in itertools.product((1, 2), (1, 3)):
                yield {"extraction": label, "enrolled_impressions": len(enrol), "fingers": n_fingers,
                       "presentations": n, **held_out(fingers, s, enrol, n_fingers, n)}


if __name__ == "__main__":
    for row in variants() if "--variants" in sys.argv else ({"name": n, "value": v, "unit": u}
                                                            for n, v, u in figures(Path("."))):
        print(json.dumps(row), flush=True)
