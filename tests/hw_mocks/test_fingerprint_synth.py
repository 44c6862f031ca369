"""Synthetic fingers are good enough to enroll and distinct enough to tell persons apart (NFIQ 2, Bozorth3)."""

from __future__ import annotations

import numpy as np
import pytest

from hw_mocks.fingerprint import synth
from tests.hw_mocks.nbis_scoring import minutiae, nfiq2

PERSONS = 10  # × 2 impressions = 20 prints


@pytest.fixture(scope="module")
def prints() -> list[tuple[np.ndarray, np.ndarray]]:
    return [(synth.synthetic_print(seed, 2, 0), synth.synthetic_print(seed, 2, 1)) for seed in range(PERSONS)]


def test_prints_are_500_ppi_frames_of_dark_ridges_on_light_glass(prints):
    first = prints[0][0]
    assert first.shape == (synth.HEIGHT, synth.WIDTH) and first.dtype == np.uint8
    assert np.percentile(first, 95) > 200 and np.percentile(first, 5) < 110
    framed = synth.synthetic_print(0, 2, 0, size=(388, 374))
    assert framed.shape == (374, 388)


def test_generation_is_deterministic_per_person_finger_and_impression(prints):
    synth.master_finger.cache_clear()
    assert np.array_equal(synth.synthetic_print(3, 2, 1), prints[3][1])
    assert not np.array_equal(prints[3][0], prints[3][1])  # two touches of one finger differ
    assert not np.array_equal(synth.synthetic_print(3, 7), prints[3][0])  # two fingers of one person differ


def test_every_pattern_class_is_drawn():
    rng = np.random.default_rng(0)
    drawn = {synth.choose_pattern(rng) for _ in range(200)}
    assert drawn == set(synth.PATTERNS)


def test_nfiq2_mean_reaches_40(prints):
    scores = [nfiq2(image) for pair in prints for image in pair]
    assert np.mean(scores) >= 40, scores


def test_bozorth3_tells_synthetic_persons_apart(prints):
    first = [minutiae(a) for a, _ in prints]
    second = [minutiae(b) for _, b in prints]
    genuine = [first[i].compare(second[i]) for i in range(PERSONS)]
    impostor = [first[i].compare(second[j]) for i in range(PERSONS) for j in range(PERSONS) if i != j]
    assert min(genuine) > max(impostor), (sorted(genuine), sorted(impostor)[-5:])
