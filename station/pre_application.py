"""The applicant's online pre-application, fetched from the CERT by its number, pre-fills the dossier.

Only empty fields are filled: whatever the agent has already typed (or corrected with the applicant) wins,
so a lookup that answers late can never overwrite the agent's work."""

from __future__ import annotations

from datetime import date

from enrollment.model import Dossier, Sex, TitleType
from enrollment.validation import normalise_phone
from sync.lookups import PreApplication, fetch_pre_application
from sync.online_checks.appointments import AppointmentVerdict

from .config import Config
from .context import cert_client

TITLES = {"cni": TitleType.CNI, "passport": TitleType.PASSPORT}


def lookup(config: Config, number: str) -> PreApplication:
    """Blocking (HTTPS to the CERT): run it off the GUI thread. Raises SyncError in French."""
    with cert_client(config) as client:
        return fetch_pre_application(client, number)


def check_appointments(config: Config, number: str) -> AppointmentVerdict | None:
    """The rendez-vous platform's word on the number (other appointments booked with it, consumed,
    expired); None when the station has no token for the platform. Blocking: off the GUI thread."""
    from sync.online_checks.appointments import check_appointments as check

    cert = config.cert
    if not cert.rdv_token:
        return None
    if cert.rdv_status_url.startswith("https://"):  # the platform itself: its own host, no client certificate
        import requests

        with requests.Session() as session:
            return check(session, number, token=cert.rdv_token, url=cert.rdv_status_url)
    with cert_client(config) as client:
        return check(client, number, token=cert.rdv_token, url=cert.rdv_status_url)


def prefill(dossier: Dossier, pre: PreApplication) -> int:
    """Copy the pre-application into the empty fields of `dossier`; returns how many fields were filled."""
    c, a, k = dossier.civil, dossier.address, dossier.contact
    values = [
        (c, "surname", str(pre.civil.get("surname", "")).upper()),
        (c, "given_names", str(pre.civil.get("given_names", ""))),
        (c, "birth_place", str(pre.civil.get("birth_commune", ""))),
        (a, "line1", str(pre.address.get("line1", ""))),
        (a, "line2", str(pre.address.get("line2", ""))),
        (a, "postcode", str(pre.address.get("postcode", ""))),
        (a, "city", str(pre.address.get("city", "")).upper()),
        (k, "email", str(pre.contact.get("email", ""))),
        (k, "phone", normalise_phone(str(pre.contact.get("phone", "")))),
    ]
    filled = 0
    for part, name, value in values:
        if value and not getattr(part, name):
            setattr(part, name, value)
            filled += 1
    if c.sex is None and pre.civil.get("sex") in ("F", "M"):
        c.sex, filled = Sex(pre.civil["sex"]), filled + 1
    birth = _date(pre.civil.get("birth_date"))
    if c.birth_date is None and birth is not None:
        c.birth_date, filled = birth, filled + 1
    title = TITLES.get(pre.title) if isinstance(pre.title, str) else None
    if dossier.title is None and title is not None:  # "both" (demande couplée) stays the agent's choice
        dossier.title, filled = title, filled + 1
    dossier.pre_application = pre.number
    return filled


def _date(value: object) -> date | None:
    """An ISO date, else None: a date the pre-application got wrong is left for the agent to type, and the
    other fields are still filled."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
