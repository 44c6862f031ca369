"""Quality is NFIQ 2's score, exactly, and each poor impression earns the applicant a useful instruction."""

from __future__ import annotations

import numpy as np
import pytest

from enrollment.errors import EnrollmentError
from enrollment.fingerprint.quality import Instruction, Issue, assess
from enrollment.fingerprint.thresholds import THRESHOLDS

from .prints import DEGRADATIONS, load, needs_fingers, reference_scores

pytestmark = needs_fingers

GOOD_PRINTS = ("fvc2002db1b_104_1", "fvc2002db1b_106_1", "fvc2002db1b_108_3", "neurotechuareu_027_7_1")


def test_nfiq2_score_equals_the_nist_reference_tool_on_every_development_print():
    reference = reference_scores()
    assert len(reference) == 96
    ours = {name: assess(load(name.removesuffix(".png"))).score for name in reference}
    assert {n: s for n, s in ours.items() if s != reference[n]} == {}


@pytest.mark.parametrize("original", GOOD_PRINTS)
@pytest.mark.parametrize("degradation", sorted(DEGRADATIONS))
def test_a_degraded_impression_scores_below_its_original_and_asks_for_a_retry(original, degradation):
    pixels = load(original)
    good = assess(pixels)
    poor = assess(DEGRADATIONS[degradation](pixels))
    assert good.accepted and good.instruction is Instruction.GOOD
    assert poor.score < good.score
    assert not poor.accepted
    assert poor.instruction is not Instruction.GOOD


# What the applicant is told for each kind of poor impression.
EXPECTED = {
    "light": Instruction.PRESS_HARDER,
    "dry": Instruction.PRESS_HARDER,
    "wet": Instruction.PRESS_LIGHTER,
    "partial": Instruction.FLAT_AND_CENTRED,
}


@pytest.mark.parametrize("original", GOOD_PRINTS)
@pytest.mark.parametrize("degradation", sorted(EXPECTED))
def test_the_instruction_names_what_to_change(original, degradation):
    report = assess(DEGRADATIONS[degradation](load(original)))
    assert report.instruction is EXPECTED[degradation]


def test_instructions_are_french_sentences_for_the_applicant():
    assert assess(DEGRADATIONS["light"](load("fvc2002db1b_104_1"))).text == "Appuyez un peu plus fort."
    assert assess(DEGRADATIONS["partial"](load("fvc2002db1b_104_1"))).text == (
        "Posez le doigt bien à plat, au centre du capteur."
    )
    assert assess(load("fvc2002db1b_104_1")).text == "Empreinte de bonne qualité."


def test_an_empty_platen_is_unscored_and_asks_for_the_finger():
    report = assess(np.full((374, 388), 255, np.uint8))
    assert report.score == 0 and not report.scored
    assert Issue.NO_FINGER in report.issues
    assert report.instruction is Instruction.PLACE_FINGER


def test_nist_actionable_measures_are_reported_with_their_names():
    report = assess(load("fvc2002db1b_101_1"))
    assert set(report.measures) == {
        "UniformImage", "EmptyImageOrContrastTooLow", "FingerprintImageWithMinutiae", "SufficientFingerprintForeground",
    }
    assert report.measures["FingerprintImageWithMinutiae"] >= THRESHOLDS.min_minutiae
    assert report.minutiae > 0


def test_a_reference_print_below_the_minimum_is_not_accepted():
    report = assess(load("fvc2002db1b_109_6"))  # NFIQ 2 reference score 15
    assert report.score == 15 and not report.accepted
    assert report.instruction is not Instruction.GOOD


def test_the_minimum_quality_is_a_setting():
    pixels = load("fvc2002db1b_101_1")  # NFIQ 2 65
    assert assess(pixels, min_quality=60).accepted
    assert not assess(pixels, min_quality=70).accepted


@pytest.mark.parametrize("bad", [np.zeros((10, 10), np.uint8), np.zeros((300, 300, 3), np.uint8),
                                 np.zeros((300, 300), np.float32)])
def test_an_image_that_is_not_a_grey_print_is_refused_with_a_message(bad):
    with pytest.raises(EnrollmentError) as caught:
        assess(bad)
    assert caught.value.code == "fingerprint.bad_image"
    assert "reprenez la capture" in caught.value.message


@pytest.mark.parametrize("ppi", [0, 1, 249, 2001, 10**9])
def test_a_zero_or_absurd_resolution_is_refused_not_divided_by(ppi):
    from enrollment.fingerprint.nbis_engine import to_500_ppi

    with pytest.raises(EnrollmentError) as caught:
        to_500_ppi(np.full((400, 400), 200, np.uint8), ppi)
    assert caught.value.code == "fingerprint.bad_resolution" and f"({ppi} ppi)" in caught.value.message
