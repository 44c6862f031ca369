"""Card events, diagnosis, daemon trouble and PIN hygiene of the card driver (OpenSC, real pcscd + vpcd)."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import textwrap
import time

import pytest

from devices import open_devices
from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.smartcard import Pkcs11SmartCardReader
from hw_mocks.smartcard.pcscd import SOCKET_ENV, PrivatePcscd, free_vpcd_port
from tests.devices.threads import off_main


@pytest.fixture
def reader(device_settings):
    r = Pkcs11SmartCardReader.from_settings(device_settings)
    yield r
    r.close()


def test_the_watch_reports_insertion_and_removal_within_a_second(reader, hw_mocks):
    events: queue.Queue[tuple[bool, str, str, float]] = queue.Queue()
    watch = reader.watch(lambda present, name, atr: events.put((present, name, atr, time.monotonic())))
    try:
        time.sleep(0.3)  # the watch's first look at the readers
        assert events.empty()
        started = time.monotonic()
        hw_mocks.insert_card("agent", wait=False)
        present, name, atr, at = events.get(timeout=2)
        assert (present, name) == (True, "Virtual PCD 00 00") and atr.startswith("3B")
        assert at - started < 1.0
        started = time.monotonic()
        hw_mocks.remove_card(wait=False)
        present, name, atr, at = events.get(timeout=2)
        assert (present, name, atr) == (False, "Virtual PCD 00 00", "")
        assert at - started < 1.0
    finally:
        watch.stop()
    assert not watch.alive


def test_the_watch_reports_a_card_already_there(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    events: queue.Queue[bool] = queue.Queue()
    watch = reader.watch(lambda present, name, atr: events.put(present))
    try:
        assert events.get(timeout=2) is True
    finally:
        watch.stop()


def test_diagnosis_reports_reader_card_application_and_certificate(hw_mocks, device_settings):
    hw_mocks.insert_card("agent")
    devices = open_devices(device_settings)
    try:
        diagnosis = devices.smartcard.diagnose().result(30)
        assert devices.smartcard.driver.connected is False  # it closed what it opened
    finally:
        devices.close()
    assert diagnosis.ok and diagnosis.implementation == "pkcs11"
    checks = {c.name: c.detail for c in diagnosis.checks}
    assert list(checks) == ["readers", "card", "application", "certificate", "pin"]
    assert checks["pin"].startswith("Code PIN non bloqué")
    assert "Virtual PCD 00 00" in checks["readers"]
    assert "ATR 3B8880015245435545494C0149" in checks["card"]
    assert "opensc-pkcs11.so" in checks["application"] and "piv_II" in checks["application"]
    assert "rôle agent" in checks["certificate"] and "INSEE:21231" in checks["certificate"]
    assert "fin de validité 20" in checks["certificate"]
    text = json.dumps(diagnosis.to_dict(), ensure_ascii=False)
    for personal in ("Camille", "MARTIN", "Martin", "AG-0001"):
        assert personal not in text


def test_diagnosis_keeps_an_open_session_open(reader, hw_mocks):
    hw_mocks.insert_card("agent")
    off_main(reader.connect)
    off_main(reader.verify_pin, "1234")
    diagnosis = off_main(diagnose, reader)
    assert diagnosis.ok and "session" in diagnosis.checks[2].detail
    assert "déjà présenté" in diagnosis.checks[4].detail
    assert off_main(reader.pin_state).verified  # still verified: the agent was not logged out


def test_diagnosis_without_card_is_ok_and_says_what_it_did_not_check(reader, hw_mocks):
    diagnosis = off_main(diagnose, reader)
    assert diagnosis.ok
    assert [c.detail.startswith("Non vérifié") for c in diagnosis.checks] == [False, False, True, True, True]


def test_diagnosis_of_a_missing_reader_fails_on_the_first_check(hw_mocks):
    r = Pkcs11SmartCardReader.from_settings(hw_mocks.settings(smartcard_reader="Lecteur introuvable"))
    try:
        diagnosis = off_main(diagnose, r)
    finally:
        r.close()
    assert not diagnosis.ok and not diagnosis.checks[0].ok
    assert "Aucun lecteur" in diagnosis.checks[0].detail


_PROBE = textwrap.dedent("""
    import threading
    from devices.errors import DeviceError
    from devices.smartcard import Pkcs11SmartCardReader
    def probe():
        r = Pkcs11SmartCardReader(reader_filter='')
        try:
            print("readers", r.readers())
            r.connect()
        except DeviceError as exc:
            print("error", exc.code)
    t = threading.Thread(target=probe); t.start(); t.join()
""")


def _probe(socket_path: str) -> str:
    # Another process: libpcsclite of this one is bound to the session's pcscd for good.
    env = {**os.environ, SOCKET_ENV: socket_path}
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_pcscd_without_any_reader_means_no_reader(tmp_path):
    daemon = PrivatePcscd(tmp_path / "pcscd", free_vpcd_port(), readers=False)
    daemon.start()
    try:
        assert _probe(str(daemon.socket_path)).split("\n")[:2] == ["readers []", "error card.no_reader"]
    finally:
        daemon.stop()


def test_no_pcscd_at_all_is_reported_as_such(tmp_path):
    assert "error card.no_service" in _probe(str(tmp_path / "nothing.comm"))


def test_the_pin_never_reaches_logs_reprs_or_errors(reader, hw_mocks, caplog):
    secret_wrong, secret_right = "86420975", "1234"
    hw_mocks.insert_card("technician")
    caplog.set_level(logging.DEBUG)
    off_main(reader.connect)
    err = _code(reader.verify_pin, secret_wrong)
    off_main(reader.verify_pin, secret_right)
    off_main(reader.sign, b"challenge")
    shown = str(err) + repr(err) + err.message + repr(err.details) + repr(reader)
    for secret in (secret_wrong, secret_wrong.encode().hex(), secret_wrong.encode().hex().upper()):
        assert secret not in shown
        assert secret not in caplog.text
    assert "3132333" not in caplog.text.replace(" ", "")  # "1234" as hex, in any APDU dump
    assert "card session opened" in caplog.text  # the log does show what happened


def _code(fn, *args) -> DeviceError:
    with pytest.raises(DeviceError) as caught:
        off_main(fn, *args)
    return caught.value
