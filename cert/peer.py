"""Who is on the other end of a request: the verified client certificate's station id (CN) and mairie.

`server.PeerIdentityH11Protocol` copies both from the TLS peer certificate into the connection's ASGI
state; routes read them here. The mairie is the certificate's organizationIdentifier `INSEE:<code>`
(installer/pki.py and cert/station_ca.py build it so): the CERT issued it, so a station cannot claim
another mairie. None when the connection has no verified certificate or the certificate names no mairie.
The certificate itself (DER) goes beside them: the CERT encrypts a title's templates for its public key.
"""

from __future__ import annotations

from fastapi import Request

PEER_CN_STATE_KEY = "tls_peer_cn"
PEER_MAIRIE_STATE_KEY = "tls_peer_mairie"
PEER_CERT_STATE_KEY = "tls_peer_certificate"
INSEE_PREFIX = "INSEE:"


def subject_value(peercert: dict | None, name: str) -> str | None:
    """One attribute from `SSLSocket.getpeercert()`'s dict form: subject is a tuple of RDNs of (name, value)
    pairs."""
    if not peercert:
        return None
    for rdn in peercert.get("subject", ()):
        for key, value in rdn:
            if key == name:
                return value
    return None


def mairie_of_certificate(peercert: dict | None) -> str | None:
    org_id = subject_value(peercert, "organizationIdentifier")
    if org_id is None or not org_id.startswith(INSEE_PREFIX):
        return None
    return org_id[len(INSEE_PREFIX):] or None


def station_of(request: Request) -> str | None:
    return request.scope.get("state", {}).get(PEER_CN_STATE_KEY)


def mairie_of(request: Request) -> str | None:
    return request.scope.get("state", {}).get(PEER_MAIRIE_STATE_KEY)


def certificate_of(request: Request) -> bytes | None:
    """The verified client certificate, DER."""
    return request.scope.get("state", {}).get(PEER_CERT_STATE_KEY)
