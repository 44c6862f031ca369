"""Domain norms in one table, each with its source. Values marked (verify) in the domain reference are
defaults that configuration may change; they are never buried in code elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Rules:
    # Fingerprints from 12 years (décret 2016-1460 art. 5 / domain.md "Fingerprints").
    fingerprint_min_age: int = 12
    # Two flat prints are kept (TES, domain.md).
    fingerprints_kept: int = 2
    # A child signs from about 12 (domain.md "Signature", verify): configurable.
    signature_min_age: int = 12
    # Pre-application number: 10 uppercase letters/digits (domain.md "Titles and requests").
    pre_application_pattern: str = r"^[A-Z0-9]{10}$"
    # Electronic fiscal stamp: 16 digits (domain.md).
    fee_stamp_pattern: str = r"^[0-9]{16}$"
    # Title numbers (domain.md "Identifiers"): the CNIe's 9 letters and digits, the passport's 2 digits, 2 letters,
    # 5 digits; the laminated card before the CNIe: 12 characters, issue year and month, office, serial (verify).
    cnie_number_pattern: str = r"^[A-Z0-9]{9}$"
    passport_number_pattern: str = r"^[0-9]{2}[A-Z]{2}[0-9]{5}$"
    old_cni_number_pattern: str = r"^[0-9]{4}[0-9A-Z]{3}[0-9]{5}$"
    # Validity (domain.md "Validity"): 10 years, a minor's passport 5.
    title_validity_years: int = 10
    passport_validity_minor_years: int = 5
    # A secure title (CNIe, passport) expired for less than this proves civil status: no birth certificate (verify).
    secure_title_grace_years: int = 5
    # French postcode: 5 digits (La Poste).
    postcode_pattern: str = r"^[0-9]{5}$"
    # Passport fees in euros by age (domain.md "Fees"); CNIe free except loss or theft. The age bands: the adult
    # fee from 18, the 15-17 fee from 15, below that the child's.
    passport_adult_age: int = 18
    passport_teen_age: int = 15
    passport_fee_adult: Decimal = Decimal("86")
    passport_fee_15_17: Decimal = Decimal("42")
    passport_fee_under_15: Decimal = Decimal("17")
    cni_fee_loss_or_theft: Decimal = Decimal("25")
    # Long commune names exist (agents complain of fields that cut them): fields hold at least this many characters.
    max_text_field: int = 120

    def matches(self, pattern: str, value: str) -> bool:
        return re.fullmatch(pattern, value) is not None

    def pre_application_number(self, text: str) -> str | None:
        """The number in what the agent typed or the QR code held (spaces and dashes dropped, upper case,
        as the CERT lookup reads it), or None. ASCII is checked before upper(): "ı" would become "I"."""
        kept = re.sub(r"[\s-]", "", text)
        value = kept.upper()
        return value if kept.isascii() and self.matches(self.pre_application_pattern, value) else None


DEFAULT_RULES = Rules()

# The values a ministry may change by publishing a new "rules" reference set (docs/reference-data.md): the
# numbers of the norms. Patterns and field lengths are formats, changed with the software.
PUBLISHED_RULES = (
    "fingerprint_min_age", "fingerprints_kept", "signature_min_age", "title_validity_years",
    "passport_validity_minor_years", "secure_title_grace_years", "passport_adult_age", "passport_teen_age",
    "passport_fee_adult", "passport_fee_15_17", "passport_fee_under_15", "cni_fee_loss_or_theft",
)
