"""What the online checks made at the counter answered, kept with the draft so that the documents list, the
summary and the sealing know it: COMEDEC for the birth data, the fee-stamp service for each stamp.

The station's calls (sync/) give verdicts; the station records them here. `TO_VERIFY` is the CERT not
answering: the application may go on, the check is made again before sealing, and a stamp still unverified
then goes with a flag the CERT checks on receipt."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .model_base import Model


class BirthCheck(StrEnum):
    UNCHECKED = "non_verifie"
    CONFIRMED = "confirme"
    NOT_FOUND = "introuvable"  # the register has no such birth (or differs: `differing` says where)
    NOT_CONNECTED = "commune_non_raccordee"
    TO_VERIFY = "a_verifier"  # the CERT did not answer


class StampCheck(StrEnum):
    UNCHECKED = "non_verifie"
    VALID = "valide"
    REFUSED = "refuse"  # consumed, insufficient, expired or unknown: `reason` says which
    TO_VERIFY = "a_verifier"


class BirthCheckResult(Model):
    status: BirthCheck = BirthCheck.UNCHECKED
    differing: list[str] = Field(default_factory=list)  # field names, as the CERT gives them
    checked_at: datetime | None = None

    @property
    def paper_certificate_needed(self) -> bool:
        return self.status in (BirthCheck.NOT_FOUND, BirthCheck.NOT_CONNECTED)


class StampCheckResult(Model):
    status: StampCheck = StampCheck.UNCHECKED
    reason: str = ""  # the refusal's code
    amount_eur: str = ""
    checked_at: datetime | None = None
