"""The HTTPS transport against the real CERT service: replies, and each failure mapped to a SyncError."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from devstation.cert_service import CertService
from enrollment.model import State
from enrollment.store import OutboxItem
from installer.pki import PkiPaths
from sync import CertClient, SyncError, TransportSettings

from .conftest import transport_settings

KEY = "6c1b9f1e-0d57-4f38-9d0e-3c3f0d1a2b4c"


def _item(data: bytes, key: str = KEY, sha: str | None = None) -> OutboxItem:
    now = datetime.now(UTC)
    return OutboxItem(key, key, data, sha or hashlib.sha256(data).hexdigest(), now, 0, now, State.QUEUED)


def _error(client: CertClient, item: OutboxItem) -> SyncError:
    with pytest.raises(SyncError) as info:
        client.send(item)
    return info.value


def test_send_then_replay_returns_same_receipt(settings: TransportSettings, make_package) -> None:
    item = _item(make_package(KEY))
    client = CertClient(settings)
    first, again = client.send(item), client.send(item)
    assert (first.status, again.status) == (201, 200)
    assert (again.receipt, again.signature) == (first.receipt, first.signature)
    assert client.health()


def test_service_down_is_retryable_unreachable(
    settings: TransportSettings, cert_service: CertService, make_package) -> None:
    cert_service.stop()
    client = CertClient(settings)
    assert not client.health()
    err = _error(client, _item(make_package(KEY)))
    assert (err.code, err.retryable) == ("cert.unreachable", True)
    assert "injoignable" in err.message and "automatiquement" in err.message


def test_server_certificate_not_from_trust_anchor_is_refused(
    pki: PkiPaths, other_pki: PkiPaths, cert_service: CertService, make_package) -> None:
    client = CertClient(transport_settings(pki, cert_service.url, trust_anchor=other_pki.pem("cert-ca")))
    err = _error(client, _item(make_package(KEY)))
    assert (err.code, err.retryable) == ("cert.tls", True)
    assert not client.health()


def test_station_certificate_unknown_to_cert_is_refused(
    pki: PkiPaths, other_pki: PkiPaths, cert_service: CertService, make_package) -> None:
    settings = replace(transport_settings(pki, cert_service.url),
                       client_cert=other_pki.pem("station"), client_key=other_pki.key("station"))
    err = _error(CertClient(settings), _item(make_package(KEY)))
    # TLS 1.3 reports a refused client certificate after the handshake: as an alert or a reset connection.
    assert err.code in ("cert.tls", "cert.unreachable") and err.retryable


def test_wrong_digest_gets_400_not_retryable(settings: TransportSettings, make_package) -> None:
    err = _error(CertClient(settings), _item(make_package(KEY), sha="0" * 64))
    assert (err.code, err.retryable) == ("cert.bad_request", False)
    assert "assistance" in err.message


def test_key_reused_for_other_package_gets_409(settings: TransportSettings, make_package) -> None:
    client = CertClient(settings)
    client.send(_item(make_package("k-1"), key="k-1"))
    err = _error(client, _item(make_package("k-1"), key="k-1"))
    assert (err.code, err.retryable) == ("cert.conflict", False)


def test_package_claiming_another_station_gets_403(settings: TransportSettings, make_package) -> None:
    err = _error(CertClient(settings), _item(make_package(KEY, station_id="DR-99999-01")))
    assert (err.code, err.retryable) == ("cert.forbidden", False)
