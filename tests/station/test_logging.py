"""Logs never hold personal data or PINs, whatever a caller passes."""

import json
import logging

from station import logging_setup


def test_arguments_and_unlisted_fields_never_reach_the_file(tmp_path):
    path = logging_setup.configure(tmp_path)
    log = logging.getLogger("test.privacy")
    log.warning("applicant %s", "DUPONT", extra={"surname": "DUPONT", "pin": "1234", "dossier_id": "abc"})
    try:
        raise ValueError("DUPONT born 1988-05-14")
    except ValueError:
        log.exception("failed", extra={"event": "x"})
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text()
    assert "DUPONT" not in text and "1234" not in text and "1988" not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0]["message"] == "applicant %s" and lines[0]["dossier_id"] == "abc"
    assert lines[1]["exception"] == "ValueError" and lines[1]["where"]
