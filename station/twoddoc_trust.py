"""Which 2D-Doc trust list the station believes: the one a technician installed in its data folder
(`station twoddoc-trust refresh FILE`), else the one shipped in enrollment/documents/twoddoc/. Nothing is
fetched at the counter: the list changes only when a technician installs one, or when a newer signed list
from the CERT is verified and installed here (station/reference.py)."""

from __future__ import annotations

import os
from pathlib import Path

from enrollment.documents.twoddoc import TrustList, embedded_trust_list, load_trust_list


def station_trust_list(installed: Path) -> TrustList:
    """The installed list at `installed` when there is one, else the embedded list. An installed list that
    no longer loads raises EnrollmentError: a damaged file is the technician's to replace, not to skip."""
    if installed.exists():
        return load_trust_list(installed.read_bytes())
    return embedded_trust_list()


def install(data: bytes, installed: Path) -> TrustList:
    """Validates `data` as a trust list (EnrollmentError when it is not), then writes it at `installed`
    whole or not at all: a station never reads a half-written list."""
    trust = load_trust_list(data)
    installed.parent.mkdir(parents=True, exist_ok=True)
    partial = installed.with_name(installed.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, installed)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return trust
