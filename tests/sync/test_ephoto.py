"""Fetching an ePhoto from the real CERT service: the photo, and each refusal as the agent reads it."""

from __future__ import annotations

from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from cert.ephoto import seed_code
from devstation.cert_service import CertService
from sync import consume_ephoto, fetch_ephoto, normalise_code
from tests.sync.conftest import refused


def test_a_valid_code_gives_a_jpeg_taken_less_than_six_months_ago(client):
    photo = fetch_ephoto(client, seed_code("valid-0"))
    image = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and image.ndim == 3
    assert photo.captured_at < datetime.now(UTC) < photo.expires_at


def test_the_code_may_be_typed_in_lower_case_with_spaces_and_dashes(client):
    code = seed_code("valid-0")
    typed = " ".join(code[i:i + 4] for i in range(0, 22, 4)).lower().replace(" ", "-", 1)
    assert normalise_code(typed) == code
    assert fetch_ephoto(client, typed).code == code


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [(seed_code("used"), "ephoto.used", "Ce code ePhoto a déjà été utilisé"),
     (seed_code("expired"), "ephoto.expired", "Ce code ePhoto a expiré (plus de 6 mois)"),
     ("Z" * 22, "ephoto.unknown", "Aucune photo ne correspond à ce code ePhoto")],
)
def test_refusals_are_french_and_not_retryable(client, code, error, words):
    err = refused(fetch_ephoto, client, code)
    assert (err.code, err.retryable) == (error, False)
    assert err.message.startswith(words) and "photo" in err.message


def test_a_code_of_the_wrong_length_is_refused_before_any_request(client, cert_service: CertService):
    cert_service.stop()  # nothing is asked of the CERT
    err = refused(fetch_ephoto, client, "ABC123")
    assert err.code == "ephoto.malformed" and "22 caractères" in err.message


def test_the_length_is_a_setting(client):
    code21 = seed_code("valid-0")[:21]
    assert refused(fetch_ephoto, client, code21).code == "ephoto.malformed"
    assert refused(fetch_ephoto, client, code21, length=21).code == "ephoto.unknown"  # asked, not found


def test_cert_down_says_to_retry_or_use_another_source(client, cert_service: CertService):
    cert_service.stop()
    err = refused(fetch_ephoto, client, seed_code("valid-0"))
    assert (err.code, err.retryable) == ("ephoto.unreachable", True)
    assert "photo papier" in err.message


def test_consuming_is_once_per_dossier(client):
    code = seed_code("valid-1")
    consume_ephoto(client, code, "dossier-1")
    consume_ephoto(client, code, "dossier-1")  # the same dossier again: fine
    assert refused(consume_ephoto, client, code, "dossier-2").code == "ephoto.used"
    assert refused(fetch_ephoto, client, code).code == "ephoto.used"
