"""The hand-over's other cases through the real window, the real CERT and the emulated devices: a supervisor
stepping in on an agent's locked station after three failed presentations, a minor with a parent, a child
under 12, a finger enrolled as an exception, and an old title whose MRZ was misread."""

from __future__ import annotations

import cv2
from mrz.generator.td1 import TD1CodeGenerator
from PySide6.QtCore import Qt

from devstation.factories import _fingerprint
from enrollment.fingerprint.model import FingerException, FingerPosition, Fingerprint
from enrollment.store import DeliveryKind
from hw_mocks.data import default_data_dir
from tests.cert.titles_at_mairie import waiting_title, years_ago
from tests.station.test_handover_page import camilles_title, handed_over, open_title
from tests.station.test_login import login_with, wait_refused


def _sign_and_hand_over(page, qtbot) -> None:
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.signature_png is not None, timeout=60_000)
    qtbot.waitUntil(lambda: page.handover_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)


def _fail_three_times(page, hw_mocks, qtbot) -> None:
    hw_mocks.finger("person", name="dominique")
    for n in range(1, 4):
        qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
        said = f"présentation {n} sur 3" if n < 3 else "Aucune concordance après 3"
        qtbot.waitUntil(lambda said=said: said in page.status.text(), timeout=60_000)  # the result shown
    assert page.flow.presentations == 3 and not page.fingers_button.isEnabled()


def test_a_supervisor_steps_in_on_the_agents_locked_station_after_three_failed_presentations(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    page = open_title(window, hw_mocks, qtbot, number)
    _fail_three_times(page, hw_mocks, qtbot)
    assert "faites venir votre superviseur" in page.status.text()

    page.search.setText(number)  # searching again gives no fresh presentations
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.find_button.isEnabled() and page.flow is not None, timeout=20_000)
    assert page.flow.presentations == 3 and not page.fingers_button.isEnabled()
    page.face_checked.setChecked(True)

    hw_mocks.remove_card()  # the agent hands the station over
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.login, timeout=5_000)
    login_with(window, hw_mocks, qtbot, "agent2")  # another agent may not
    assert "seule sa carte" in wait_refused(window, qtbot)
    hw_mocks.remove_card()
    login_with(window, hw_mocks, qtbot, "supervisor")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=15_000)
    assert page.flow is not None and page.flow.presentations == 3 and page.face_checked.isChecked()
    assert page.override_reason.isVisible() and "En tant que superviseur" in page.status.text()

    page.override_reason.setText("empreintes usees, visage et ancien titre concordants")
    _sign_and_hand_over(page, qtbot)
    record = handed_over(station, cert_service, qtbot, number)
    assert record["decision"] == "supervisor_override" and record["supervisor_id"] == station.session.agent_id
    assert record["reason"].startswith("empreintes usees")

    hw_mocks.remove_card()  # the supervisor leaves: the station is not held for them
    qtbot.waitUntil(lambda: station.session is None and window.login.locked_by is None, timeout=5_000)
    login_with(window, hw_mocks, qtbot, "agent")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home, timeout=15_000)


def test_a_supervisors_card_does_not_open_a_locked_station_for_anything_else(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer)
    open_title(window, hw_mocks, qtbot, number)  # a hand-over open, its fingers not yet presented
    hw_mocks.remove_card()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.login, timeout=5_000)
    login_with(window, hw_mocks, qtbot, "supervisor")
    assert "seule sa carte" in wait_refused(window, qtbot)
    hw_mocks.remove_card()
    login_with(window, hw_mocks, qtbot, "agent")  # the agent finds the hand-over as they left it
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.handover, timeout=15_000)
    assert window.handover.flow is not None and window.handover.flow.holder.number == number


def test_a_minor_of_14_gives_fingerprints_and_the_title_waits_for_the_parents_identity(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = camilles_title(http, cert_service, sealer, agent_signer, birth=years_ago(14))
    page = open_title(window, hw_mocks, qtbot, number)
    assert page.parent_box.isVisible() and page.fingers_button.isVisible()
    hw_mocks.finger("impression", take=3)
    qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.verification is not None, timeout=60_000)
    assert page.flow.matched, page.status.text()
    page.face_checked.setChecked(True)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.signature_png is not None, timeout=60_000)
    assert not page.handover_button.isEnabled()  # the parent is not yet identified
    for field, text in ((page.parent_surname, "MARTIN"), (page.parent_given, "Paul"),
                        (page.parent_link, "pere"), (page.parent_document, "CNI X4RTBPFW4")):
        field.setText(text)
    assert page.handover_button.isEnabled()
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    record = handed_over(station, cert_service, qtbot, number)
    assert record["decision"] == "fingerprint_match" and record["parental_authority"]["surname"] == "MARTIN"


def _td1(number: str) -> str:
    return str(TD1CodeGenerator("ID", "FRA", number, "900517", "F", "300101", "FRA", "MARTIN", "LEA"))


def test_a_child_under_12_is_handed_over_on_the_face_with_a_parent_and_the_old_titles_mrz_is_checked(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    number = waiting_title(http, cert_service, sealer, agent_signer, years_ago(8))
    page = open_title(window, hw_mocks, qtbot, number)
    assert not page.fingers_button.isVisible() and not page.sign_button.isVisible()
    assert "Moins de 12 ans" in page.holder.text()
    page.face_checked.setChecked(True)
    for field, text in ((page.parent_surname, "MARTIN"), (page.parent_given, "Anne"),
                        (page.parent_link, "mere"), (page.parent_document, "passeport 21AB12345")):
        field.setText(text)
    old = _td1("X4RTBPFW4")
    page.old_title.setText(old.replace("X4RTBPFW46", "X4RTBPFW45"))  # the number's check digit misread
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    assert "chiffre de contrôle" in page.status.text()
    assert station.store.deliveries.find(DeliveryKind.HANDOVER, number) is None  # nothing recorded
    page.old_title.setText(old)
    qtbot.mouseClick(page.handover_button, Qt.MouseButton.LeftButton)
    record = handed_over(station, cert_service, qtbot, number)
    assert record["decision"] == "face_only_minor_under_12" and record["signature_png"] is None
    assert record["old_title_number"] == "X4RTBPFW4" and record["old_title_cancelled"]


def test_a_finger_enrolled_as_an_exception_is_not_asked_for(
        window, station, hw_mocks, cert_service, sealer, agent_signer, http, qtbot):
    right = cv2.imread(str(default_data_dir() / "fingers" / "fvc2002db1b_102_1.png"), cv2.IMREAD_GRAYSCALE)
    prints = [_fingerprint(FingerPosition.RIGHT_INDEX, right),
              Fingerprint(position=FingerPosition.LEFT_INDEX, exception=FingerException.AMPUTATED,
                          exception_confirmed_by="AG-0001")]
    number = waiting_title(http, cert_service, sealer, agent_signer, fingerprints=prints)
    page = open_title(window, hw_mocks, qtbot, number)
    assert page.flow.positions == ["2"] and "index gauche" not in page.holder.text()
    hw_mocks.finger("impression", take=3)
    qtbot.mouseClick(page.fingers_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.flow.verification is not None, timeout=60_000)
    assert page.flow.matched, page.status.text()
    assert list(page.flow.scores) == ["02"]  # one finger captured, one compared
    page.face_checked.setChecked(True)
    _sign_and_hand_over(page, qtbot)
    assert handed_over(station, cert_service, qtbot, number)["decision"] == "fingerprint_match"
