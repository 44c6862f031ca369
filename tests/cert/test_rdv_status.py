"""The ANTS rendez-vous status stand-in served by the reference CERT (cert/rdv_status.py) over real HTTPS."""

from __future__ import annotations

from cert.rdv_status import DEMO_TOKEN, PREFIX, SEEDED, TOKEN_HEADER


def _status(http, svc, ids: str | list[str], token: str | None = DEMO_TOKEN):
    headers = {TOKEN_HEADER: token} if token is not None else {}
    return http.get(f"{svc.url}{PREFIX}/api/status", params={"application_ids": ids}, headers=headers, timeout=10)


def test_a_missing_or_wrong_token_is_401(http, cert_service):
    for token in (None, "", "not-the-token"):
        r = _status(http, cert_service, SEEDED["single"], token)
        assert r.status_code == 401 and r.json() == {"detail": "X-RDV-OPT-AUTH-TOKEN header invalid"}


def test_each_id_gets_its_status_and_appointments(http, cert_service):
    ids = [SEEDED["single"], SEEDED["duplicate"], SEEDED["consumed"], SEEDED["expired"], SEEDED["declared"],
           "ZZZZZZZZZZ"]
    body = _status(http, cert_service, ",".join(ids)).json()
    assert {i: body[i]["status"] for i in ids} == {
        SEEDED["single"]: "validated", SEEDED["duplicate"]: "validated", SEEDED["consumed"]: "consumed",
        SEEDED["expired"]: "expired", SEEDED["declared"]: "declared", "ZZZZZZZZZZ": "unknown"}
    places = [a["meeting_point"] for a in body[SEEDED["duplicate"]]["appointments"]]
    assert places == ["Mairie de Dijon", "Mairie de Beaune", "Mairie de Chenôve"]
    assert set(body[SEEDED["single"]]["appointments"][0]) == {"meeting_point", "meeting_point_id",
                                                               "appointment_date", "management_url"}
    assert body["ZZZZZZZZZZ"]["appointments"] == []
    repeated = _status(http, cert_service, [SEEDED["single"], SEEDED["expired"]]).json()  # application_ids=A&...=B
    assert set(repeated) == {SEEDED["single"], SEEDED["expired"]}


def test_no_ids_or_odd_ids_are_400(http, cert_service):
    assert _status(http, cert_service, "").status_code == 400
    assert _status(http, cert_service, "PD7K2M9TR4,../etc").json()["error"] == "application_ids_invalid"
