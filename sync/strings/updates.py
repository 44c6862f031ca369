"""The sync layer's French messages about signed updates (sync/updates/): why a release was refused."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "update.tampered": (
        "La mise à jour téléchargée ne correspond pas à sa signature (fichier altéré) : elle est refusée. "
        "Signalez-le à l'assistance technique."
    ),
    "update.replayed": (
        "Le serveur a présenté une liste de mises à jour plus ancienne que la dernière vue : elle est refusée. "
        "Signalez-le à l'assistance technique."
    ),
    "update.expired": (
        "La liste des mises à jour signée par le CERT a expiré : aucune mise à jour n'est installée. "
        "Signalez-le à l'assistance technique."
    ),
    "update.unsigned": (
        "La liste des mises à jour n'est pas signée par les clés du CERT : elle est refusée. "
        "Signalez-le à l'assistance technique."
    ),
    "update.unverified": (
        "La liste des mises à jour n'a pas pu être vérifiée : elle est refusée. Signalez-le à l'assistance "
        "technique."
    ),
    "update.unreachable": (
        "Le service des mises à jour du CERT ne répond pas : nouvel essai plus tard."
    ),
    "update.no_trusted_root": (
        "Le fichier de confiance des mises à jour est introuvable ({path}) : le poste ne peut vérifier aucune "
        "mise à jour. Faites réinstaller ce fichier par l'assistance technique."
    ),
    "update.downgrade": "La version {version} est plus ancienne que celle du poste : elle n'est pas installée.",
    "update.not_offered": (
        "La version {version} n'est pas encore proposée à ce poste (déploiement progressif)."
    ),
    "update.no_rollout": "La version {version} ne précise pas à quels postes elle est destinée : elle est ignorée.",
}
