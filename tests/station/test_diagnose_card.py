"""`station diagnose card`: what a technician runs at the counter, through pcscd and the emulated card."""

import json

import pytest

from devices import strings
from devices.errors import DeviceError
from devices.smartcard import Pkcs11SmartCardReader
from station.cli import main
from tests.devices.threads import off_main


def run(config_path, capsys, *args) -> tuple[int, object]:
    code = main(["--config", str(config_path), "diagnose", "card", *args])
    return code, capsys.readouterr().out


def checks_of(output: str) -> dict[str, dict]:
    [report] = json.loads(output)
    return {c["name"]: c for c in report["checks"]}


def test_good_card_reports_reader_atr_holder_role_chain_and_revocation(station_toml, hw_mocks, capsys):
    hw_mocks.insert_card("supervisor")
    code, out = run(station_toml, capsys, "--json")
    checks = checks_of(out)
    assert code == 0, out
    assert checks["holder"]["detail"] == "Dominique BERNARD"
    assert checks["certificate_chain"]["ok"] and checks["not_revoked"]["ok"] and checks["revocation_list"]["ok"]
    text = json.dumps(checks, ensure_ascii=False)
    for expected in ("Virtual PCD", "superviseur", "21231"):
        assert expected in text


def test_revoked_and_foreign_cards_are_flagged(station_toml, hw_mocks, capsys):
    hw_mocks.insert_card("revoked")
    code, out = run(station_toml, capsys, "--json")
    assert code == 1 and not checks_of(out)["not_revoked"]["ok"]
    hw_mocks.insert_card("foreign")
    code, out = run(station_toml, capsys, "--json")
    assert code == 1 and "n'a pas été délivrée" in checks_of(out)["certificate_chain"]["detail"]


def test_plain_text_report_without_a_card(station_toml, hw_mocks, capsys):
    code, out = run(station_toml, capsys)
    assert "smartcard" in out
    assert "1234" not in out


def _wrong_pin_twice(hw_mocks) -> None:
    """The agent at the counter mistypes the PIN twice (through OpenSC, as the login screen would)."""
    reader = Pkcs11SmartCardReader.from_settings(hw_mocks.settings())
    try:
        off_main(reader.connect)
        for _ in range(2):
            with pytest.raises(DeviceError) as wrong:
                off_main(reader.verify_pin, "0000")
        assert wrong.value.details["tries_left"] == 1
    finally:
        off_main(reader.disconnect)
        reader.close()


def test_pin_state_shows_the_tries_left_and_the_diagnosis_spends_none(station_toml, hw_mocks, capsys):
    hw_mocks.insert_card("agent")
    code, out = run(station_toml, capsys, "--json")
    assert code == 0, out
    assert checks_of(out)["pin"] == {"name": "pin", "ok": True, "warning": False,
                                     "detail": strings.check("smartcard.pin_not_blocked")}
    _wrong_pin_twice(hw_mocks)
    for _ in range(3):  # asking again and again costs the agent nothing: the card would block
        code, out = run(station_toml, capsys, "--json")
        assert code == 0, out
        assert "1 essai restant" in checks_of(out)["pin"]["detail"]
    code, out = run(station_toml, capsys)
    assert "1 essai restant" in out and "0000" not in out


def test_blocked_card_is_reported_blocked(station_toml, hw_mocks, capsys):
    hw_mocks.insert_card("blocked")
    code, out = run(station_toml, capsys, "--json")
    checks = checks_of(out)
    assert code == 1
    assert not checks["pin"]["ok"] and "bloqué" in checks["pin"]["detail"]
    assert checks["certificate_chain"]["ok"]  # the card is fine otherwise: only its PIN is blocked
