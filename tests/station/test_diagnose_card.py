"""`station diagnose card`: what a technician runs at the counter, through pcscd and the emulated card."""

import json

from station.cli import main


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
