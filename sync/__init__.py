"""Sealing dossiers and sending them to the CERT: package, HTTPS transport, receipt check, outbox worker.

Imports `enrollment` only; talks to the CERT through the published formats of docs/cert-api.md.

The names below are loaded on first use (PEP 562): importing one module of the package (the settings, to
read a default) must not load cryptography, requests and the store, which the station's start-up does
not need before its login screen is up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "HandoverReceipt": "delivery", "HandoverRecord": "delivery", "ParentalAuthority": "delivery",
    "fetch_holder": "delivery", "fetch_templates": "delivery", "fetch_waiting_titles": "delivery",
    "handover_body": "delivery", "record_handover": "delivery", "return_title": "delivery",
    "send_reminder": "delivery",
    "HolderCheck": "delivery_replies", "HolderNames": "delivery_replies", "SmsState": "delivery_replies",
    "WaitingTitle": "delivery_replies",
    "Ephoto": "ephoto", "consume_ephoto": "ephoto", "fetch_ephoto": "ephoto", "normalise_code": "ephoto",
    "SyncError": "errors",
    "BirthCheck": "lookups", "BirthData": "lookups", "EnvelopeReception": "lookups", "FeeStamp": "lookups",
    "PreApplication": "lookups", "TitleStatus": "lookups", "check_fee_stamp": "lookups",
    "consume_fee_stamp": "lookups", "fetch_pre_application": "lookups", "fetch_title_status": "lookups",
    "register_envelope": "lookups", "verify_birth_record": "lookups",
    "NextStep": "online_checks.verdicts",
    "StampVerdict": "online_checks.fee_stamp", "check_dossier_stamp": "online_checks.fee_stamp",
    "check_stamp": "online_checks.fee_stamp", "parse_fee_stamp_payload": "online_checks.flashcode",
    "BirthVerdict": "online_checks.comedec", "check_birth": "online_checks.comedec",
    "recheck_birth": "online_checks.comedec",
    "AppointmentVerdict": "online_checks.appointments", "BookedAppointment": "online_checks.appointments",
    "check_appointments": "online_checks.appointments",
    "OutboxWorker": "outbox",
    "SealedPackage": "package", "Sealer": "package", "seal_and_queue": "package",
    "SignedReceipt": "receipts", "verify_receipt": "receipts",
    "OutboxSettings": "settings", "TransportSettings": "settings",
    "CertClient": "transport",
}

__all__ = [  # literal, so that linters see the names
    "AppointmentVerdict",
    "BirthCheck",
    "BirthData",
    "BirthVerdict",
    "BookedAppointment",
    "CertClient",
    "EnvelopeReception",
    "Ephoto",
    "FeeStamp",
    "HandoverReceipt",
    "HandoverRecord",
    "HolderCheck",
    "HolderNames",
    "NextStep",
    "OutboxSettings",
    "OutboxWorker",
    "ParentalAuthority",
    "PreApplication",
    "SealedPackage",
    "Sealer",
    "SignedReceipt",
    "SmsState",
    "StampVerdict",
    "SyncError",
    "TitleStatus",
    "TransportSettings",
    "WaitingTitle",
    "check_appointments",
    "check_birth",
    "check_dossier_stamp",
    "check_fee_stamp",
    "check_stamp",
    "consume_ephoto",
    "consume_fee_stamp",
    "fetch_ephoto",
    "fetch_holder",
    "fetch_pre_application",
    "fetch_templates",
    "fetch_title_status",
    "fetch_waiting_titles",
    "handover_body",
    "normalise_code",
    "parse_fee_stamp_payload",
    "recheck_birth",
    "record_handover",
    "register_envelope",
    "return_title",
    "seal_and_queue",
    "send_reminder",
    "verify_birth_record",
    "verify_receipt",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'sync' has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)


if TYPE_CHECKING:
    from .delivery import (
        HandoverReceipt,
        HandoverRecord,
        ParentalAuthority,
        fetch_holder,
        fetch_templates,
        fetch_waiting_titles,
        handover_body,
        record_handover,
        return_title,
        send_reminder,
    )
    from .delivery_replies import HolderCheck, HolderNames, SmsState, WaitingTitle
    from .ephoto import Ephoto, consume_ephoto, fetch_ephoto, normalise_code
    from .errors import SyncError
    from .lookups import (
        BirthCheck,
        BirthData,
        EnvelopeReception,
        FeeStamp,
        PreApplication,
        TitleStatus,
        check_fee_stamp,
        consume_fee_stamp,
        fetch_pre_application,
        fetch_title_status,
        register_envelope,
        verify_birth_record,
    )
    from .online_checks.appointments import AppointmentVerdict, BookedAppointment, check_appointments
    from .online_checks.comedec import BirthVerdict, check_birth, recheck_birth
    from .online_checks.fee_stamp import StampVerdict, check_dossier_stamp, check_stamp
    from .online_checks.flashcode import parse_fee_stamp_payload
    from .online_checks.verdicts import NextStep
    from .outbox import OutboxWorker
    from .package import SealedPackage, Sealer, seal_and_queue
    from .receipts import SignedReceipt, verify_receipt
    from .settings import OutboxSettings, TransportSettings
    from .transport import CertClient
