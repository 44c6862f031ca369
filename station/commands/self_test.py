"""`station self-test`: proves that this station's build carries its native parts, in a few seconds and
without any device, configuration or network.

Qt drawing offscreen, OpenCV, dlib with the face landmarks model, NBIS and NFIQ 2 on a generated
fingerprint-like image, SQLCipher writing and re-reading an encrypted database in a private temporary
folder, the smart card stack (pyscard, PKCS#11), barcodes (segno writes a QR code, zxing-cpp reads it back)
and the other device and document libraries (imported). One French line per check; exit code 0 when every
check passes, 1 otherwise. The signed-update installer runs it on a new version before switching to it, so
its name and exit codes are a published interface.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("self-test", help="check that this build carries its native libraries (exit 0: all pass)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..strings import message

    failed = 0
    for name, check in CHECKS:
        what = message(f"self_test.check.{name}")
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 (any failure of a native part is the finding)
            failed += 1
            print(message("self_test.failed", check=what, error=f"{type(exc).__name__}: {exc}"), flush=True)
        else:
            print(message("self_test.passed", check=what, detail=detail), flush=True)
    if failed:
        print(message("self_test.summary_failed", failed=failed, count=len(CHECKS)))
        return EXIT_FAILED
    print(message("self_test.summary_ok", count=len(CHECKS)))
    return EXIT_OK


def _qt() -> str:
    from ..ui.offscreen_check import draw_offscreen

    return draw_offscreen()


def _opencv() -> str:
    import cv2
    import numpy as np

    ok, data = cv2.imencode(".png", np.zeros((8, 8), np.uint8))
    if not ok or cv2.imdecode(data, cv2.IMREAD_GRAYSCALE).shape != (8, 8):
        raise RuntimeError("PNG round trip")
    return cv2.__version__


def _face() -> str:
    from enrollment.face.detection import load_models

    load_models()  # face_recognition loads dlib's detector and 68-point landmarks predictor
    import dlib
    import face_recognition_models  # imported by load_models, which silenced its pkg_resources warning

    return f"dlib {dlib.__version__}, {Path(face_recognition_models.pose_predictor_model_location()).name}"


def _fingerprint() -> str:
    import numpy as np

    from enrollment.fingerprint.nbis_engine import extract

    # A ridge spiral with a half-turn break: MINDTCT finds minutiae on it, NFIQ 2 loads its model and scores.
    y, x = np.mgrid[-128:128, -128:128]
    ridges = (127.5 + 127.5 * np.sin(np.hypot(x, y) / 2.5 + np.arctan2(y, x) / 2)).astype(np.uint8)
    found = extract(ridges)
    return f"{found.minutiae} minutiae, NFIQ 2 {found.nfiq2 if found.nfiq2 is not None else '-'}"


def _sqlcipher() -> str:
    import secrets

    import sqlcipher3

    key = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix="recueil-self-test-") as tmp:  # 0700: this user's only
        path = Path(tmp) / "check.db"
        db = sqlcipher3.connect(str(path))
        db.execute(f"PRAGMA key = \"x'{key}'\"")
        db.execute("CREATE TABLE t (v TEXT)")
        db.execute("INSERT INTO t VALUES ('ok')")
        db.commit()
        db.close()
        if path.read_bytes()[:16] == b"SQLite format 3\0":
            raise RuntimeError("database not encrypted")
        db = sqlcipher3.connect(str(path))
        db.execute(f"PRAGMA key = \"x'{key}'\"")
        (value,), = db.execute("SELECT v FROM t").fetchall()
        version = db.execute("PRAGMA cipher_version").fetchone()[0]
        db.close()
    if value != "ok":
        raise RuntimeError("read back differs")
    return f"SQLCipher {version}"


def _smartcard() -> str:
    import pkcs11  # noqa: F401  (python-pkcs11's native extension)
    import smartcard.scard  # noqa: F401  (pyscard's native extension; no pcscd needed to import)

    return "pyscard, python-pkcs11"


def _barcodes() -> str:
    import io

    import cv2
    import numpy as np
    import segno
    import zxingcpp

    out = io.BytesIO()
    segno.make_qr("RECUEIL-SELF-TEST").save(out, kind="png", scale=4)
    image = cv2.imdecode(np.frombuffer(out.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)
    texts = [r.text for r in zxingcpp.read_barcodes(image)]
    if texts != ["RECUEIL-SELF-TEST"]:
        raise RuntimeError(f"read {texts!r}")
    return "segno, zxing-cpp"


# The other native or device libraries: imported, which loads their extension modules and shared libraries.
LIBRARIES = ("usb.core", "usb.backend.libusb1", "tpm2_pytss", "cups", "sane", "pytesseract", "fpdf", "wsq",
             "keyring", "serial", "mrz")


def _libraries() -> str:
    for name in LIBRARIES:
        importlib.import_module(name)
    return ", ".join(LIBRARIES)


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("qt", _qt), ("opencv", _opencv), ("face", _face), ("fingerprint", _fingerprint),
    ("sqlcipher", _sqlcipher), ("smartcard", _smartcard), ("barcodes", _barcodes), ("libraries", _libraries),
)
