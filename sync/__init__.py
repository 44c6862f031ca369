"""Sealing dossiers and sending them to the CERT: package, HTTPS transport, receipt check, outbox worker.

Imports `enrollment` only; talks to the CERT through the published formats of docs/cert-api.md."""

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
from .outbox import OutboxWorker
from .package import SealedPackage, Sealer, seal_and_queue
from .receipts import SignedReceipt, verify_receipt
from .settings import OutboxSettings, TransportSettings
from .transport import CertClient

__all__ = [
    "HandoverReceipt",
    "HandoverRecord",
    "HolderCheck",
    "HolderNames",
    "ParentalAuthority",
    "SmsState",
    "WaitingTitle",
    "fetch_holder",
    "fetch_templates",
    "fetch_waiting_titles",
    "handover_body",
    "record_handover",
    "return_title",
    "send_reminder",
    "BirthCheck",
    "BirthData",
    "EnvelopeReception",
    "FeeStamp",
    "PreApplication",
    "TitleStatus",
    "check_fee_stamp",
    "consume_fee_stamp",
    "fetch_pre_application",
    "fetch_title_status",
    "register_envelope",
    "verify_birth_record",
    "CertClient",
    "Ephoto",
    "OutboxSettings",
    "OutboxWorker",
    "SealedPackage",
    "SignedReceipt",
    "SyncError",
    "TransportSettings",
    "consume_ephoto",
    "fetch_ephoto",
    "normalise_code",
    "Sealer",
    "seal_and_queue",
    "verify_receipt",
]
