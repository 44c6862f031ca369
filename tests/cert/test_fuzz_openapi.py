"""The reference CERT fuzzed from its published OpenAPI document (schemathesis), served for real
over HTTPS to a station's client certificate. Every operation, valid and invalid input, a bounded number of
examples: never a 500, and every answer a documented status, content type and schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from devstation.cert_service import REPO_ROOT, CertService

SCHEMA = schemathesis.openapi.from_path(REPO_ROOT / "docs" / "cert-openapi.json")
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# Per operation and mode: enough to hit each refusal path, small enough that the whole run stays in
# seconds on CI's two cores (about 20 operations x 2 modes).
MAX_EXAMPLES = 12
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_no_operation_answers_outside_its_contract(mode: GenerationMode, http: requests.Session,
                                                   cert_service: CertService, tmp_path: Path) -> None:
    assert OPERATIONS, "the OpenAPI document lists no operation"
    for operation in OPERATIONS:

        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: schemathesis.Case) -> None:
            # verify and cert again: schemathesis sets its own TLS defaults over the session's.
            case.call_and_validate(base_url=cert_service.url, session=http, checks=CHECKS, timeout=30,
                                   verify=http.verify, cert=http.cert)

        try:
            run()
        except Unsatisfiable:
            # Nothing to make invalid (no parameter, no body): the positive run covered the operation.
            assert mode is GenerationMode.NEGATIVE, operation.label
