"""Fictitious applicants for tests: complete dossiers built from real image formats."""

from __future__ import annotations

from datetime import date

import cv2
import numpy as np

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

SURNAME = "ZYGOMATIQUE"
GIVEN_NAMES = "Philomène"
BIRTH_PLACE = "Besançon"
STREET = "7 impasse des Quenouilles"


def _png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


def complete_dossier(agent_id: str = "AG-0001", birth: date = date(1990, 3, 2)) -> Dossier:
    rng = np.random.default_rng(7)
    face = rng.integers(0, 255, (531, 413, 3), dtype=np.uint8)
    finger = rng.integers(0, 255, (400, 300), dtype=np.uint8)
    return Dossier(
        agent_id=agent_id,
        title=TitleType.PASSPORT,
        reason=Reason.FIRST,
        pre_application="AB12CD34EF",
        civil=CivilStatus(surname=SURNAME, given_names=GIVEN_NAMES, sex=Sex.FEMALE, birth_date=birth,
                          birth_place=BIRTH_PLACE),
        address=Address(line1=STREET, postcode="25000", city="BESANÇON"),
        contact=Contact(phone="0612345678", email="philomene@example.org"),
        photo=FacePhoto(jpeg=cv2.imencode(".jpg", face)[1].tobytes(), width=413, height=531, source="camera"),
        fingerprints=[
            Fingerprint(position=FingerPosition.RIGHT_INDEX, png=_png(finger), width=300, height=400),
            Fingerprint(position=FingerPosition.LEFT_INDEX, png=_png(finger[::-1]), width=300, height=400),
        ],
        signature=Signature(png=_png(np.full((150, 600), 255, np.uint8))),
        documents=[Document(kind=DocumentKind.PROOF_OF_ADDRESS, png=_png(finger))],
        fee_stamp="1234567890123456",
    )
