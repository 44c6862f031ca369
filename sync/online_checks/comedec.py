"""The applicant's birth data against COMEDEC, through the CERT: the verdict that says whether the paper
birth certificate must be asked for (domain.md, "Birth record").

The CERT answers verified / not_found / mismatch (naming the fields that differ) / commune_not_connected;
the counter needs four verdicts: `confirmed`, `not_found` (with what differs, when a record nearly
matched), `not_connected`, and `unreachable` when the CERT could not answer. Only `confirmed` spares the
paper certificate. `recheck_birth` is the same call, made before sealing for a dossier that went on while
the CERT was unreachable.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import SyncError
from ..lookups import BirthData, verify_birth_record
from ..strings import message
from ..transport import CertClient
from .verdicts import NextStep

log = logging.getLogger(__name__)

_FROM_CERT = {"verified": "confirmed", "not_found": "not_found", "mismatch": "not_found",
              "commune_not_connected": "not_connected"}
NEXT = {"confirmed": NextStep.PROCEED, "not_found": NextStep.CORRECT_CIVIL_STATUS,
        "not_connected": NextStep.PAPER_CERTIFICATE, "unreachable": NextStep.PROCEED_TO_VERIFY}


@dataclass(frozen=True)
class BirthVerdict:
    outcome: str  # confirmed | not_found | not_connected | unreachable
    message: str  # French, for the agent
    next_step: NextStep
    fields: tuple[str, ...] = ()  # not_found: the fields that differ from a near-matching record

    @property
    def paper_certificate_needed(self) -> bool:
        """Only a confirmed record spares the applicant the paper birth certificate (domain.md)."""
        return self.outcome != "confirmed"

    @property
    def to_verify(self) -> bool:
        return self.outcome == "unreachable"


def check_birth(client: CertClient, data: BirthData) -> BirthVerdict:
    """The verdict on the birth data. SyncError `comedec.malformed` for incomplete data (checked before
    any request), and for what the counter cannot settle (station revoked, an unexpected refusal)."""
    try:
        check = verify_birth_record(client, data)
    except SyncError as exc:
        if exc.code != "lookup.unreachable":
            raise
        return _verdict("unreachable")
    outcome = _FROM_CERT.get(check.status)
    if outcome is None:  # a status this station does not know: as good as no answer
        return _verdict("unreachable")
    return _verdict(outcome, tuple(check.fields))


def recheck_birth(client: CertClient, data: BirthData) -> BirthVerdict:
    """Before sealing a dossier flagged "to verify": the same check again; `unreachable` stays a verdict."""
    return check_birth(client, data)


_FIELDS = ("surname", "given_names", "sex", "birth_date")


def verdict_message(outcome: str, fields: Sequence[str] = ()) -> str:
    """What the agent reads of a verdict, the differing fields named; also for an answer kept with a draft."""
    if fields:
        names = ", ".join(message(f"comedec.field.{f}") for f in fields if f in _FIELDS)
        return message("comedec.mismatch", names=names)
    return message(f"comedec.{outcome}")


def _verdict(outcome: str, fields: tuple[str, ...] = ()) -> BirthVerdict:
    log.info("birth data checked", extra={"event": "check.comedec", "code": outcome, "count": len(fields)})
    return BirthVerdict(outcome, verdict_message(outcome, fields), NEXT[outcome], fields)
