"""Fictitious applicants for tests and benchmarks: complete dossiers built from real image formats."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime

import cv2
import numpy as np

from enrollment.ages import age_on
from enrollment.checks import BirthCheck, BirthCheckResult
from enrollment.fingerprint import iso19794_2
from enrollment.fingerprint.nbis_engine import extract
from enrollment.fingerprint.wsq_codec import encode_wsq
from enrollment.guardian import Guardian, ParentalLink
from enrollment.model import (
    Address,
    CivilStatus,
    Contact,
    Document,
    DocumentKind,
    Dossier,
    FacePhoto,
    FingerPosition,
    Fingerprint,
    Reason,
    Sex,
    Signature,
    TitleType,
)
from enrollment.nationality import NationalityBasis

SURNAME = "ZYGOMATIQUE"
GIVEN_NAMES = "Philomène"
BIRTH_PLACE = "Besançon"
STREET = "7 impasse des Quenouilles"


def _png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


_QUALITY = 31  # a plausible NFIQ 2 score for a kept print


@functools.cache
def _wsq_and_template(pixels: bytes, shape: tuple[int, int], position: int) -> tuple[bytes, bytes]:
    image = np.frombuffer(pixels, np.uint8).reshape(shape)
    return encode_wsq(image), iso19794_2.from_nbis(extract(image).template, position, _QUALITY)


def _fingerprint(position: FingerPosition, image: np.ndarray) -> Fingerprint:
    """A kept print as the capture plan records it: WSQ image and ISO/IEC 19794-2 template."""
    wsq, template = _wsq_and_template(image.tobytes(), image.shape, int(position))
    h, w = image.shape
    return Fingerprint(position=position, wsq=wsq, template=template, width=w, height=h, quality=_QUALITY,
                       tries=1)


def complete_dossier(agent_id: str = "AG-0001", birth: date = date(1990, 3, 2)) -> Dossier:
    """A first passport application, complete on any day for this birth date: a minor comes with a parent."""
    rng = np.random.default_rng(7)
    face = rng.integers(0, 255, (531, 413, 3), dtype=np.uint8)
    finger = rng.integers(0, 255, (400, 300), dtype=np.uint8)
    minor = age_on(birth, date.today()) < 18
    guardian = Guardian(surname=SURNAME, given_names="Anatole", link=ParentalLink.FATHER, id_document="CNI X4RTBPFW4",
                        signature=Signature(png=_png(np.full((150, 600), 255, np.uint8)))) if minor else None
    documents = [Document(kind=DocumentKind.PROOF_OF_ADDRESS, png=_png(finger))]
    if minor:
        documents.append(Document(kind=DocumentKind.GUARDIAN_ID, png=_png(finger)))
    return Dossier(
        agent_id=agent_id,
        title=TitleType.PASSPORT,
        reason=Reason.FIRST,
        pre_application="AB12CD34EF",
        civil=CivilStatus(surname=SURNAME, given_names=GIVEN_NAMES, sex=Sex.FEMALE, birth_date=birth,
                          birth_place=BIRTH_PLACE, birth_insee="25056"),
        address=Address(line1=STREET, postcode="25000", city="BESANÇON"),
        contact=Contact(phone="0612345678", email="philomene@example.org"),
        photo=FacePhoto(jpeg=cv2.imencode(".jpg", face)[1].tobytes(), width=413, height=531, source="camera"),
        fingerprints=[
            _fingerprint(FingerPosition.RIGHT_INDEX, finger),
            _fingerprint(FingerPosition.LEFT_INDEX, np.ascontiguousarray(finger[::-1])),
        ],
        signature=Signature(png=_png(np.full((150, 600), 255, np.uint8))),
        documents=documents,
        fee_stamp="1234567890123456",
        nationality=NationalityBasis.BORN_IN_FRANCE_PARENT_BORN_IN_FRANCE,
        guardian=guardian,
        birth_check=BirthCheckResult(status=BirthCheck.CONFIRMED),  # COMEDEC found the birth record
        attested_at=datetime.now(UTC),  # the summary read back and attested
    )
