"""The face image as the dossier keeps it, with what was checked, what the agent overrode and why.

Every field added after the first version has a default, so dossiers stored before still load, and the CERT
package (which serialises the dossier) gains the metadata without a format change on its side.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from ..model_base import Model, now_utc
from ..strings import message


class PhotoSource(StrEnum):
    CAMERA = "camera"  # live capture at the counter
    EPHOTO = "ephoto"  # fetched from the CERT with the booth's ePhoto code
    SCAN = "scan"  # paper photo put on the document scanner
    FILE = "file"  # an image file (technician's photo-check, tests)


class CheckResult(Model):
    """One named check: pass/fail, what was measured and the limit it was held to."""

    name: str  # stable code, e.g. "eyes_open"; the French instruction is `face.check.<name>`
    passed: bool
    value: float | None = None  # None: could not be measured (e.g. no face)
    limit: str = ""  # the threshold as a reader sees it, e.g. "≥ 0.19" or "0.71–0.80"
    unit: str = ""

    @property
    def instruction(self) -> str:
        """What the agent or applicant should do (French); empty when the check passes."""
        return "" if self.passed else message(f"face.check.{self.name}")

    @property
    def label(self) -> str:
        return message(f"face.label.{self.name}")


class OverrideReason(StrEnum):
    """Why an agent may accept a photo that fails a check (the list shown to the agent)."""

    MEDICAL = "medical"  # medical condition, disability (eyes, posture, facial difference)
    RELIGIOUS = "religious"  # religious head covering, face fully visible
    YOUNG_CHILD = "young_child"  # baby or young child: expression and gaze rules relaxed (domain.md)
    MEASUREMENT = "measurement"  # the agent judges the photo compliant: the automatic measure is wrong
    OTHER = "other"  # free text required


class Override(Model):
    """The agent accepted failing checks; the reason is mandatory and travels with the photo."""

    checks: list[str]
    reason: OverrideReason
    note: str = ""
    agent_id: str = ""
    at: datetime = Field(default_factory=now_utc)


class RenewalComparison(Model):
    """New photo against the previous title's photo (face_recognition encodings)."""

    distance: float
    max_distance: float
    reference_source: str  # "scan" or "file"
    at: datetime = Field(default_factory=now_utc)

    @property
    def likely_mismatch(self) -> bool:
        return self.distance > self.max_distance


class FacePhoto(Model):
    jpeg: bytes
    width: int
    height: int
    source: str  # a PhotoSource value
    captured_at: datetime = Field(default_factory=now_utc)
    # Added with the quality checks (defaults keep older dossiers loadable).
    checks: list[CheckResult] = Field(default_factory=list)
    override: Override | None = None
    renewal: RenewalComparison | None = None
    dpi: int = 300
    jpeg_quality: int | None = None
    # The booth's ePhoto code when the photo came from the ePhoto service: the CERT consumes it (single use)
    # when it receives the dossier.
    ephoto_code: str = ""

    @property
    def failing(self) -> list[str]:
        return [c.name for c in self.checks if not c.passed]

    @property
    def unresolved(self) -> list[str]:
        """Failing checks the agent did not override: a dossier with any cannot be sealed."""
        covered = set(self.override.checks) if self.override else set()
        return [n for n in self.failing if n not in covered]
