"""The ePhoto source through the real window and the real CERT service: the booth's photo is fetched by
code over mutual TLS, goes through the same checks, keeps its code, and the CERT uses the code up when
the dossier arrives; a used code is refused in French."""

from __future__ import annotations

from cert.ephoto import EphotoStore, seed_code
from devstation import scenario
from enrollment.model import State
from tests.fixtures.station import PIN


def test_ephoto_photo_is_checked_kept_with_its_code_and_consumed_by_the_dossier(window, station, hw_mocks,
                                                                               cert_service, qtbot):
    scenario.login(window, lambda: hw_mocks.insert_card("agent"), PIN, lambda _: None)
    window.home.new_button.click()
    wiz = window.wizard
    photo_step = wiz.steps[3]
    wiz.go_to(3)
    code = seed_code("valid-0")
    qtbot.keyClicks(photo_step.ephoto_code, code.lower()[:11] + "-" + code.lower()[11:])  # as typed
    photo_step.ephoto_button.click()
    qtbot.waitUntil(lambda: wiz.dossier.photo is not None or photo_step.pending is not None, timeout=20_000)
    photo = wiz.dossier.photo or photo_step.pending
    assert photo.source == "ephoto" and photo.ephoto_code == code and photo.checks

    used = seed_code("used")
    photo_step.ephoto_code.clear()
    qtbot.keyClicks(photo_step.ephoto_code, used)
    photo_step.ephoto_button.click()
    qtbot.waitUntil(lambda: "déjà été utilisé" in photo_step.status.text(), timeout=20_000)


def test_the_cert_uses_the_code_up_when_the_dossier_arrives(station, cert_service, qtbot, agent_signer, monkeypatch):
    from datetime import date

    from cert.lookups.seed import FEE_STAMPS
    from devstation.factories import complete_dossier

    d = complete_dossier(birth=date(1990, 3, 2))
    code = seed_code("valid-1")
    d.photo = d.photo.model_copy(update={"source": "ephoto", "ephoto_code": code})
    d.fee_stamp = FEE_STAMPS["valid_86"]  # checked at sealing: one the reference CERT sold
    d.state = State.COMPLETE
    station.store.dossiers.save_draft(d)
    monkeypatch.setattr(station, "agent", lambda pin=None: agent_signer)  # no window here: the agent's key signs
    station.seal(d.id)
    station.outbox.wake()
    qtbot.waitUntil(lambda: station.store.dossiers.state_of(d.id) is State.PURGED, timeout=30_000)
    store = EphotoStore(cert_service.data_dir)
    try:
        record, _ = store.get(code)
    finally:
        store.close()
    assert record.used_by == d.id
