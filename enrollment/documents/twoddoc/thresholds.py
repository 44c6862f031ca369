"""How old a proof of address may be. The mairies' rule for passports and identity cards: a proof of
address less than one year old (service-public.fr, "justificatif de domicile"); the station may be set
stricter or looser by its caller."""

from __future__ import annotations

MAX_AGE_DAYS = 365
