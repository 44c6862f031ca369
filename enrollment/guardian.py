"""A minor's application: the holder of parental authority present at the counter, who they are, how the
agent checked it, and who signs (domain.md "Minors")."""

from __future__ import annotations

from enum import StrEnum

from .model_base import Model
from .signature.model import Signature


class ParentalLink(StrEnum):
    MOTHER = "mere"
    FATHER = "pere"
    GUARDIAN = "tuteur"  # appointed by a judge (tutelle)


class Guardian(Model):
    """The holder of parental authority who makes the minor's application: identity as on the ID document the
    agent saw, and, for separated parents, whether the judgement fixing the authority was seen."""

    surname: str = ""
    given_names: str = ""
    link: ParentalLink | None = None
    id_document: str = ""  # kind and number of the ID document seen ("CNI X4RTBPFW4")
    parents_separated: bool = False
    judgement_seen: bool = False  # the judgement that gives them the authority (separated parents)
    signature: Signature | None = None  # the application is signed by the holder of parental authority
