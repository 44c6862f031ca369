"""What every counter check hands back: an outcome, its French message, and what the agent does next."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from ..strings import message


class NextStep(StrEnum):
    PROCEED = "proceed"  # the check passed
    PROCEED_TO_VERIFY = "proceed_to_verify"  # the CERT could not answer: go on, the dossier is checked later
    RETYPE = "retype"  # the number was mistyped or misread: enter or scan it again
    NEW_STAMP = "new_stamp"  # the applicant must buy another fee stamp
    PAPER_CERTIFICATE = "paper_certificate"  # ask for the paper birth certificate
    CORRECT_CIVIL_STATUS = "correct_civil_status"  # compare the civil status with the applicant's documents
    CANCEL_OTHER_APPOINTMENTS = "cancel_other_appointments"  # the applicant must cancel the other bookings
    NEW_PRE_APPLICATION = "new_pre_application"  # a new pre-application online, or the paper Cerfa


def euros(amount: Decimal) -> str:
    """Money as the agent reads it: 86,00 € (decimal comma, the catalogue places the sign)."""
    return message("money.euros", amount=str(amount.quantize(Decimal("0.01"))).replace(".", ","))
