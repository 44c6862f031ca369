"""The applicant's signature as the dossier keeps it."""

from __future__ import annotations

from ..model_base import Model


class Signature(Model):
    png: bytes | None = None
    exemption: str | None = None  # the recorded mention when the applicant does not sign
