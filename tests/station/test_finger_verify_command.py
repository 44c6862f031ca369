"""`station finger-verify`, run as a technician would (real files, real NBIS): exit 0 on a match, 1 on no
match, 2 with a French message when the files or their number are refused."""

from __future__ import annotations

import json

from station.cli import main
from tests.enrollment.fingerprint.prints import FINGERS, needs_fingers

pytestmark = needs_fingers


def pair(person: str, impression: int) -> list[str]:
    a, b = {"A": ("101", "102"), "B": ("103", "104")}[person]
    return [str(FINGERS / f"fvc2002db1b_{f}_{impression}.png") for f in (a, b)]


def test_the_holder_matches_with_exit_0_and_the_json_gives_scores_and_threshold(capsys):
    code = main(["finger-verify", "--enrolled", *pair("A", 1), "--presented", *pair("A", 3), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["decision"] == "match"
    assert set(out) == {"decision", "scores", "fused", "fused_score", "threshold", "fingers", "presentations_used"}
    assert len(out["scores"]) == 1 and len(out["scores"][0]) == 2 and out["fused_score"] >= out["threshold"]


def test_another_person_is_refused_with_exit_1_after_every_presentation(capsys):
    code = main(["finger-verify", "--enrolled", *pair("A", 1), "--presented", *pair("B", 2),
                 "--presented", *pair("B", 3), "--presented", *pair("B", 4), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["decision"] == "no_match" and out["presentations_used"] == 3


def test_the_text_output_is_french(capsys):
    assert main(["finger-verify", "--enrolled", *pair("A", 1), "--presented", *pair("A", 3)]) == 0
    assert "empreintes concordantes" in capsys.readouterr().out


def test_more_than_three_presentations_are_refused(capsys):
    presented = [arg for k in (2, 3, 4, 5) for arg in ("--presented", *pair("A", k))]
    assert main(["finger-verify", "--enrolled", *pair("A", 1), *presented]) == 2
    assert "Présentez les doigts entre une et 3 fois" in capsys.readouterr().out


def test_a_presentation_with_another_finger_count_is_refused_in_french(capsys):
    assert main(["finger-verify", "--enrolled", *pair("A", 1), "--presented", pair("A", 3)[0], "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["error"] == "fingerprint.verify.finger_count" and "même ordre" in out["message"]


def test_an_unreadable_file_ends_with_exit_2_and_a_french_message(tmp_path, capsys):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    assert main(["finger-verify", "--enrolled", *pair("A", 1), "--presented", str(broken), pair("A", 3)[1]]) == 2
    assert f"Vérification impossible : {broken} :" in capsys.readouterr().out


def test_a_missing_file_is_named_in_the_json_error(tmp_path, capsys):
    missing = tmp_path / "absent.png"
    assert main(["finger-verify", "--enrolled", str(missing), "--presented", pair("A", 3)[0], "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == str(missing) and out["error"] == "image_file.missing"
