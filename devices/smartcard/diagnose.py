"""Agent card reader self-check, for the technician: reader, card, PKCS#11 module and token, certificate,
PIN state.

A missing card is reported but is not a failure (the reader works; nobody has inserted a card yet), and the
card steps are then marked as not checked. When a session is already open (an agent is logged in) the
check reuses it rather than resetting the card, which would log the agent out.

What the device layer can say about the certificate is what the card holds: role (OU), mairie
(organizationIdentifier) and expiry date. Whether the agent CA issued it and whether it is revoked are
judged by the station, which holds the CA and the revocation list. The PIN state (last try, blocked) is
read from the token's flags, which presents no PIN and so never spends a try (OpenSC asks the card with a
VERIFY without data). The holder's name is left out, the token's label too (it is the holder's name on PIV
cards): a diagnosis goes into support tickets and carries no personal data (devices/diagnosis.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.x509.oid import NameOID

from devices import strings
from devices.diagnosis import Diagnosis, run_steps
from devices.errors import DeviceError

if TYPE_CHECKING:
    from devices.smartcard.driver import SmartCardReader


def diagnose_reader(reader: SmartCardReader) -> Diagnosis:
    seen: dict[str, bool] = {}

    def readers() -> str:
        names = reader.readers()
        if not names:
            raise DeviceError("card.no_reader", strings.message("card.no_reader"))
        status = reader.status()  # raises card.no_reader when the configured name matches none
        return strings.check("smartcard.readers", count=len(names), reader=status.reader)

    def card() -> str:
        status = reader.status()
        seen["present"] = status.present
        if not status.present:
            return strings.check("smartcard.no_card")
        return strings.check("smartcard.card", atr=status.atr)

    def application() -> str:
        if not seen.get("present"):
            return strings.check("smartcard.not_checked")
        if reader.connected:
            return strings.check("smartcard.application_in_session", **reader.token_description())
        reader.connect()  # the module reads the card: "card.unknown" if it is no agent card
        seen["opened"] = True
        return strings.check("smartcard.application", **reader.token_description())

    def certificate() -> str:
        if not seen.get("present"):
            return strings.check("smartcard.not_checked")
        der = reader.read_certificate()
        try:
            cert = x509.load_der_x509_certificate(der)
        except ValueError as exc:
            raise DeviceError("card.bad_certificate", strings.message("card.bad_certificate")) from exc
        return strings.check(
            "smartcard.certificate",
            role=_attr(cert, NameOID.ORGANIZATIONAL_UNIT_NAME) or "?",
            mairie=_attr(cert, NameOID.ORGANIZATION_IDENTIFIER) or "?",
            expiry=cert.not_valid_after_utc.date().isoformat(),
        )

    def pin() -> str:
        # Last, so that a blocked card (a failed check) still shows its certificate above.
        if not seen.get("present"):
            return strings.check("smartcard.not_checked")
        state = reader.pin_state()
        tries = state.tries_left
        if state.verified:
            return strings.check("smartcard.pin_verified")
        if tries is None:
            return strings.check("smartcard.pin_not_blocked")
        if tries <= 0:
            raise DeviceError("card.pin_blocked", strings.check("smartcard.pin_blocked"), {"tries_left": 0})
        return strings.check("smartcard.pin_tries_one" if tries == 1 else "smartcard.pin_tries", tries=tries)

    try:
        return run_steps(reader.kind, reader.implementation, [
            ("readers", readers), ("card", card), ("application", application), ("certificate", certificate),
            ("pin", pin),
        ])
    finally:
        if seen.get("opened") and reader.connected:
            reader.disconnect()  # a failed step must not leave the card open


def _attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
