"""What the agent and the technician read about signed updates (station/updates/, `station update`)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Told to the agent in the window's banner.
    "update.ready": (
        "Une mise à jour du poste (version {version}) est prête : elle s'installera d'elle-même dès que le poste "
        "sera libre (aucun dossier ni remise de titre en cours)."
    ),
    "update.installed": (
        "La mise à jour {version} est installée : elle sera utilisée au prochain démarrage du poste."
    ),
    "update.confirmed": "Le poste fonctionne désormais en version {version}.",
    "update.refused": "La mise à jour {version} a été refusée : {reason}",
    "update.rolled_back": (
        "La nouvelle version du poste n'a pas passé son autotest : le poste est revenu à la version {version}."
    ),
    "update.rollback_done": "Le poste reviendra à la version {version} à son prochain démarrage.",
    # Why an install was refused (the reason in "update.refused").
    "update.refused.self_test": "son autotest a échoué sur ce poste ; l'ancienne version reste en service.",
    "update.refused.unsafe": "l'archive reçue n'est pas une version valide du poste.",
    "update.refused.downgrade": "elle n'est pas plus récente que la version en service.",
    "update.refused.no_previous": "aucune version précédente n'est conservée sur ce poste.",
    "update.refused.not_packaged": (
        "ce poste ne fonctionne pas depuis une installation empaquetée (versions/, current) : rien à installer."
    ),
    # `station update status|check|install|rollback` (technician).
    "update.status.running": "Version en service : {version}",
    "update.status.previous": "Version précédente conservée : {version}",
    "update.status.staged": "Mise à jour prête à installer : {version}",
    "update.status.none": "Aucune mise à jour disponible pour ce poste.",
    "update.status.pending": "Version {version} installée, en attente de son premier démarrage.",
    "update.status.last_check": "Dernière vérification : {at}",
    "diagnostics.update_asked": (
        "Recherche de mise à jour demandée au CERT : le résultat s'affichera dans le bandeau. Une mise à jour "
        "prête s'installe quand aucun dossier ni aucune remise n'est ouvert."
    ),
    "update.check.offer": "Mise à jour disponible : version {version}{mandatory}.",
    "update.check.mandatory": " (obligatoire)",
}

LABELS: dict[str, str] = {
    "diagnostics.check_update": "Rechercher une &mise à jour",
}
