"""What the CERT tests share beside the station's session (`http`, tests/fixtures/pki.py): one without a client
certificate."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from installer.pki import PkiPaths


@pytest.fixture
def anonymous(pki: PkiPaths) -> Iterator[requests.Session]:
    """A station being installed: it trusts the CERT root and has no client certificate yet."""
    s = requests.Session()
    s.trust_env = False
    s.verify = str(pki.pem("cert-ca"))
    yield s
    s.close()
