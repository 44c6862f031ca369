"""The station's French texts for the audit trail, read by the technician (`station audit verify|show`,
station/commands/audit.py)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "audit.cli.intact": "Journal d'audit intègre : entrées n° {first} à {last} sur le poste ({count}).",
    "audit.cli.empty": "Journal d'audit intègre : aucune entrée sur le poste.",
    "audit.cli.purged": (
        "Les entrées n° 1 à {seq}, reçues par le CERT, ont été effacées du poste au terme de leur durée de "
        "conservation."
    ),
    "audit.cli.held": "Le CERT en détient une copie jusqu'à l'entrée n° {seq}.",
    "audit.cli.none_held": "Le CERT n'en a encore reçu aucune.",
    "audit.cli.unsent": "{count} entrée(s) en attente d'envoi au CERT.",
    "audit.cli.last_error": "Dernière erreur d'envoi : {code}.",
    "audit.cli.broken": (
        "Journal d'audit altéré : {why} Signalez-le à l'assistance technique ; le CERT garde sa propre copie "
        "des entrées qu'il a reçues."
    ),
    "audit.break.gap": "l'entrée n° {seq} a été supprimée (la numérotation saute).",
    "audit.break.edited": (
        "l'entrée n° {seq} a été modifiée après son enregistrement (son empreinte ne correspond plus)."
    ),
    "audit.break.broken_link": (
        "l'entrée n° {seq} ne suit plus la précédente, qui a été réécrite (le chaînage est rompu)."
    ),
    "audit.cli.none": "Aucune entrée sur le poste.",
    "audit.cli.row": "n° {seq} — {time} — {event} — {who}{details}",
    "audit.cli.time": "{time:%d/%m/%Y %H:%M:%S}",
    "audit.cli.agent": "agent {agent}",
    "audit.cli.station": "poste",
    "audit.cli.dossier": " — dossier {value}",
    "audit.cli.title": " — titre {value}",
    "audit.cli.reason": " — motif {value}",
    "audit.cli.ref": " — référence {value}",
}

LABELS: dict[str, str] = {
    # What each event of the trail is called (enrollment/audit/entry.py `AuditEvent`).
    "audit.event.login": "connexion",
    "audit.event.logout": "déconnexion",
    "audit.event.lock": "verrouillage",
    "audit.event.unlock": "déverrouillage",
    "audit.event.session_revoked": "session close (carte révoquée)",
    "audit.event.supervisor_step_in": "intervention d'un responsable",
    "audit.event.dossier_created": "dossier créé",
    "audit.event.dossier_resumed": "dossier repris",
    "audit.event.dossier_abandoned": "dossier abandonné",
    "audit.event.dossier_sealed": "dossier scellé",
    "audit.event.photo_override": "photo acceptée malgré les contrôles",
    "audit.event.fingerprint_exception": "exception d'empreinte",
    "audit.event.signature_exemption": "dispense de signature",
    "audit.event.envelope_received": "enveloppe réceptionnée",
    "audit.event.title_handed_over": "titre remis",
    "audit.event.title_returned": "titre renvoyé au CERT",
    "audit.event.configuration_changed": "configuration modifiée",
    "audit.event.update_installed": "mise à jour installée",
    "audit.event.update_refused": "mise à jour refusée",
    "audit.event.update_rolled_back": "mise à jour annulée",
}
