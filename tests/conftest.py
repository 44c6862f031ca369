"""Fixtures shared across the suite live in tests/fixtures/, one module per real component."""

import os

# Qt runs offscreen in tests, whatever the machine has.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.fixtures.pcsc",  # first: it points PC/SC at the private pcscd before anything uses it
    "tests.fixtures.pki",
    "tests.fixtures.cups",
    "tests.fixtures.cert_service",
    "tests.fixtures.hw_mocks",
    "tests.fixtures.station",
    "tests.fixtures.swtpm",
    "tests.fixtures.keyrings",
    "tests.fixtures.audit",
]
