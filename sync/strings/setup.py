"""The sync layer's French messages: the station's provisioning and its certificate renewal, read by the technician."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Station provisioning (sync/provisioning.py, `station provision`): read by the installing
    # technician. A key kept after a failed attempt is reused by the next one, so retrying is always safe.
    "provision.trust_anchor": (
        "Le certificat racine du CERT ({path}) est introuvable ou illisible. Vérifiez le fichier fourni par "
        "le CERT (--trust-anchor)."
    ),
    "provision.already_done": (
        "Ce poste a déjà un certificat ({path}). Pour en obtenir un nouveau, indiquez un autre dossier "
        "(--out) ; ne supprimez pas un certificat en service."
    ),
    "provision.key_unusable": (
        "La clé du poste ({path}) est illisible ou n'est pas une clé EC P-256. Déplacez-la hors du dossier "
        "puis relancez la commande : une nouvelle clé sera créée."
    ),
    "provision.unreachable": (
        "Le centre de traitement (CERT) est injoignable. Vérifiez l'adresse (--url) et le réseau, puis "
        "relancez la commande avec le même jeton."
    ),
    "provision.tls": (
        "Le serveur joint n'est pas celui du CERT attendu (son certificat n'est pas émis par le certificat "
        "racine fourni). Vérifiez l'adresse (--url) et le fichier --trust-anchor ; n'allez pas plus loin."
    ),
    "provision.token_unknown": (
        "Ce jeton d'installation n'est pas reconnu par le CERT. Vérifiez la saisie, ou demandez un "
        "nouveau jeton à l'opérateur du CERT."
    ),
    "provision.token_expired": (
        "Ce jeton d'installation a expiré. Demandez un nouveau jeton à l'opérateur du CERT."
    ),
    "provision.token_used": (
        "Ce jeton d'installation a déjà servi à un autre poste ou avec une autre clé. Demandez un nouveau "
        "jeton à l'opérateur du CERT."
    ),
    "provision.wrong_station": (
        "Ce jeton a été délivré pour un autre identifiant de poste. Vérifiez l'identifiant (--station-id "
        "ou station_id de la configuration) ou demandez le bon jeton."
    ),
    "provision.refused": (
        "Le CERT a refusé la demande de certificat (code {status}). Relancez la commande plus tard ; si "
        "le refus persiste, signalez-le à l'opérateur du CERT."
    ),
    "provision.bad_reply": (
        "La réponse du CERT est illisible. Relancez la commande avec le même jeton ; si cela persiste, "
        "signalez-le à l'opérateur du CERT."
    ),
    "provision.reply_invalid": (
        "Le certificat renvoyé par le CERT ne correspond pas à ce poste (clé, identifiant, usage, chaîne "
        "ou certificat racine). Rien n'a été enregistré : signalez-le à l'opérateur du CERT."
    ),
    # Certificate renewal (sync/renewal.py, `station renew-certificate`): read by the technician.
    "renew.not_provisioned": (
        "Le certificat de ce poste n'a pas été délivré par le CERT via « station provision » : il ne peut pas "
        "être renouvelé ainsi. Demandez un jeton d'installation à l'opérateur du CERT et lancez station "
        "provision."
    ),
    "renew.unreachable": (
        "Le centre de traitement (CERT) est injoignable ou indisponible. Le certificat actuel reste en "
        "service ; relancez station renew-certificate plus tard."
    ),
    "renew.refused": (
        "Le CERT a refusé la demande de renouvellement (code {status}). Le certificat actuel reste en "
        "service ; relancez la commande plus tard et, si le refus persiste, signalez-le à l'opérateur du CERT."
    ),
    "renew.interrupted_unusable": (
        "Un renouvellement interrompu a laissé un certificat ({path}) qui ne correspond à aucune clé du "
        "poste. Rien n'a été modifié : déplacez ce fichier hors du dossier puis relancez station "
        "renew-certificate."
    ),
}
