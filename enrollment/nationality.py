"""How the applicant's French nationality is established, and the document each way requires.

The agent records the basis; the documents list (enrollment/documents_required.py) then asks for its proof.
A secure title in force (CNIe, passport) proves nationality by itself."""

from __future__ import annotations

from enum import StrEnum


class NationalityBasis(StrEnum):
    PREVIOUS_TITLE = "titre_securise"  # a CNIe or passport in force or recently expired
    # Born in France to a parent born in France (civil code art. 19-3): the birth record, which names the
    # parents' birthplaces, is the proof.
    BORN_IN_FRANCE_PARENT_BORN_IN_FRANCE = "double_droit_du_sol"
    FRENCH_PARENT = "parent_francais"  # a French parent (art. 18): the parent's nationality is proven
    CERTIFICATE = "certificat_nationalite"  # certificat de nationalité française
    NATURALISATION = "naturalisation"  # decree of naturalisation or declaration of acquisition
