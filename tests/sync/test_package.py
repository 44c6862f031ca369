"""Sealing (format recueil-package/1): what the CERT can open, what the station can no longer read."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization

from cert.intake import PackageOpener
from devstation.factories import BIRTH_PLACE, GIVEN_NAMES, STREET, SURNAME, complete_dossier
from enrollment.model import Dossier, State
from enrollment.store import Store
from installer.pki import PkiPaths
from sync import SyncError, seal_and_queue
from sync.ansi_nist import parse
from sync.package import PackageDossier, Sealer
from sync.package import format as fmt
from tests.fixtures.pki import STATION_ID

REPO = Path(__file__).resolve().parents[2]


def _opener(pki: PkiPaths) -> PackageOpener:
    return PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"), 64 << 20,
                         pki.pem("agent-ca"), pki.pem("agent-crl"))


def test_the_cert_opens_every_file_and_they_are_the_dossier(sealer: Sealer, agent_signer, pki: PkiPaths) -> None:
    d = complete_dossier()
    sealed = sealer.seal(d, agent_signer, now=datetime(2026, 11, 27, 9, 30, tzinfo=UTC))
    assert sealed.sha256 == hashlib.sha256(sealed.data).hexdigest() and sealed.idempotency_key == d.id
    opened = _opener(pki).open(sealed.data, peer_cn=STATION_ID, idempotency_key=d.id)

    app = PackageDossier.model_validate_json(opened.files["dossier.json"])
    assert (app.dossier_id, app.station_id, app.civil.surname) == (d.id, STATION_ID, SURNAME)
    assert app.photo.width == 413 and [f.position for f in app.fingerprints] == ["2", "7"]
    assert app.documents[0].file == "documents/01-justificatif_domicile.png"
    assert opened.files[app.documents[0].file] == d.documents[0].png
    assert opened.files[app.fingerprints[0].template] == d.fingerprints[0].template

    transaction = parse(opened.files["biometrics.an2"])  # the ANSI/NIST-ITL file, record by record
    assert [r.type for r in transaction.records] == [1, 2, 10, 14, 14, 8]
    assert transaction.type1.text(8) == STATION_ID and transaction.type1.text(9) == d.id
    assert transaction.of_type(10)[0].data == d.photo.jpeg
    assert [r.data for r in transaction.of_type(14)] == [f.wsq for f in d.fingerprints]

    manifest = opened.manifest
    assert manifest["recipient"] == fmt.certificate_fingerprint(sealer.recipient)
    assert [f["name"] for f in manifest["files"]] == list(opened.files)
    for f in manifest["files"]:
        assert f["sha256"] == hashlib.sha256(opened.files[f["name"]]).hexdigest()


def test_nothing_personal_is_readable_in_the_sealed_bytes(sealer: Sealer, agent_signer) -> None:
    d = complete_dossier()
    data = sealer.seal(d, agent_signer).data
    header = json.loads(data[len(fmt.MAGIC):data.index(b"\n", len(fmt.MAGIC))])
    assert set(header) == {"format", "station_id", "idempotency_key", "recipient", "hpke"}
    for secret in (SURNAME, GIVEN_NAMES, BIRTH_PLACE, STREET, "0612345678"):
        assert secret.encode() not in data
    assert d.photo.jpeg[100:164] not in data and d.fingerprints[0].wsq[200:264] not in data


def test_the_station_key_cannot_open_what_it_sealed(sealer: Sealer, agent_signer, pki: PkiPaths) -> None:
    data = sealer.seal(complete_dossier(), agent_signer).data
    end = data.index(b"\n", len(fmt.MAGIC))
    station_key = serialization.load_pem_private_key(pki.key("station").read_bytes(), password=None)
    with pytest.raises(InvalidTag):
        fmt.HPKE_SUITE.decrypt(data[end + 1:], station_key, info=fmt.hpke_info(data[len(fmt.MAGIC):end]))


def test_two_sealings_of_one_dossier_differ_but_both_open(sealer: Sealer, agent_signer, pki: PkiPaths) -> None:
    d = complete_dossier()
    a, b = sealer.seal(d, agent_signer), sealer.seal(d, agent_signer)
    assert a.data != b.data and a.idempotency_key == b.idempotency_key
    ids = {_opener(pki).open(p.data, peer_cn=STATION_ID, idempotency_key=d.id).manifest["package_id"]
           for p in (a, b)}
    assert len(ids) == 2


def test_container_entries_are_stored_and_signed_first(sealer: Sealer, agent_signer, pki: PkiPaths) -> None:
    """What an independent reader relies on: manifest, signature and signer first, nothing compressed."""
    d = complete_dossier()
    data = sealer.seal(d, agent_signer).data
    end = data.index(b"\n", len(fmt.MAGIC))
    cert_key = serialization.load_pem_private_key(pki.key("cert-encryption").read_bytes(), password=None)
    inner = fmt.HPKE_SUITE.decrypt(data[end + 1:], cert_key, info=fmt.hpke_info(data[len(fmt.MAGIC):end]))
    with zipfile.ZipFile(BytesIO(inner)) as z:
        names = z.namelist()
        assert names[:3] == ["manifest.json", "manifest.sig", "signer.pem"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())


def test_seal_and_queue_keeps_the_package_and_forgets_the_captures(sealer: Sealer, agent_signer, store: Store) -> None:
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    (sealed,) = seal_and_queue(store, d.id, sealer, agent_signer)
    assert store.dossiers.state_of(d.id) is State.QUEUED
    (item,) = store.outbox.due(datetime.now(UTC))
    assert (item.dossier_id, item.idempotency_key) == (d.id, d.id)
    assert item.package == sealed.data and item.package_sha256 == sealed.sha256
    kept = store.dossiers.load(d.id)
    assert kept.civil.surname == SURNAME  # the agent's list still names the applicant until the receipt
    assert kept.photo is None and kept.fingerprints == [] and kept.signature is None and kept.documents == []


def test_seal_and_queue_refuses_draft(sealer: Sealer, agent_signer, store: Store) -> None:
    d = Dossier(agent_id="AG-0001")
    store.dossiers.save_draft(d)
    with pytest.raises(SyncError) as info:
        seal_and_queue(store, d.id, sealer, agent_signer)
    assert info.value.code == "seal.not_complete" and not info.value.retryable
    assert "complet" in info.value.message
    assert store.dossiers.state_of(d.id) is State.DRAFT
    assert store.outbox.status().count == 0


def test_sealing_refuses_a_dossier_changed_after_completion_and_keeps_it_as_a_draft(
    sealer: Sealer, agent_signer, store: Store
) -> None:
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    tampered = d.model_copy(update={"documents": []})  # behind the workflow's back: no proof of address
    with store.db.transaction() as conn:
        conn.execute("UPDATE dossiers SET data = ? WHERE id = ?", (tampered.to_json(), d.id))

    with pytest.raises(SyncError) as info:
        seal_and_queue(store, d.id, sealer, agent_signer)

    assert info.value.code == "seal.not_complete" and "complet" in info.value.message
    assert store.dossiers.state_of(d.id) is State.DRAFT  # listed for the agent to finish
    assert store.outbox.status().count == 0
    kept = store.dossiers.load(d.id)
    assert kept.civil.surname == SURNAME and kept.photo == d.photo and kept.fingerprints == d.fingerprints


def test_sealing_judges_the_rules_on_the_day_it_seals(sealer: Sealer, agent_signer, tmp_path: Path) -> None:
    from datetime import date

    from enrollment.store import FileKeyProvider

    keys = FileKeyProvider(tmp_path / "store.key")
    keys.create()
    store = Store(tmp_path / "store.db", keys, today=lambda: date(2026, 11, 27))
    d = complete_dossier(birth=date(2014, 11, 28))  # eleven when completed: no prints are taken
    d.fingerprints = []
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    try:
        with pytest.raises(SyncError) as info:  # sealed the next day, the applicant's twelfth birthday
            seal_and_queue(store, d.id, sealer, agent_signer, today=date(2026, 11, 28))
        assert info.value.code == "seal.not_complete"
        assert store.dossiers.state_of(d.id) is State.DRAFT and store.outbox.status().count == 0
    finally:
        store.close()


def _load(pki: PkiPaths, encryption: Path, key: str = "station") -> Sealer:
    return Sealer.load(STATION_ID, "FRCERT21", pki.pem("station"), pki.key(key), encryption, pki.pem("cert-ca"))


@pytest.mark.parametrize(("case", "code"), [
    ("foreign_encryption_cert", "seal.recipient_untrusted"),
    ("signing_only_cert", "seal.recipient_untrusted"),
    ("other_station_key", "seal.keys_mismatch"),
    ("missing_file", "seal.keys_unreadable"),
])
def test_unusable_sealing_keys_are_refused_in_french(case: str, code: str, pki: PkiPaths, other_pki: PkiPaths,
                                                      tmp_path: Path) -> None:
    with pytest.raises(SyncError) as info:
        if case == "foreign_encryption_cert":
            _load(pki, other_pki.pem("cert-encryption"))
        elif case == "signing_only_cert":
            _load(pki, pki.pem("cert-receipt"))
        elif case == "other_station_key":
            Sealer.load(STATION_ID, "X", pki.pem("station"), other_pki.key("station"),
                        pki.pem("cert-encryption"), pki.pem("cert-ca"))
        else:
            _load(pki, tmp_path / "absent.pem")
    assert info.value.code == code and not info.value.retryable
    assert "assistance" in info.value.message


def test_published_dossier_schema_is_current() -> None:
    published = json.loads((REPO / "docs" / "package-dossier.schema.json").read_text())
    assert published == PackageDossier.model_json_schema(), \
        "regenerate: uv run python -m sync.package.schema > docs/package-dossier.schema.json"
