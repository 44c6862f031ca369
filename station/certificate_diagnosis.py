"""`station diagnose`'s check of the station's own certificate: it warns 30 days before the certificate
expires, in time to run `station renew-certificate` (after expiry the CERT refuses every request and
nothing can be renewed; the station must be provisioned again)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509

from devices.diagnosis import Check, Diagnosis

from .strings import message

DEVICE = "certificate"
# A month: renewal needs the CERT reachable and a technician's visit may have to be planned.
EXPIRY_WARNING = timedelta(days=30)


def diagnose_station_certificate(cert_path: Path, now: datetime | None = None) -> Diagnosis:
    now = now or datetime.now(UTC)
    try:
        not_after = x509.load_pem_x509_certificate(cert_path.read_bytes()).not_valid_after_utc
    except (OSError, ValueError):
        return Diagnosis(DEVICE, "x509", False, [Check("expiry", False, message("certificate.unreadable"))])
    left, date = not_after - now, not_after.strftime("%d/%m/%Y")
    if left <= timedelta(0):
        check = Check("expiry", False, message("certificate.expired", not_after=date))
    elif left < EXPIRY_WARNING:
        check = Check("expiry", True, message("certificate.expires_soon", not_after=date, days=left.days),
                      warning=True)
    else:
        check = Check("expiry", True, message("certificate.valid_until", not_after=date, days=left.days))
    return Diagnosis(DEVICE, "x509", check.ok, [check])
