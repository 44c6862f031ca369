"""The 2D-Doc on a proof of address (ANTS specification v3.2.6): read its DataMatrix, verify its signature
against the ANTS trust list, and say whether the agent may rely on it. docs/2d-doc.md tells what is
checked and where the trust list comes from.

    verify_2ddoc(image_or_text, trust, today, max_age_days) -> TwoDDocVerdict"""

from .message import Holder
from .thresholds import MAX_AGE_DAYS
from .trust import SigningCertificate, TrustList, embedded_trust_list, load_trust_list
from .verdict import TwoDDocFields, TwoDDocVerdict, Verdict, verify_2ddoc

__all__ = ["MAX_AGE_DAYS", "Holder", "SigningCertificate", "TrustList", "TwoDDocFields", "TwoDDocVerdict", "Verdict",
           "embedded_trust_list", "load_trust_list", "verify_2ddoc"]
