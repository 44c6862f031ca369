"""The logged-in agent signs what they seal, with their own card (docs/package-format.md, "Agent signature").

The sealer (sync/package) asks for an `AgentSigner`; this one reaches the agent's card through its device
worker. It signs only with the card that opened the session: a card swapped since the log-in is refused
before it signs anything. A card that needs its PIN again, or that was pulled out, stops the sealing with
the card's own French message, and nothing is sealed. A card that wants its PIN for every signature says
"card.pin_again": the window asks the agent for it and seals again with it (`pin`).
"""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from devices.errors import DeviceError

from .auth import AgentSession
from .errors import AuthError
from .strings import message


class CardAgent:
    """The session's agent, as an `AgentSigner`. Blocking: use it off the GUI thread."""

    def __init__(self, smartcard: Any, session: AgentSession, pin: str | None = None) -> None:
        self._card = smartcard  # the smart card's DeviceHandle
        self._session = session
        self._pin = pin  # only for a key the card unlocks one signature at a time ("card.pin_again")
        self._certificate: x509.Certificate | None = None

    @property
    def certificate(self) -> x509.Certificate:
        if self._certificate is None:
            der = self._ask("read_certificate")
            try:
                cert = x509.load_der_x509_certificate(der)
            except ValueError as exc:
                raise AuthError("auth.bad_certificate", message("auth.bad_certificate")) from exc
            if cert.fingerprint(hashes.SHA256()).hex() != self._session.certificate_sha256:
                raise AuthError("auth.card_changed", message("auth.card_changed"))
            self._certificate = cert
        return self._certificate

    def sign(self, data: bytes) -> bytes:
        _ = self.certificate  # the session's card, checked before it signs
        return bytes(self._ask("sign", data, self._pin))

    def _ask(self, operation: str, *args: Any) -> Any:
        try:
            return self._card.call(operation, *args).result()
        except DeviceError as exc:
            raise AuthError(exc.code, exc.message) from exc
