"""The pre-application number against the rendez-vous platform (ANTS rendez-vous coordination API,
`GET /api/status?application_ids=...` with header `x-rdv-opt-auth-token`): is it still good, and was it
booked elsewhere too (one applicant holding several appointments across mairies)?

The real API is its own host; the reference CERT serves a stand-in under `/ants` (cert/rdv_status.py). A
`CertClient` reaches the stand-in by path (`RDV_STATUS_PATH`); a plain `requests.Session` reaches any host
by full URL (the real one needs no client certificate, only the token).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import SyncError
from ..lookups import PRE_APPLICATION, normalise
from ..replies import STATION_REVOKED, error_code, json_object, map_request_exception, map_status
from ..settings import RDV_STATUS_PATH
from ..strings import message
from ..transport import CertClient
from .verdicts import NextStep

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

TOKEN_HEADER = "x-rdv-opt-auth-token"
SESSION_TIMEOUT_S = (5.0, 30.0)  # connect, read: a plain session has no transport settings of its own
NEXT = {"ok": NextStep.PROCEED, "duplicate": NextStep.CANCEL_OTHER_APPOINTMENTS,
        "consumed": NextStep.NEW_PRE_APPLICATION, "expired": NextStep.NEW_PRE_APPLICATION,
        "unknown": NextStep.RETYPE, "unreachable": NextStep.PROCEED_TO_VERIFY}
_FROM_PLATFORM = {"validated": "ok", "declared": "ok", "consumed": "consumed", "expired": "expired",
                  "unknown": "unknown"}


@dataclass(frozen=True)
class BookedAppointment:
    meeting_point: str  # the mairie's name, as the platform has it
    at: datetime  # local time, as booked


@dataclass(frozen=True)
class AppointmentVerdict:
    outcome: str  # ok | duplicate | consumed | expired | unknown | unreachable
    message: str  # French, for the agent
    next_step: NextStep
    appointments: tuple[BookedAppointment, ...] = ()  # duplicate: every appointment booked under the number

    @property
    def to_verify(self) -> bool:
        return self.outcome == "unreachable"


def check_appointments(client: CertClient | requests.Session, number: str, *, token: str,
                       url: str = RDV_STATUS_PATH) -> AppointmentVerdict:
    """The verdict on the pre-application number. `url` is a path for a CertClient, a full URL for a
    Session. SyncError for a number of the wrong shape (`pre_application.malformed`) and a refused token
    (`appointments.token_refused`: the station's configuration, not the applicant)."""
    number = normalise(number, PRE_APPLICATION, "pre_application.malformed")
    try:
        entry = _status(client, number, token, url)
        status, booked = entry["status"], tuple(_appointment(a) for a in entry["appointments"])
    except SyncError as exc:
        if not exc.retryable:
            raise
        return _verdict("unreachable")
    except (KeyError, TypeError, ValueError, AttributeError):
        return _verdict("unreachable")  # not the published shape: as good as no answer
    outcome = _FROM_PLATFORM.get(status) if isinstance(status, str) else None
    if outcome is None:
        return _verdict("unreachable")
    if outcome == "ok" and len(booked) > 1:
        listed = "; ".join(message("appointments.item", place=a.meeting_point, day=a.at.strftime("%d/%m/%Y"),
                                   time=a.at.strftime("%H:%M")) for a in booked)
        return _verdict("duplicate", booked, count=str(len(booked)), listed=listed)
    return _verdict(outcome)


def _status(client: CertClient | requests.Session, number: str, token: str, url: str) -> dict:
    kwargs = {"params": {"application_ids": number}, "headers": {TOKEN_HEADER: token, "Accept": "application/json"}}
    if isinstance(client, CertClient):
        response = client.request("GET", url, **kwargs)
    else:
        import requests

        try:
            response = client.get(url, timeout=SESSION_TIMEOUT_S, **kwargs)
        except requests.RequestException as exc:
            raise map_request_exception(exc) from exc
    if error_code(response) == STATION_REVOKED:  # the reference's listener shuts a revoked station out
        raise map_status(response.status_code, STATION_REVOKED)
    if response.status_code in (401, 403):
        raise SyncError.of("appointments.token_refused", retryable=False)
    if response.status_code != 200:
        raise SyncError.of("lookup.unreachable", retryable=True)
    entry = json_object(response, "lookup.unreachable").get(number)
    if not isinstance(entry, dict):
        raise SyncError.of("lookup.unreachable", retryable=True)
    return entry


def _appointment(raw: dict) -> BookedAppointment:
    return BookedAppointment(str(raw["meeting_point"]), datetime.fromisoformat(str(raw["appointment_date"])))


def _verdict(outcome: str, booked: tuple[BookedAppointment, ...] = (), **fields: str) -> AppointmentVerdict:
    log.info("appointments checked", extra={"event": "check.appointments", "code": outcome, "count": len(booked)})
    return AppointmentVerdict(outcome, message(f"appointments.{outcome}", **fields), NEXT[outcome], booked)
