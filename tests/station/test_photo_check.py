"""`station photo-check`: one verdict per file, in order, even for a file that cannot be read."""

from __future__ import annotations

import json

from station.cli import main
from tests.enrollment.face.images import FACES


def test_json_gives_one_verdict_per_file_even_unreadable(capsys, tmp_path):
    not_an_image = tmp_path / "notes.jpg"
    not_an_image.write_text("pas une image")
    files = [FACES / "deepface_img30.jpg", FACES / "deepface_couple.jpg", tmp_path / "absent.jpg", not_an_image]
    code = main(["photo-check", *map(str, files), "--json"])
    verdicts = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [v["file"] for v in verdicts] == [str(f) for f in files]
    good, couple, absent, garbage = verdicts
    assert good["ok"] and all(c["passed"] for c in good["checks"])
    other = next(c for c in couple["checks"] if c["name"] == "other_person")
    assert not couple["ok"] and not other["passed"] and "autre personne" in other["instruction"]
    assert (absent["error"]["code"], garbage["error"]["code"]) == ("image_file.missing", "image_file.not_image")


def test_text_output_names_each_failing_check_with_value_threshold_and_instruction(capsys):
    code = main(["photo-check", str(FACES / "insightface_close_eyes.jpeg")])
    out = capsys.readouterr().out
    assert code == 1
    assert "non conforme" in out
    line = next(x for x in out.splitlines() if "Yeux ouverts" in x)
    assert line.lstrip().startswith("✗") and "seuil ≥ 0.19" in line and "ouverts et visibles" in line


def test_all_good_exits_zero(capsys):
    assert main(["photo-check", str(FACES / "deepface_img30.jpg")]) == 0
    assert ": conforme" in capsys.readouterr().out
