"""A complete dossier's biometrics as one ANSI/NIST-ITL transaction: Type-1, Type-2, Type-10 face, a
Type-14 per kept finger, a Type-8 signature when the applicant signed.

IDCs number the records after Type-1 in file order, Type-2 being 00. Finger exceptions and a signature
exemption have no image record of their own: they are listed in Type-2 (see profile.Tag, docs/ansi-nist.md),
with the other facts the biometric system needs about the capture (linked dossiers, the TES refusal, who
signed, why no print was taken, the age). Never the civil status: that travels in dossier.json.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from enrollment.ages import age_on
from enrollment.model import Dossier, Fingerprint
from enrollment.rules import DEFAULT_RULES, Rules

from . import profile as p
from .records import DATA_FIELD, AnsiNistError, Record, Transaction


def transaction_from_dossier(dossier: Dossier, station_id: str, cert_agency: str,
                             at: datetime | None = None, rules: Rules = DEFAULT_RULES) -> Transaction:
    """`station_id` goes in 1.008 ORI and each image's SRC; `cert_agency` in 1.007 DAI; `at` is the
    transaction's date (1.005 DAT), on which the applicant's age is counted."""
    at = (at or datetime.now(UTC)).astimezone(UTC)
    if dossier.photo is None or dossier.title is None:
        raise AnsiNistError("a dossier without photo or title has no biometric transaction")
    day = at.strftime("%Y%m%d")
    type1 = Record(1).set(2, p.VERSION).set(4, p.TOT).set(5, day).set(6, p.PRIORITY).set(7, cert_agency)
    type1.set(8, station_id).set(9, dossier.id).set(11, p.NATIVE_PPMM).set(12, p.NATIVE_PPMM)
    type1.set(13, p.DOMAIN).set(14, at.strftime("%Y%m%d%H%M%SZ")).set(15, p.CHARSET)
    records = [type1, _type2(dossier, at.date(), rules)]
    records.append(_type10(dossier, station_id, idc=len(records) - 1))
    for finger in dossier.fingerprints:
        if finger.captured:
            records.append(_type14(finger, station_id, day, idc=len(records) - 1))
    signature = dossier.signature
    if signature is not None and signature.png is not None and signature.exemption is None:
        records.append(_type8(signature.png, idc=len(records) - 1))
    return Transaction(records)


def _type2(dossier: Dossier, day: date, rules: Rules) -> Record:
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
    _capture_facts(record, dossier, day, rules)
    return record


def _capture_facts(record: Record, dossier: Dossier, day: date, rules: Rules) -> None:
    """Tags 2.010 to 2.014: what the dossier.json says of this capture, for the biometric system that reads
    only this file. Each is left out when it does not apply, so its presence is the fact."""
    t = p.Tag
    if dossier.linked_dossiers:
        record.set(t.LINKED_DOSSIERS, *dossier.linked_dossiers)
    if dossier.tes_prints_refused:
        record.set(t.TES_PRINTS_REFUSED, p.TES_REFUSED)
    record.set(t.SIGNED_BY, *_signers(dossier))
    age = age_on(dossier.civil.birth_date, day) if dossier.civil.birth_date is not None else None
    if age is not None:
        record.set(t.AGE_AT_CAPTURE, str(age))
        # Validation allows an empty plan only under the minimum age; asking for it here too keeps the tag
        # off a dossier sealed near midnight on the 12th birthday, when the local and UTC dates differ.
        if not dossier.fingerprints and age < rules.fingerprint_min_age:
            record.set(t.FINGERS_NOT_TAKEN, (p.FINGERS_UNDER_AGE, str(rules.fingerprint_min_age)))


def _signers(dossier: Dossier) -> list[str]:
    """2.012: the applicant's part (signed or exempted), then the holder of parental authority if they signed."""
    signature = dossier.signature
    signed = signature is not None and signature.png is not None and signature.exemption is None
    out = [p.SIGNER_APPLICANT if signed else p.SIGNER_EXEMPT]
    guardian = dossier.guardian
    if guardian is not None and guardian.signature is not None and guardian.signature.png is not None:
        out.append(p.SIGNER_GUARDIAN)
    return out


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
