"""Fingerprints as the dossier keeps them: a WSQ image with its ISO/IEC 19794-2 template, or an exception.

Bytes travel as base64 in JSON (model_base), so the store and the CERT package carry them unchanged."""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator

from ..model_base import Model


class FingerPosition(StrEnum):
    """ANSI/NIST-ITL and ISO/IEC 19794-2 finger position codes."""

    RIGHT_THUMB = "1"
    RIGHT_INDEX = "2"
    RIGHT_MIDDLE = "3"
    RIGHT_RING = "4"
    RIGHT_LITTLE = "5"
    LEFT_THUMB = "6"
    LEFT_INDEX = "7"
    LEFT_MIDDLE = "8"
    LEFT_RING = "9"
    LEFT_LITTLE = "10"


class FingerException(StrEnum):
    """Why a finger could not be captured; confirmed by the agent (domain.md "Fingerprints")."""

    AMPUTATED = "amputation"
    BANDAGED_OR_INJURED = "pansement_ou_blessure"
    TEMPORARILY_UNABLE = "impossibilite_temporaire"
    PERMANENTLY_UNABLE = "impossibilite_definitive"


class Fingerprint(Model):
    """One finger of the capture plan: a kept print (WSQ + template) or a recorded exception."""

    position: FingerPosition
    wsq: bytes | None = None  # FBI WSQ 3.1, 8-bit grey
    template: bytes | None = None  # ISO/IEC 19794-2:2005 minutiae record (the hand-over check matches it)
    width: int = 0
    height: int = 0
    ppi: int = 500
    quality: int | None = None  # NFIQ 2, 0-100
    minutiae: int | None = None
    tries: int = 0
    exception: FingerException | None = None
    exception_confirmed_by: str = ""  # id of the agent who confirmed the exception

    @model_validator(mode="after")
    def _print_or_exception(self) -> Fingerprint:
        if self.exception is None and (self.wsq is None or self.template is None):
            raise ValueError("a fingerprint keeps its WSQ image and template, or records an exception")
        if self.exception is not None and (self.wsq is not None or not self.exception_confirmed_by):
            raise ValueError("an exception keeps no image and names the agent who confirmed it")
        return self

    @property
    def captured(self) -> bool:
        return self.exception is None
