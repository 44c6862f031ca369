"""A complete dossier's biometrics as one ANSI/NIST-ITL transaction: Type-1, Type-2, Type-10 face, a
Type-14 per kept finger, a Type-8 signature when the applicant signed.

IDCs number the records after Type-1 in file order, Type-2 being 00. Finger exceptions and a signature
exemption have no image record of their own: they are listed in Type-2 (see profile.Tag, docs/ansi-nist.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

from enrollment.model import Dossier, Fingerprint

from . import profile as p
from .records import DATA_FIELD, AnsiNistError, Record, Transaction


def transaction_from_dossier(dossier: Dossier, station_id: str, cert_agency: str,
                             at: datetime | None = None) -> Transaction:
    """`station_id` goes in 1.008 ORI and each image's SRC; `cert_agency` in 1.007 DAI."""
    at = (at or datetime.now(UTC)).astimezone(UTC)
    if dossier.photo is None or dossier.title is None:
        raise AnsiNistError("a dossier without photo or title has no biometric transaction")
    day = at.strftime("%Y%m%d")
    type1 = Record(1).set(2, p.VERSION).set(4, p.TOT).set(5, day).set(6, p.PRIORITY).set(7, cert_agency)
    type1.set(8, station_id).set(9, dossier.id).set(11, p.NATIVE_PPMM).set(12, p.NATIVE_PPMM)
    type1.set(13, p.DOMAIN).set(14, at.strftime("%Y%m%d%H%M%SZ")).set(15, p.CHARSET)
    records = [type1, _type2(dossier)]
    records.append(_type10(dossier, station_id, idc=len(records) - 1))
    for finger in dossier.fingerprints:
        if finger.captured:
            records.append(_type14(finger, station_id, day, idc=len(records) - 1))
    signature = dossier.signature
    if signature is not None and signature.png is not None and signature.exemption is None:
        records.append(_type8(signature.png, idc=len(records) - 1))
    return Transaction(records)


def _type2(dossier: Dossier) -> Record:
    t = p.Tag
    record = Record(2).set(2, "00").set(t.DOSSIER_ID, dossier.id).set(t.TITLE, str(dossier.title))
    record.set(t.FINGERS_EXPECTED, str(len(dossier.fingerprints)))
    exceptions = [(f.position.value, p.AMP_CODE[f.exception], f.exception.value)
                  for f in dossier.fingerprints if f.exception is not None]
    if exceptions:
        record.set(t.FINGER_EXCEPTIONS, *exceptions)
    signature = dossier.signature
    if signature is None or signature.exemption is not None or signature.png is None:
        reason = signature.exemption_reason.value if signature and signature.exemption_reason else ""
        mention = signature.exemption if signature and signature.exemption else ""
        record.set(t.SIGNATURE_EXEMPTION, (reason, mention))
    else:
        record.set(t.SIGNATURE_DPI, "300")
    if dossier.photo is not None:
        record.set(t.FACE_SOURCE, dossier.photo.source)
    return record


def _type10(dossier: Dossier, station_id: str, idc: int) -> Record:
    photo = dossier.photo
    assert photo is not None  # checked by the caller
    record = Record(10).set(2, f"{idc:02d}").set(3, p.FACE_IMT).set(4, station_id)
    record.set(5, photo.captured_at.astimezone(UTC).strftime("%Y%m%d")).set(6, str(photo.width))
    record.set(7, str(photo.height)).set(8, p.PPI).set(9, str(photo.dpi)).set(10, str(photo.dpi))
    record.set(11, p.FACE_CGA).set(12, p.FACE_CSP).set(13, p.FACE_SAP).set(20, p.FACE_POS)
    record.fields[DATA_FIELD] = photo.jpeg
    return record


def _type14(finger: Fingerprint, station_id: str, day: str, idc: int) -> Record:
    quality = str(finger.quality) if finger.quality is not None else p.QUALITY_NOT_COMPUTED
    record = Record(14).set(2, f"{idc:02d}").set(3, p.FINGER_IMP).set(4, station_id).set(5, day)
    record.set(6, str(finger.width)).set(7, str(finger.height)).set(8, p.PPI)
    record.set(9, str(finger.ppi)).set(10, str(finger.ppi)).set(11, p.FINGER_CGA).set(12, p.FINGER_BPX)
    record.set(13, finger.position.value)
    record.set(24, (finger.position.value, quality, p.NFIQ2_VENDOR, p.NFIQ2_PRODUCT))
    assert finger.wsq is not None  # a kept print has its WSQ (Fingerprint's validator)
    record.fields[DATA_FIELD] = finger.wsq
    return record


def _type8(png: bytes, idc: int) -> Record:
    import cv2  # when sealing, off the GUI thread: the station imports this package at start-up
    import numpy as np

    grey = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None:
        raise AnsiNistError("the signature image cannot be decoded")
    height, width = grey.shape
    record = Record(8).set(2, f"{idc:02d}").set(3, p.SIG_SUBJECT).set(4, p.SIG_SCANNED_RAW)
    record.set(5, p.SIG_ISR_MINIMUM).set(6, str(width)).set(7, str(height))
    record.fields[8] = np.ascontiguousarray(grey).tobytes()
    return record
