"""`station diagnose card`: what the reader and card say (device layer), plus what only the station can
judge: the certificate chain to the agent CA, the validity dates, the revocation list, the mairie."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from devices.diagnose import diagnose
from devices.diagnosis import Check, Diagnosis
from devices.errors import DeviceError
from devices.smartcard import SmartCardReader

from .auth import check_certificate
from .errors import AuthError
from .revocation import RevocationList
from .strings import message


def diagnose_card(
    reader: SmartCardReader, agent_ca: x509.Certificate, revocation: RevocationList, mairie_insee: str
) -> Diagnosis:
    """Runs on the smart-card worker. Never raises: a diagnosis reports."""
    base = diagnose(reader)
    checks = list(base.checks)
    now = datetime.now(UTC)
    crl = revocation.status(now)
    checks.append(Check("revocation_list", crl.ok, crl.detail))
    try:
        reader.connect()
        der = reader.read_certificate()
        cert = x509.load_der_x509_certificate(der)
    except (DeviceError, ValueError) as exc:
        detail = exc.message if isinstance(exc, DeviceError) else message("card_diagnosis.certificate_unreadable")
        checks.append(Check("certificate", False, detail))
        return Diagnosis(base.device, base.implementation, False, checks)
    finally:
        try:
            reader.disconnect()
        except DeviceError:
            pass
    # The holder is the agent at the counter, named on their own card: the technician needs it to tell
    # whose card is in the reader. It is the only name a diagnosis carries.
    holder = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    name = str(holder[0].value) if holder else message("card_diagnosis.no_holder")
    checks.append(Check("holder", bool(holder), name))
    checks.append(_judge("certificate_chain", message("card_diagnosis.chain_ok"),
                         lambda: check_certificate(cert, agent_ca, mairie_insee, now)))
    if crl.ok:
        checks.append(_judge("not_revoked", message("card_diagnosis.not_revoked"), lambda: revocation.check(cert, now)))
    return Diagnosis(base.device, base.implementation, all(c.ok for c in checks), checks)


def _judge(name: str, ok_detail: str, check: Callable[[], None]) -> Check:
    try:
        check()
    except AuthError as exc:
        return Check(name, False, exc.message)
    return Check(name, True, ok_detail)
