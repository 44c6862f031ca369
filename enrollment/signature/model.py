"""The applicant's signature as the dossier keeps it."""

from __future__ import annotations

from enum import StrEnum

from ..model_base import Model


class SignatureExemption(StrEnum):
    CHILD = "enfant"  # too young to sign (under Rules.signature_min_age)
    UNABLE = "incapacite"  # a person unable to sign (disability, illiteracy...)


class Signature(Model):
    png: bytes | None = None  # the image for the title's signature zone (render.py)
    iso_19794_7: bytes | None = None  # the pen's time series, ISO/IEC 19794-7 full format (iso19794_7.py)
    exemption: str | None = None  # the recorded mention when the applicant does not sign
    exemption_reason: SignatureExemption | None = None
