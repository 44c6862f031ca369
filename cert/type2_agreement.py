"""What `biometrics.an2`'s Type-2 says of the capture must be what `dossier.json` says (docs/ansi-nist.md,
tags 2.010 to 2.012): the biometric system receives the transaction alone and acts on these tags, so a
package where the two disagree is refused rather than instructed on two versions of one application.

Restated from the published formats, like the rest of the CERT. A transaction of domain FR-TES-RECUEIL 1.0,
sealed before these tags existed and perhaps still waiting in a station's outbox, has none of them: its
Type-2 is not compared.
"""

from __future__ import annotations

from .an2 import An2Error, Fields, leading_records
from .application_rules import ApplicationRefused

DOMAIN_BEFORE_TAGS = ["FR-TES-RECUEIL", "1.0"]  # 1.013 DOM of a transaction without 2.010 to 2.014
LINKED, TES_REFUSED, SIGNED_BY = 10, 11, 12  # Type-2 field numbers


def check_type2(dossier: dict, an2: bytes) -> None:
    """ApplicationRefused when the transaction's Type-1 and Type-2 cannot be read, or when Type-2 disagrees
    with dossier.json on the linked dossiers, the TES refusal or who signed."""
    try:
        type1, type2 = leading_records(an2, 1, 2)
    except An2Error as exc:
        raise ApplicationRefused("biometrics_malformed", f"biometrics.an2 cannot be read: {exc}") from exc
    if type1.get(13, [[]])[0] == DOMAIN_BEFORE_TAGS:
        return
    linked = dossier.get("linked_dossiers") or []
    if sorted(_items(type2, LINKED)) != sorted(linked):
        raise ApplicationRefused("type2_linked_mismatch", "Type-2 2.010 does not name the dossiers that "
                                                          "dossier.json's linked_dossiers names")
    refused = dossier.get("tes_prints_refused") is True
    if type2.get(TES_REFUSED) != ([["1"]] if refused else None):
        raise ApplicationRefused("type2_tes_mismatch", "Type-2 2.011 and dossier.json's tes_prints_refused "
                                                       "disagree on the refusal that TES keeps the prints")
    if _items(type2, SIGNED_BY) != _signers(dossier):
        raise ApplicationRefused("type2_signer_mismatch", "Type-2 2.012 does not name who signed as dossier.json's "
                                                          "signature and guardian.signature do")


def _items(fields: Fields, number: int) -> list[str]:
    """A field of one-item subfields as its list of items ([] when absent); a subfield of more items is kept
    whole as one string, so it never equals a plain value."""
    return ["\x1f".join(sub) for sub in fields.get(number, [])]


def _signers(dossier: dict) -> list[str]:
    signature, guardian = dossier.get("signature"), dossier.get("guardian")
    out = ["demandeur" if isinstance(signature, dict) and signature.get("signed") is True else "dispense"]
    if isinstance(guardian, dict) and isinstance(guardian.get("signature"), str) and guardian["signature"]:
        out.append("autorite_parentale")
    return out
