"""The encrypted store: what a thief with the disk but not the key would see, and what survives."""

from pathlib import Path

import pytest
import sqlcipher3

from devstation.factories import BIRTH_PLACE, GIVEN_NAMES, STREET, SURNAME, complete_dossier
from enrollment.errors import EnrollmentError, StoreError
from enrollment.model import Dossier, State
from enrollment.store import FileKeyProvider, Store


@pytest.fixture
def key(tmp_path: Path) -> FileKeyProvider:
    k = FileKeyProvider(tmp_path / "store.key")
    k.create()
    return k


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("station.db"))


def test_store_file_holds_no_plaintext_personal_data(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    store.dossiers.save_draft(d)
    # WAL and main file both, before and after the checkpoint.
    for _ in range(2):
        blob = all_bytes(tmp_path)
        assert blob, "the store wrote nothing"
        for secret in (SURNAME, GIVEN_NAMES, BIRTH_PLACE, STREET, d.contact.phone, d.id):
            assert secret.encode() not in blob
            assert secret.encode("utf-16-le") not in blob
        assert b"SQLite format 3" not in blob
        store.db.checkpoint()
    store.close()
    assert Store(tmp_path / "station.db", key).dossiers.load(d.id).civil.surname == SURNAME


def test_store_cannot_be_opened_without_its_key(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    store.dossiers.save_draft(complete_dossier())
    store.close()
    other = FileKeyProvider(tmp_path / "other.key")
    other.create()
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "station.db", other)
    assert "clé" in err.value.message
    plain = sqlcipher3.connect(str(tmp_path / "station.db"))  # no key at all
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT * FROM dossiers").fetchall()


def test_key_file_readable_by_others_is_refused(tmp_path: Path, key: FileKeyProvider):
    key.path.chmod(0o644)
    with pytest.raises(StoreError):
        key.get_key()


def test_missing_key_file_says_so_in_french(tmp_path: Path):
    with pytest.raises(StoreError) as err:
        FileKeyProvider(tmp_path / "absent.key").get_key()
    assert err.value.code == "store.missing_key"


def test_draft_survives_reopening_and_keeps_every_field(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    store.dossiers.save_draft(d)
    store.close()
    again = Store(tmp_path / "station.db", key).dossiers.load(d.id)
    assert again.model_dump(exclude={"updated_at"}) == d.model_dump(exclude={"updated_at"})


def test_sealed_dossier_cannot_be_edited_as_a_draft(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    store.outbox.enqueue(d.id, b"{}", "00", d.id, kept=d.without_captures())
    d.state = State.DRAFT
    with pytest.raises(EnrollmentError):
        store.dossiers.save_draft(d)
    assert store.dossiers.state_of(d.id) is State.QUEUED


def test_purge_keeps_number_and_agent_but_no_personal_data(tmp_path: Path, key: FileKeyProvider):
    from datetime import UTC, datetime

    from enrollment.store import Receipt

    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    store.outbox.enqueue(d.id, d.to_json(), "ab", d.id, kept=d.without_captures())
    store.outbox.acknowledge(Receipt(d.id, "21-2026-000001", "ab", datetime.now(UTC), b"{}", b"sig"))
    store.outbox.purge(d.id)
    [summary] = store.dossiers.summaries()
    assert (summary.state, summary.cert_number, summary.agent_id, summary.applicant) == (
        State.PURGED, "21-2026-000001", "AG-0001", "")
    with pytest.raises(StoreError):
        store.dossiers.load(d.id)
    store.close()
    raw = sqlcipher3.connect(str(tmp_path / "station.db"))
    raw.execute(f"PRAGMA key = \"x'{key.get_key().hex()}'\"")
    # Decrypt the whole database into a plaintext copy and search every byte of it.
    plain = tmp_path / "plain.db"
    raw.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
    raw.execute("SELECT sqlcipher_export('plaintext')")
    raw.execute("DETACH DATABASE plaintext")
    blob = plain.read_bytes()
    assert b"21-2026-000001" in blob  # the export did work
    assert SURNAME.encode() not in blob and STREET.encode() not in blob


def test_new_dossier_is_a_draft(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = Dossier(agent_id="AG-0001")
    store.dossiers.save_draft(d)
    assert store.dossiers.state_of(d.id) is State.DRAFT


def test_a_dossier_marked_complete_by_hand_is_not_persisted(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    store.dossiers.save_draft(d)
    d.documents = []  # no proof of address: the workflow would not complete it
    d.state = State.COMPLETE
    with pytest.raises(EnrollmentError) as refused:
        store.dossiers.save_draft(d)
    assert refused.value.code == "workflow.incomplete"
    assert store.dossiers.state_of(d.id) is State.DRAFT
    assert len(store.dossiers.load(d.id).documents) == 1  # the last accepted save is what stays
    fresh = Dossier(agent_id="AG-0001", state=State.COMPLETE)
    with pytest.raises(EnrollmentError):
        store.dossiers.save_draft(fresh)
    assert fresh.id not in {s.id for s in store.dossiers.summaries()}


def test_save_draft_cannot_write_a_state_past_complete(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    d.state = State.QUEUED
    with pytest.raises(EnrollmentError) as refused:
        store.dossiers.save_draft(d)
    assert refused.value.code == "workflow.transition"
    assert store.dossiers.summaries() == []


def test_a_complete_dossier_is_judged_on_the_stores_date(tmp_path: Path, key: FileKeyProvider):
    from datetime import date

    store = Store(tmp_path / "station.db", key, today=lambda: date(2026, 11, 28))
    d = complete_dossier(birth=date(2014, 11, 28))  # twelve on the store's date: prints are due
    d.fingerprints = []
    d.state = State.COMPLETE
    with pytest.raises(EnrollmentError) as refused:
        store.dossiers.save_draft(d)
    assert refused.value.code == "workflow.incomplete"
    d.state = State.DRAFT
    store.dossiers.save_draft(d)
    assert store.dossiers.state_of(d.id) is State.DRAFT


def test_loading_gives_the_state_the_workflow_moved_the_dossier_to(tmp_path: Path, key: FileKeyProvider):
    store = Store(tmp_path / "station.db", key)
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    store.outbox.enqueue(d.id, b"{}", "00", d.id, kept=d.without_captures())
    assert store.dossiers.load(d.id).state is State.QUEUED
