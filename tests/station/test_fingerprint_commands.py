"""`station finger-quality` and `station finger-match`, run as a technician would (real files, real NBIS)."""

from __future__ import annotations

import json

import cv2

from enrollment.fingerprint.wsq_codec import encode_wsq
from station.cli import main
from tests.enrollment.fingerprint.prints import FINGERS, load, needs_fingers

pytestmark = needs_fingers


def test_finger_quality_gives_one_result_per_file_even_when_one_is_unreadable(tmp_path, capsys):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    wsq = tmp_path / "print.wsq"
    wsq.write_bytes(encode_wsq(load("fvc2002db1b_104_1")))
    files = [FINGERS / "fvc2002db1b_101_1.png", broken, FINGERS / "fvc2002db1b_109_6.png", wsq]
    code = main(["finger-quality", *map(str, files), "--json"])
    results = json.loads(capsys.readouterr().out)
    assert code == 2  # one file unreadable
    assert [r["file"] for r in results] == list(map(str, files))
    good, unreadable, poor, from_wsq = results
    assert (good["quality"], good["accepted"], good["instruction"]) == (65, True, "Empreinte de bonne qualité.")
    assert good["minutiae"] > 5 and set(good["measures"]) >= {"UniformImage", "SufficientFingerprintForeground"}
    assert unreadable["error"] == "image_file.not_image" and "pas une image" in unreadable["message"]
    assert poor["quality"] == 15 and not poor["accepted"] and poor["instruction"] != good["instruction"]
    assert from_wsq["accepted"] and from_wsq["ppi"] == 500


def test_finger_quality_text_output_is_french(capsys):
    assert main(["finger-quality", str(FINGERS / "fvc2002db1b_101_1.png"), "--min-quality", "70"]) == 0
    out = capsys.readouterr().out
    assert "qualité NFIQ 2 65/100" in out and "insuffisante (minimum 70)" in out


def test_finger_match_tells_the_same_finger_from_another(tmp_path, capsys):
    same = main(["finger-match", str(FINGERS / "fvc2002db1b_101_1.png"), str(FINGERS / "fvc2002db1b_101_2.png"),
                 "--json"])
    first = json.loads(capsys.readouterr().out)
    other = tmp_path / "other.bmp"
    cv2.imwrite(str(other), load("fvc2002db1b_102_2"))
    main(["finger-match", str(FINGERS / "fvc2002db1b_101_1.png"), str(other), "--json"])
    second = json.loads(capsys.readouterr().out)
    assert same == 0 and first["decision"] == "same_finger" and first["score"] >= first["threshold"] == 40
    assert second["decision"] == "different_fingers" and second["score"] < 40


def test_finger_match_reports_an_unreadable_file(tmp_path, capsys):
    missing = tmp_path / "absent.png"
    assert main(["finger-match", str(missing), str(FINGERS / "fvc2002db1b_101_1.png")]) == 2
    assert "Comparaison impossible" in capsys.readouterr().out
