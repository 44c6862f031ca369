"""The technician commands (photo-check, finger-quality, finger-match) give a French error line for
every file they cannot judge (a decompression bomb, a TIFF declaring 0 or 1e9 dpi, a truncated PNG, text,
an empty file, a missing file, a folder) and go on with the rest; never a traceback."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from station.cli import main
from tests.damaged_bytes import damaged
from tests.enrollment.face.images import FACES, GOOD
from tests.enrollment.fingerprint.prints import FINGERS, needs_fingers

GOOD_PRINT = FINGERS / "fvc2002db1b_101_1.png"


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _bomb(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG declaring width x height grey pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """Each bad file, by the error code the commands must give it."""
    noise = Image.fromarray(np.random.default_rng(1).integers(0, 255, (300, 300), dtype=np.uint8))
    png = io.BytesIO()
    noise.save(png, "PNG")
    files = {
        "image_file.too_large": tmp_path / "bomb.png",  # 10^10 px: over Pillow's own bomb limit
        "image_file.too_large#2": tmp_path / "big.png",  # 9 x 10^8 px: under Pillow's, over ours
        "image_file.damaged": tmp_path / "truncated.png",
        "image_file.not_image": tmp_path / "notes.png",
        "image_file.empty": tmp_path / "empty.png",
        "image_file.missing": tmp_path / "absent.png",
        "image_file.directory": tmp_path / "folder.png",
    }
    files["image_file.too_large"].write_bytes(_bomb(100_000, 100_000))
    files["image_file.too_large#2"].write_bytes(_bomb(30_000, 30_000))
    files["image_file.damaged"].write_bytes(png.getvalue()[: len(png.getvalue()) // 2])
    files["image_file.not_image"].write_text("pas une image")
    files["image_file.empty"].write_bytes(b"")
    files["image_file.directory"].mkdir()
    return files


@pytest.fixture
def absurd_resolutions(tmp_path: Path) -> list[Path]:
    noise = Image.fromarray(np.random.default_rng(2).integers(0, 255, (300, 300), dtype=np.uint8))
    paths = [tmp_path / "dpi0.tif", tmp_path / "dpi1e9.tif"]
    noise.save(paths[0], dpi=(0, 0))
    noise.save(paths[1], dpi=(1e9, 1e9))
    return paths


def _code(key: str) -> str:
    return key.split("#")[0]


@needs_fingers
def test_finger_quality_judges_every_bad_file_and_still_measures_the_good_one(
        bad_files, absurd_resolutions, capsys):
    files = [*bad_files.values(), *absurd_resolutions, GOOD_PRINT]
    code = main(["finger-quality", *map(str, files), "--json"])
    captured = capsys.readouterr()
    results = json.loads(captured.out)
    assert code == 2 and captured.err == ""
    assert [r["file"] for r in results] == list(map(str, files))
    expected = [_code(k) for k in bad_files] + ["fingerprint.bad_resolution"] * 2
    assert [r.get("error") for r in results[:-1]] == expected
    assert all(r["message"].endswith(".") and " : " in r["message"] for r in results[:-1])  # what, then what to do
    assert "0 ppi" in results[-3]["message"] and "1e+09 ppi" in results[-2]["message"]
    assert results[-1]["accepted"] and results[-1]["ppi"] == 500


def test_photo_check_judges_every_bad_file_and_still_checks_the_good_one(bad_files, capsys):
    files = [*bad_files.values(), FACES / GOOD]
    code = main(["photo-check", *map(str, files), "--json"])
    captured = capsys.readouterr()
    verdicts = json.loads(captured.out)
    assert code == 1 and captured.err == ""
    assert [v["file"] for v in verdicts] == list(map(str, files))
    assert [v["error"]["code"] for v in verdicts[:-1]] == [_code(k) for k in bad_files]
    assert verdicts[-1]["ok"]


def test_a_truncated_file_is_refused_even_once_face_recognition_made_pillow_tolerant(bad_files, capsys,
                                                                                    monkeypatch):
    """face_recognition sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when it is imported (photo-check
    imports it): a truncated file then loaded with grey rows, and the test above failed only in a full run."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    truncated = bad_files["image_file.damaged"]
    code = main(["photo-check", str(truncated), "--json"])
    [verdict] = json.loads(capsys.readouterr().out)
    assert code == 1 and verdict["error"]["code"] == "image_file.damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the station's own face pipeline keeps its setting


@needs_fingers
def test_finger_match_names_each_bad_file(bad_files, absurd_resolutions, capsys):
    code = main(["finger-match", str(bad_files["image_file.too_large"]), str(absurd_resolutions[0])])
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert code == 2 and captured.err == "" and len(lines) == 2
    assert lines[0].startswith(f"Comparaison impossible : {bad_files['image_file.too_large']} : Image trop grande")
    assert "0 ppi" in lines[1]
    code = main(["finger-match", str(GOOD_PRINT), str(bad_files["image_file.directory"]), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2 and out["error"] == "image_file.directory"
    assert out["errors"] == [{"file": str(bad_files["image_file.directory"]), "error": "image_file.directory",
                              "message": out["message"]}]


def test_no_traceback_reaches_the_terminal(bad_files, absurd_resolutions):
    files = [*bad_files.values(), *absurd_resolutions]
    for command in ("finger-quality", "photo-check"):
        done = subprocess.run([sys.executable, "-m", "station.cli", command, *map(str, files)],
                              capture_output=True, text=True, check=False)
        assert done.returncode != 0, command
        assert "Traceback" not in done.stderr and done.stderr.strip() == "", (command, done.stderr[-2000:])
        assert len([line for line in done.stdout.splitlines() if not line.startswith("  ")]) == len(files)


def _encoded(fmt: str) -> bytes:
    from enrollment.fingerprint.wsq_codec import encode_wsq

    pixels = np.random.default_rng(3).integers(0, 255, (64, 64), dtype=np.uint8)
    if fmt == "WSQ":
        return encode_wsq(pixels)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, fmt, dpi=(500, 500))
    return out.getvalue()


SAMPLES = [_encoded(f) for f in ("PNG", "TIFF", "JPEG", "BMP", "WSQ")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged(SAMPLES, max_cut=64) | st.binary(max_size=64))
def test_any_file_content_is_read_or_refused_in_french(tmp_path, data):
    from enrollment.errors import EnrollmentError
    from station.commands.finger_quality import read_finger
    from station.errors import StationError

    path = tmp_path / "file.img"
    path.write_bytes(data)
    try:
        finger = read_finger(path)
    except (StationError, EnrollmentError) as exc:
        assert exc.message
        return
    assert finger.pixels.ndim == 2 and 250 <= finger.ppi <= 2000


def test_a_wsq_file_that_crashes_the_native_decoder_is_refused_and_the_batch_goes_on(tmp_path):
    """Found by the fuzzing above on CI: one byte changed in a WSQ Huffman table killed the command."""
    from enrollment.fingerprint.wsq_codec import encode_wsq

    data = bytearray(encode_wsq(np.asarray(Image.open(GOOD_PRINT).convert("L"))))
    data[data.index(b"\xff\xa6") + 4] = 166  # a table number past the 8 that NBIS keeps
    crafted = tmp_path / "crafted.wsq"
    crafted.write_bytes(bytes(data))
    done = subprocess.run([sys.executable, "-m", "station.cli", "finger-quality", str(crafted), str(GOOD_PRINT),
                           "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stderr == "", (done.returncode, done.stderr[-2000:])
    crashed, measured = json.loads(done.stdout)
    assert crashed["error"] == "image_file.damaged" and measured["accepted"] and measured["ppi"] == 500
