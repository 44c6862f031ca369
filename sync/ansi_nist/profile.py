"""Our ANSI/NIST-ITL 1-2011 profile: every fixed value we write, with where it comes from.

docs/ansi-nist.md is the one-page reading of this table for the CERT's side. "(verify)" marks a value the
public sources leave to the receiving agency: keep it here so one edit changes it everywhere.
"""

from __future__ import annotations

from enum import IntEnum

from enrollment.fingerprint.model import FingerException

VERSION = "0500"  # 1.002 VER: ANSI/NIST-ITL 1-2011 (NIST SP 500-290 §8.1.2)
TOT = "TIE"  # 1.004: "titre d'identité, enrôlement"; user-defined, TOT is agreed with the receiver (verify)
PRIORITY = "5"  # 1.006 PRY, 1 (highest) to 9: a routine application (500-290 §8.1.6)
# 1.013 DOM: name and version of our Type-2 tags (500-290 §8.1.13). 1.1 added 2.010 to 2.014; a CERT reading
# a 1.0 transaction (sealed before, still in an outbox) finds none of them.
DOMAIN = ("FR-TES-RECUEIL", "1.1")
CHARSET = ("3", "UTF-8")  # 1.015 DCS: UTF-8 text in Type-2 (500-290 Table 6, code 3)
NATIVE_PPMM = "19.69"  # 1.011 NSR / 1.012 NTR: 500 ppi in pixels per millimetre (500-290 §8.1.11)
PPI = "1"  # x.008 SLC: 1 = pixels per inch (500-290 §8.10.8, §8.14.8)

# Type-10 face (500-290 §8.10; ICAO 9303 portrait).
FACE_IMT = "FACE"  # 10.003
FACE_CGA = "JPEGB"  # 10.011: baseline JPEG, what FacePhoto holds
FACE_CSP = "YCC"  # 10.012: JPEG's YCbCr
FACE_SAP = "13"  # 10.013: ISO/IEC 19794-5 full frontal (500-290 Table 25)
FACE_POS = "F"  # 10.020: frontal pose

# Type-14 fingerprint (500-290 §8.14; domain.md "Fingerprints": flat live-scan, 500 ppi, WSQ).
FINGER_IMP = "0"  # 14.003: live-scan plain (500-290 Table 7)
FINGER_CGA = "WSQ20"  # 14.011: FBI WSQ 3.1 (500-290 Table 15)
FINGER_BPX = "8"  # 14.012: 8-bit grey
# 14.024 FQM items: NFIQ 2 score, then its CBEFF vendor and algorithm ids as registered by NIST (verify).
NFIQ2_VENDOR = "000F"  # NIST's CBEFF biometric organisation id
NFIQ2_PRODUCT = "377"  # NFIQ 2 quality algorithm id (ISO/IEC 29794-4 Annex, verify)
QUALITY_NOT_COMPUTED = "254"  # 500-290 §8.14.24: no score was computed

# Type-8 signature (500-290 §8.8, binary record).
SIG_SUBJECT = "0"  # 8.003 SIG: the subject's signature
SIG_SCANNED_RAW = "0"  # 8.004 SRT: scanned, uncompressed (8-bit grey pixels, row by row)
SIG_ISR_MINIMUM = "0"  # 8.005 ISR: 0 = the 19.69 ppmm class; the true render dpi is in Type-2 2.008


class Tag(IntEnum):
    """Our Type-2 tags (user-defined, 2.003 onwards). No civil-status data: that travels in the JSON."""

    DOSSIER_ID = 3  # the dossier's id, equal to 1.009 TCN
    TITLE = 4  # "cni" or "passeport" (enrollment.model.TitleType)
    FINGERS_EXPECTED = 5  # number of fingers in the capture plan (kept + exceptions)
    FINGER_EXCEPTIONS = 6  # one subfield per finger: FGP ␟ AMP code ␟ our reason code
    SIGNATURE_EXEMPTION = 7  # reason code ␟ the recorded mention; absent when the applicant signed
    SIGNATURE_DPI = 8  # the Type-8 image's real resolution in ppi
    FACE_SOURCE = 9  # camera / ephoto / scan / file (enrollment.face.model.PhotoSource)
    # The other dossiers of a couplée application, one subfield per id: their transactions carry this very
    # capture, so the CERT enrolls one set of biometrics for them. Absent for a single title.
    LINKED_DOSSIERS = 10
    TES_PRINTS_REFUSED = 11  # "1": the CNIe applicant refused that TES keeps the prints; absent otherwise
    # Who signed the application: the applicant's part first (SIGNER_APPLICANT, or SIGNER_EXEMPT with 2.007),
    # then SIGNER_GUARDIAN when the holder of parental authority signed (their image travels in the package).
    SIGNED_BY = 12
    # Why the capture plan holds no finger: FINGERS_UNDER_AGE ␟ the rules' minimum age. Absent when prints
    # were required (the plan then lists every finger, kept or excepted).
    FINGERS_NOT_TAKEN = 13
    AGE_AT_CAPTURE = 14  # completed years on 1.005 DAT, the capture's date: the age, never the birth date


SIGNER_APPLICANT = "demandeur"  # 2.012: the applicant signed (the Type-8 record)
SIGNER_EXEMPT = "dispense"  # 2.012: the applicant was exempted (2.007 says why)
SIGNER_GUARDIAN = "autorite_parentale"  # 2.012: the holder of parental authority signed
TES_REFUSED = "1"  # 2.011
FINGERS_UNDER_AGE = "age"  # 2.013: under Rules.fingerprint_min_age on the capture's date


# 14.018 AMP codes (500-290 §8.14.18): XX amputated, UP unable to print (bandaged, injured...).
AMP_CODE: dict[FingerException, str] = {
    FingerException.AMPUTATED: "XX",
    FingerException.BANDAGED_OR_INJURED: "UP",
    FingerException.TEMPORARILY_UNABLE: "UP",
    FingerException.PERMANENTLY_UNABLE: "UP",
}
