"""Who takes a dossier signs it: the agent's side of sealing, as the package needs it.

The station's key signs where a dossier was taken; the agent's card signs who took it, over the same
manifest (docs/package-format.md, "Agent signature"). This layer knows no card: the station hands the sealer
an `AgentSigner` that reaches the agent's card, and tests hand it a key.
"""

from __future__ import annotations

from typing import Protocol

from cryptography import x509


class AgentSigner(Protocol):
    """The logged-in agent's certificate, and a signature by the matching key.

    `sign(data)` returns a DER ECDSA P-256 / SHA-256 signature of `data`; it may raise the card's own error
    (removed, PIN needed): nothing is sealed then."""

    @property
    def certificate(self) -> x509.Certificate: ...

    def sign(self, data: bytes) -> bytes: ...
