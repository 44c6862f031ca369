"""The fleet's French texts: the clock rule at sealing (the agent reads it) and `station support-bundle`
(the technician reads it)."""

from __future__ import annotations

_KEPT = ("Le dossier est conservé en brouillon. Vérifiez la date et l'heure du poste (synchronisation NTP) ; si "
         "elles vous semblent justes, appelez l'assistance technique.")

MESSAGES: dict[str, str] = {
    # Sealing refused while the clock is off (station/clock_rule.py).
    "seal.clock_behind": (
        "L'horloge du poste retarde de {skew} sur celle du centre de traitement (CERT), mesuré le {measured_at} : "
        "au-delà de {limit}, aucun dossier ne peut être scellé. " + _KEPT
    ),
    "seal.clock_ahead": (
        "L'horloge du poste avance de {skew} sur celle du centre de traitement (CERT), mesuré le {measured_at} : "
        "au-delà de {limit}, aucun dossier ne peut être scellé. " + _KEPT
    ),
    "clock.seconds": "{seconds} s",
    "clock.minutes": "{minutes} min",
    "clock.minutes_seconds": "{minutes} min {seconds} s",
    "clock.hours_minutes": "{hours} h {minutes} min",
    # `station support-bundle` (station/commands/support_bundle.py).
    "support_bundle.written": "Dossier d'assistance écrit : {path}",
    "support_bundle.unwritable": "Impossible d'écrire le dossier d'assistance : {path}",
}

LABELS: dict[str, str] = {}
