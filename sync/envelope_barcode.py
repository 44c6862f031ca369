"""The title envelope's barcode, as the CERT publishes it (docs/cert-api.md "Envelope barcode"): `EV`, the
9-character title number, and one ICAO 9303 check digit over the title number.

The station checks the digit itself, before anything is queued: a misread scan is refused at the counter,
also when the CERT cannot be reached, instead of waiting in the queue to be refused later."""

from __future__ import annotations

from .errors import SyncError
from .lookups import ENVELOPE, normalise

WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> str:
    """ICAO 9303 part 3: digits count as themselves, A–Z as 10–35, weighted 7, 3, 1, modulo 10."""
    values = [int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10 for ch in text]
    return str(sum(v * WEIGHTS[i % 3] for i, v in enumerate(values)) % 10)


def parse_envelope(text: str) -> str:
    """The barcode, upper case, without the spaces and dashes an agent may type; or SyncError
    `envelope.malformed` (not an envelope's barcode) or `envelope.misread` (its check digit is wrong)."""
    value = normalise(text, ENVELOPE, "envelope.malformed")
    if check_digit(title_number(value)) != value[-1]:
        raise SyncError.of("envelope.misread", retryable=False)
    return value


def title_number(barcode: str) -> str:
    """The title number a valid barcode carries."""
    return barcode[2:11]
