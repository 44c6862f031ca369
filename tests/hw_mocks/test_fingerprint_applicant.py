"""The applicant at the emulated scanner: persons, controlled impressions, and the `hw-mocks finger` commands."""

from __future__ import annotations

import json

import numpy as np
import pytest

from hw_mocks.cli import main as hw_mocks_main
from hw_mocks.data import resolve_data_dir
from hw_mocks.fingerprint import impressions, persons
from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.fingerprint.impressions import Impression
from hw_mocks.fingerprint.persons import FingerSource
from hw_mocks.protocol import SimError
from hw_mocks.server import SimServer
from tests.hw_mocks.nbis_scoring import nfiq2

DATA = resolve_data_dir(None)
FRAME = (388, 374)


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(FingerSource(DATA, FRAME))


def test_named_persons_own_distinct_real_index_fingers():
    owned = [f for name in persons.NAMED for f in persons.person(name).real.values()]
    assert len(owned) == len(set(owned)) == 10
    camille = persons.person("camille")
    assert camille.source("2") == "fvc2002db1b_102" and camille.source("3") == "synthetic"
    assert persons.person("synthetic:42").real == {}
    for bad in ("nobody", "synthetic:x"):
        with pytest.raises(ValueError):
            persons.person(bad)


@pytest.mark.skipif(DATA is None, reason="developer fingerprint set not on this machine")
def test_degraded_impressions_score_below_the_clean_one(applicant):
    clean = applicant.source.image(applicant.who, "2")
    base = nfiq2(clean)
    for defect in (Impression(pressure="light"), Impression(pressure="heavy"), Impression(dry=True),
                   Impression(wet=True), Impression(smudge=True), Impression(partial=0.4)):
        degraded = impressions.apply(clean, defect)
        assert degraded.shape == clean.shape
        assert nfiq2(degraded) < base, defect


def test_rotation_and_displacement_move_the_print_without_ruining_it(applicant):
    clean = applicant.source.image(applicant.who, "2")
    moved = impressions.apply(clean, Impression(rotation_deg=15, dx=20, dy=-10))
    assert not np.array_equal(moved, clean)
    assert abs(float(moved.std()) - float(clean.std())) < 15


def test_impression_settings_are_checked():
    assert Impression.from_dict({"pressure": "light", "dry": 1, "dx": "3"}) == Impression("light", dry=True, dx=3)
    for bad in ({"pressure": "strong"}, {"partial": 0}, {"colour": "red"}, {"take": 9}):
        with pytest.raises(ValueError):
            Impression.from_dict(bad)


def test_a_missing_finger_and_an_absent_applicant_present_nothing(applicant):
    applicant.set_person("alex", frozenset({"7"}))
    assert applicant.finger_for("7") is None and applicant.finger_for("2") is not None
    applicant.away = True
    assert applicant.finger_for("2") is None


def test_swap_index_presents_the_right_index_for_the_left(applicant):
    applicant.swap_index = True
    assert np.array_equal(applicant.finger_for("7"), applicant.finger_for("2"))
    applicant.set_person("camille")  # a new applicant starts clean
    assert not applicant.swap_index


@pytest.fixture
def server():
    s = SimServer(port=0)
    s.start()
    yield s
    s.stop()


def test_the_finger_commands_drive_the_applicant_and_the_scanner(server, capsys):
    port = ["--port", str(server.port)]
    assert hw_mocks_main(["finger", "person", "synthetic:7", "--missing", "9", *port]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["person"] == "synthetic:7" and state["missing"] == ["9"]
    hw_mocks_main(["finger", "impression", "--pressure", "light", "--dry", "--rotation", "10", *port])
    state = json.loads(capsys.readouterr().out)
    assert state["impression"]["pressure"] == "light" and state["impression"]["dry"] is True
    hw_mocks_main(["finger", "swap-index", *port])
    assert json.loads(capsys.readouterr().out)["swap_index"] is True
    hw_mocks_main(["finger", "unplug", *port])
    assert json.loads(capsys.readouterr().out)["plugged"] is False
    hw_mocks_main(["finger", "plug", *port])
    assert json.loads(capsys.readouterr().out)["plugged"] is True
    assert hw_mocks_main(["finger", "person", "nobody", *port]) == 1
    assert "unknown person" in capsys.readouterr().err


def test_bad_control_arguments_are_refused(server):
    sim = server.sims.fingerprint
    with pytest.raises(SimError) as caught:
        sim.missing({"positions": ["11"]})
    assert caught.value.code == "link.bad_args"


def test_without_the_data_set_every_finger_is_synthetic_and_distinct():
    source = FingerSource(None, FRAME)
    camille = persons.person("camille")
    right, left = source.image(camille, "2"), source.image(camille, "7")
    assert right.shape == left.shape == (374, 388)
    assert right.std() > 20 and not np.array_equal(right, left)
