"""Serving the CERT app over HTTPS with client certificates (uvicorn, in-process).

The TLS layer asks every client for a certificate and refuses at the handshake one the station CA did not
issue, but lets a client without any connect (ssl.CERT_OPTIONAL): a station being provisioned has none
yet. The app then denies every path but the public ones to a connection without a verified CN
(`app.PUBLIC_PATHS`, a deny-by-default middleware).

uvicorn verifies the client certificate against the station CA but does not hand it to the ASGI app
(there is no "tls" scope extension). `PeerIdentityH11Protocol` reads the verified peer certificate from
the TLS transport when the connection is made and copies its CN into the per-connection ASGI state,
which uvicorn copies into every request's `scope["state"]`; its serial goes beside it, for the revocation check
(cert/revocation.py). It relies on two uvicorn internals
(`H11Protocol.app_state`, and `scope["state"]` being built from it); tests/cert exercise both, so an
upgrade that breaks them fails loudly (every PUT would get 403 no_client_identity).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .app import create_app
from .audit_log import AuditStore
from .bounds import MAX_PACKAGE_BYTES
from .ephoto import EphotoStore
from .ephoto import seed as seed_ephoto
from .fleet import FleetStore
from .intake import PackageOpener
from .lookups import open_stores as open_lookups
from .peer import (
    PEER_CERT_STATE_KEY,
    PEER_CN_STATE_KEY,
    PEER_MAIRIE_STATE_KEY,
    mairie_of_certificate,
    subject_value,
)
from .provisioning import Provisioning, StationRegistry
from .rdv_status import DEMO_TOKEN, RdvStatus
from .rdv_status import seed as seed_rdv
from .receipts import ReceiptSigner
from .reference_data import ReferenceStore
from .revocation import PEER_SERIAL_STATE_KEY, normalise_serial
from .station_ca import StationIssuer
from .storage import Storage
from .updates.repository import UpdateRepository


class PeerIdentityH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        peercert = transport.get_extra_info("peercert")
        serial = normalise_serial(peercert.get("serialNumber")) if peercert else None
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if peercert and ssl_object is not None else None
        # A fresh dict per connection: the shared app state must never carry one station's identity.
        self.app_state = {**self.app_state, PEER_CN_STATE_KEY: subject_value(peercert, "commonName"),
                          PEER_MAIRIE_STATE_KEY: mairie_of_certificate(peercert), PEER_SERIAL_STATE_KEY: serial,
                          PEER_CERT_STATE_KEY: der}

    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            # Idle keep-alive connection. uvicorn's close() starts a TLS shutdown that waits for the client's
            # close_notify, which an idle client never sends, so SIGTERM would hang until the client leaves
            # or the 30 s SSL shutdown timeout; nothing is in flight, so drop it at once.
            self.transport.abort()
        else:
            super().shutdown()


@dataclass(frozen=True)
class ServerSettings:
    pki_dir: Path
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8443
    cert_code: str = "21"
    faces_dir: Path | None = None  # developer face photos the ePhoto codes are seeded from (else drawn)
    rdv_token: str = DEMO_TOKEN  # the x-rdv-opt-auth-token the rendez-vous stand-in expects
    # Seconds added to the clock the heartbeat replies carry: tests and demos of a station whose clock is off.
    clock_offset_s: float = 0.0


class CertServer(uvicorn.Server):
    """uvicorn's server, telling `on_ready` the bound port once it listens (port 0 picks a free one)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str, int], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers:
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            self._on_ready(host, port)


def _provisioning(settings: ServerSettings) -> Provisioning:
    """Station provisioning: it issues certificates only where the station CA's key is at hand."""
    pki = settings.pki_dir
    issuer = None
    if (pki / "station-ca.key").is_file():
        issuer = StationIssuer(pki / "station-ca.pem", pki / "station-ca.key", pki / "cert-ca.pem")
    return Provisioning(StationRegistry(settings.data_dir), issuer)


def build_server(
    settings: ServerSettings, on_ready: Callable[[str, int], None]
) -> tuple[CertServer, Storage]:
    pki = settings.pki_dir
    storage = Storage(settings.data_dir, settings.cert_code)
    signer = ReceiptSigner(pki / "cert-receipt.key", pki / "cert-receipt.pem")
    opener = PackageOpener(pki / "cert-encryption.key", pki / "cert-encryption.pem", pki / "station-ca.pem",
                           MAX_PACKAGE_BYTES, pki / "agent-ca.pem", pki / "agent-crl.pem")
    ephoto = EphotoStore(settings.data_dir)
    seed_ephoto(ephoto, settings.faces_dir)
    lookups = open_lookups(settings.data_dir)  # seeded; SMS to <data_dir>/sms.jsonl
    rdv = RdvStatus(lookups.db)
    seed_rdv(rdv)
    config = uvicorn.Config(
        create_app(storage, signer, agent_crl=pki / "agent-crl.pem", ephoto=ephoto, lookups=lookups,
                   opener=opener, provisioning=_provisioning(settings), rdv=rdv, rdv_token=settings.rdv_token,
                   audit=AuditStore(settings.data_dir), fleet=FleetStore(settings.data_dir),
                   clock=lambda: datetime.now(UTC) + timedelta(seconds=settings.clock_offset_s),
                   updates=UpdateRepository(settings.data_dir), reference=ReferenceStore(settings.data_dir)),
        host=settings.host,
        port=settings.port,
        http=PeerIdentityH11Protocol,
        ssl_certfile=str(pki / "cert-server.pem"),
        ssl_keyfile=str(pki / "cert-server.key"),
        ssl_ca_certs=str(pki / "station-ca.pem"),
        ssl_cert_reqs=ssl.CERT_OPTIONAL,
        lifespan="off",
        timeout_graceful_shutdown=10,
        log_level="warning",
        # Access lines carry only method, path (the dossier UUID) and status; they stay off to keep
        # stdout for the readiness line.
        access_log=False,
    )
    return CertServer(config, on_ready), storage
