"""The 2D-Doc on a proof of address (ANTS specification v3.2.6): read its DataMatrix, verify its signature
against the ANTS trust list, and say whether the agent may rely on it. docs/2d-doc.md tells what is
checked and where the trust list comes from.

    verify_2ddoc(image_or_text, trust, today, max_age_days) -> TwoDDocVerdict

The names are loaded on first use (PEP 562): the station's configuration reads the thresholds at start-up,
before the login screen, and must not pull numpy and cryptography in with them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {"Holder": "message", "MAX_AGE_DAYS": "thresholds", "SigningCertificate": "trust", "TrustList": "trust",
          "embedded_trust_list": "trust", "load_trust_list": "trust", "TwoDDocFields": "verdict",
          "TwoDDocVerdict": "verdict", "Verdict": "verdict", "verify_2ddoc": "verdict"}

__all__ = ["MAX_AGE_DAYS", "Holder", "SigningCertificate", "TrustList", "TwoDDocFields", "TwoDDocVerdict", "Verdict",
           "embedded_trust_list", "load_trust_list", "verify_2ddoc"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{home}", __name__), name)


if TYPE_CHECKING:
    from .message import Holder
    from .thresholds import MAX_AGE_DAYS
    from .trust import SigningCertificate, TrustList, embedded_trust_list, load_trust_list
    from .verdict import TwoDDocFields, TwoDDocVerdict, Verdict, verify_2ddoc
