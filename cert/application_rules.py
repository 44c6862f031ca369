"""What the CERT checks in a received application before instructing it (docs/package-format.md, "The
application"): the fields a title's instruction cannot do without. A package that fails is refused with a
code the station shows; nothing of it is kept.

The CERT reads the published format, not the station's code: the title numbers' formats and the reasons
that replace a title are restated here from the domain's public rules."""

from __future__ import annotations

import re
from datetime import date, datetime


class ApplicationRefused(Exception):
    """The application breaks a rule: a stable code and an English detail (intake answers 400 with them)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(code)
        self.code, self.detail = code, detail

REPLACING = {"renouvellement", "perte", "vol", "deterioration"}
DECLARED = {"perte", "vol"}
NUMBER_FORMATS = {  # domain.md "Identifiers"; the laminated card before the CNIe: 12 characters
    "cnie": re.compile(r"^[A-Z0-9]{9}$"),
    "passeport": re.compile(r"^[0-9]{2}[A-Z]{2}[0-9]{5}$"),
    "cni_ancienne": re.compile(r"^[0-9]{4}[0-9A-Z]{3}[0-9]{5}$"),
}
NATIONALITY_BASES = {"titre_securise", "double_droit_du_sol", "parent_francais", "certificat_nationalite",
                     "naturalisation"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def check_application(dossier: dict, files: dict[str, bytes]) -> None:
    """ApplicationRefused for the first rule the application breaks."""
    reason, title = dossier.get("reason"), dossier.get("title")
    previous = dossier.get("previous_title")
    if reason in REPLACING:
        if not isinstance(previous, dict):
            _refuse("previous_title_missing", "a renewal, loss, theft or damage names the previous title")
        pattern = NUMBER_FORMATS.get(str(previous.get("kind")))
        if pattern is None or not pattern.fullmatch(str(previous.get("number", ""))):
            _refuse("previous_title_malformed", "the previous title's number does not fit its kind")
    if reason in DECLARED and not str(dossier.get("declaration_reference") or "").strip():
        _refuse("declaration_missing", "a loss or theft comes with its declaration's reference")
    if dossier.get("nationality_basis") not in NATIONALITY_BASES:
        _refuse("nationality_missing", "how French nationality is established is missing or unknown")
    if dossier.get("tes_prints_refused") is True and title != "cni":
        _refuse("tes_refusal_not_cni", "only a CNIe applicant may refuse that TES keeps the prints")
    linked = dossier.get("linked_dossiers") or []
    if not isinstance(linked, list) or len(linked) > 1 or not all(isinstance(i, str) and UUID.fullmatch(i)
                                                                   for i in linked):
        _refuse("linked_malformed", "a couplée application links one other dossier by its id")
    if _minor(dossier):
        guardian = dossier.get("guardian")
        if not isinstance(guardian, dict) or not all(str(guardian.get(k) or "").strip() for k in
                                                     ("surname", "given_names", "link", "id_document")):
            _refuse("guardian_missing", "a minor's application names the holder of parental authority present")
        entry = guardian.get("signature")
        if not isinstance(entry, str) or entry not in files:
            _refuse("guardian_signature_missing", "the holder of parental authority signs a minor's application")


def _minor(dossier: dict) -> bool:
    civil = dossier.get("civil") if isinstance(dossier.get("civil"), dict) else {}
    try:
        birth = date.fromisoformat(str(civil.get("birth_date")))
        sealed = datetime.fromisoformat(str(dossier.get("sealed_at"))).date()
    except ValueError:
        return False  # the format's own checks refuse a dossier without dates
    years = sealed.year - birth.year - ((sealed.month, sealed.day) < (birth.month, birth.day))
    return years < 18


def _refuse(code: str, detail: str) -> None:
    raise ApplicationRefused(code, detail)
