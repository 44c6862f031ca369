"""The sync layer's French messages about reference lists (sync/reference/): read by the technician
(`station reference status|refresh`) and, for a list past its limit, by the agent."""

from __future__ import annotations

_KEPT = "La liste en service reste inchangée."

MESSAGES: dict[str, str] = {
    "reference.invalid": "La liste de référence « {name} » est refusée : {reason}. " + _KEPT,
    "reference.why.shape": "le fichier n'a pas le format attendu",
    "reference.why.untrusted": "elle n'est pas signée par une autorité du CERT connue du poste",
    "reference.why.expired": "le certificat qui la signe n'est pas valide à cette date",
    "reference.why.not_signer": "elle est signée par un certificat qui n'est pas celui des données de référence",
    "reference.why.signature": "sa signature ne correspond pas à son contenu (fichier modifié)",
    "reference.why.other_list": "elle porte le nom d'une autre liste",
    "reference.why.digest": "son contenu ne correspond pas à l'empreinte annoncée",
    "reference.why.content": "son contenu n'est pas compris par cette version du logiciel",
    "reference.rollback": (
        "La liste de référence « {name} » proposée (version {version}) n'est pas plus récente que celle du poste "
        "(version {held}) : elle est refusée. " + _KEPT
    ),
    "reference.unknown": "Le poste n'utilise pas de liste de référence nommée « {name} ».",
    "reference.unreadable": (
        "La liste de référence « {name} » enregistrée sur le poste est illisible. Lancez "
        "« station reference refresh »."
    ),
    "reference.unreachable": (
        "Le centre de traitement (CERT) est injoignable : les listes de référence n'ont pas été mises à jour. "
        "Le poste réessaiera automatiquement."
    ),
    "reference.refused": (
        "Le centre de traitement (CERT) a refusé la demande des listes de référence (code {status}). "
        "Signalez-le à l'assistance technique."
    ),
    "reference.not_published": "Le centre de traitement (CERT) ne publie pas cette liste de référence.",
    "reference.bad_reply": (
        "Le centre de traitement (CERT) a répondu de façon inattendue à la demande des listes de référence. "
        "Le poste réessaiera automatiquement."
    ),
}
