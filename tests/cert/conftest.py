"""What the CERT tests share: an HTTPS session presenting the station's client certificate, and one without."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from installer.pki import PkiPaths


@pytest.fixture
def http(pki: PkiPaths) -> Iterator[requests.Session]:
    s = requests.Session()
    s.trust_env = False  # the environment's CA bundle would replace our trust anchor
    s.cert = (str(pki.pem("station")), str(pki.key("station")))
    s.verify = str(pki.pem("cert-ca"))
    yield s
    s.close()


@pytest.fixture
def anonymous(pki: PkiPaths) -> Iterator[requests.Session]:
    """A station being installed: it trusts the CERT root and has no client certificate yet."""
    s = requests.Session()
    s.trust_env = False
    s.verify = str(pki.pem("cert-ca"))
    yield s
    s.close()
