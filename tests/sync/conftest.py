"""A station store with complete dossiers, and transport settings pointing at the real CERT service."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from devstation.cert_service import CertService
from devstation.factories import complete_dossier as realistic_dossier
from enrollment.model import Address, CivilStatus, Dossier, FacePhoto, Reason, Sex, State, TitleType
from enrollment.nationality import NationalityBasis
from enrollment.store import FileKeyProvider, Store
from installer.pki import PkiPaths
from sync import CertClient, OutboxSettings, OutboxWorker, SyncError, TransportSettings
from sync.delivery_queue import DeliveryQueue


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    keys = FileKeyProvider(tmp_path / "station" / "store.key")
    keys.create()
    s = Store(tmp_path / "station" / "store.db", keys)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def complete_dossier(store: Store) -> Callable[[], Dossier]:
    """Saves and returns a fresh complete dossier (fake applicant) each call. The prints, signature and
    proof of address come from the enrollment factories: the store keeps a complete dossier only if it
    passes the rules."""

    def make() -> Dossier:
        captures = realistic_dossier()
        d = Dossier(
            state=State.COMPLETE,
            agent_id="AG-0001",
            title=TitleType.CNI,
            reason=Reason.FIRST,
            civil=CivilStatus(surname="DUPONT", given_names="Jeanne", sex=Sex.FEMALE,
                              birth_date=date(1990, 5, 17), birth_place="DIJON", height_cm=165),
            address=Address(line1="1 rue de la Liberté", postcode="21000", city="DIJON"),
            photo=FacePhoto(jpeg=b"\xff\xd8\xff\xe0fake-jpeg", width=413, height=531, source="camera"),
            fingerprints=captures.fingerprints,
            signature=captures.signature,
            documents=captures.documents,
            fee_stamp="1234567890123456",
            nationality=NationalityBasis.BORN_IN_FRANCE_PARENT_BORN_IN_FRANCE,
            attested_at=datetime.now(UTC),
        )
        store.dossiers.save_draft(d)
        return d

    return make


def transport_settings(pki: PkiPaths, url: str, trust_anchor: Path | None = None) -> TransportSettings:
    return TransportSettings(
        base_url=url,
        trust_anchor=trust_anchor or pki.pem("cert-ca"),
        client_cert=pki.pem("station"),
        client_key=pki.key("station"),
        connect_timeout_s=2.0,
        read_timeout_s=10.0,
    )


@pytest.fixture
def settings(pki: PkiPaths, cert_service: CertService) -> TransportSettings:
    return transport_settings(pki, cert_service.url)





@pytest.fixture
def client(settings: TransportSettings) -> Iterator[CertClient]:
    c = CertClient(settings)
    yield c
    c.close()


def refused(fn: Callable[..., object], *args: object, **kwargs: object) -> SyncError:
    """The SyncError `fn` raises (the test fails if it raises none)."""
    with pytest.raises(SyncError) as caught:
        fn(*args, **kwargs)
    return caught.value



@pytest.fixture
def queue(store: Store, client: CertClient) -> DeliveryQueue:
    worker = OutboxWorker(store, client, OutboxSettings(), trust_anchor_pem=b"", rng=random.Random(7))
    return DeliveryQueue(store, client, worker.backoff_s, timedelta(hours=24))


@pytest.fixture
def offline(pki: PkiPaths) -> Iterator[CertClient]:
    """A client of a CERT that is down: a port just freed, where nothing listens."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = CertClient(transport_settings(pki, f"https://127.0.0.1:{port}"))
    yield c
    c.close()
