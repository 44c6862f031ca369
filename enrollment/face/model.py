"""The face image as the dossier keeps it."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ..model_base import Model, now_utc


class FacePhoto(Model):
    jpeg: bytes
    width: int
    height: int
    source: str  # "camera", "ephoto" or "scan"
    captured_at: datetime = Field(default_factory=now_utc)
