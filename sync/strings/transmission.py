"""The sync layer's French messages: sealing, transmission to the CERT and its receipts, chunked upload,
ePhoto, the ANSI/NIST-ITL file and the audit trail's sending."""

from __future__ import annotations

_QUEUED = "Le dossier reste en file d'attente et partira automatiquement"

MESSAGES: dict[str, str] = {
    # Sealing.
    "seal.not_complete": (
        "Seul un dossier complet peut être envoyé. Terminez la saisie puis validez le dossier."
    ),
    "seal.agent_signature_invalid": (
        "La signature de votre carte agent ne correspond pas à son certificat : le dossier n'a pas été "
        "transmis. Retirez la carte, reconnectez-vous puis validez à nouveau ; si cela persiste, appelez "
        "l'assistance technique."
    ),
    "seal.checks_changed": (
        "Le CERT a répondu aux vérifications restées en attente (naissance, timbre fiscal) : le dossier demande "
        "maintenant une pièce ou un timbre de plus. Il est conservé en brouillon ; ouvrez le récapitulatif."
    ),
    "seal.invalid_content": (
        "Le dossier n'a pas pu être scellé : une photo, une empreinte ou la signature est illisible. "
        "Le dossier est conservé ; reprenez la capture concernée puis validez de nouveau."
    ),
    "seal.keys_unreadable": (
        "Les clés de scellement du poste sont illisibles : aucun dossier ne peut être envoyé. "
        "Les dossiers sont conservés ; appelez l'assistance technique (certificat du poste)."
    ),
    "seal.keys_mismatch": (
        "Le certificat du poste ne correspond pas à sa clé : aucun dossier ne peut être scellé. "
        "Les dossiers sont conservés ; appelez l'assistance technique (réinstallation du certificat)."
    ),
    "seal.recipient_untrusted": (
        "Le certificat de chiffrement du centre de traitement (CERT) n'est pas reconnu : aucun dossier "
        "ne peut être scellé. Les dossiers sont conservés ; appelez l'assistance technique."
    ),
    "seal.recipient_expired": (
        "Le certificat de chiffrement du centre de traitement (CERT) a expiré : aucun dossier ne peut "
        "être scellé. Les dossiers sont conservés ; appelez l'assistance technique."
    ),
    # Transport: temporary failures, the worker retries on its own.
    "cert.unreachable": (
        "Le centre de traitement (CERT) est injoignable. "
        f"{_QUEUED} au retour de la connexion."
    ),
    "cert.timeout": (
        "Le centre de traitement (CERT) ne répond pas dans les délais. "
        f"{_QUEUED} dès que possible."
    ),
    "cert.tls": (
        "La connexion sécurisée avec le centre de traitement (CERT) a échoué (certificat refusé ou "
        f"non reconnu). {_QUEUED} dès que possible ; si le problème persiste, appelez l'assistance "
        "technique."
    ),
    "cert.server_error": (
        "Le centre de traitement (CERT) rencontre une difficulté passagère. "
        f"{_QUEUED} un peu plus tard."
    ),
    "cert.bad_reply": (
        "La réponse du centre de traitement (CERT) est illisible. "
        f"{_QUEUED} un peu plus tard."
    ),
    "receipt.invalid": (
        "L'accusé de réception du centre de traitement (CERT) n'a pas pu être vérifié ({reason}). Le "
        "dossier est conservé sur le poste et sera renvoyé ; si le problème persiste, appelez l'assistance "
        "technique."
    ),
    "receipt.signer_not_authorised": (
        "L'accusé de réception du centre de traitement (CERT) est refusé : {reason}. Le dossier est "
        "conservé sur le poste et n'est pas effacé ; appelez l'assistance technique (configuration des "
        "certificats du CERT)."
    ),
    # Why a receipt was refused: read by the technician in `station outbox`.
    "receipt.why.unreadable": "certificat de l'accusé illisible",
    "receipt.why.untrusted": "accusé signé par un certificat qui n'est pas émis par la racine du CERT",
    "receipt.why.expired": "certificat de l'accusé ou racine du CERT hors de sa période de validité",
    "receipt.why.ca": "accusé signé par un certificat d'autorité, non habilité à signer des accusés",
    "receipt.why.key_usage": (
        "accusé signé par un certificat non habilité à signer des accusés (usage de clé autre que la "
        "seule signature)"
    ),
    "receipt.why.not_receipt_signer": (
        "accusé signé par un certificat non habilité à signer des accusés (usage « signature des accusés "
        "Recueil » absent)"
    ),
    "receipt.why.bad_signature": "signature de l'accusé invalide",
    "receipt.why.malformed": "accusé mal formé ou de version inconnue",
    "receipt.why.other_dossier": "accusé d'un autre dossier",
    "receipt.why.other_package": "accusé d'un autre contenu du dossier (empreinte différente)",
    # Transport: refusals that will not go away by themselves.
    "cert.conflict": (
        "Le centre de traitement (CERT) a déjà reçu un autre contenu pour ce dossier. Le dossier est "
        "conservé sur le poste : appelez l'assistance technique, ne le ressaisissez pas."
    ),
    "cert.fee_stamp_taken": (
        "Le centre de traitement (CERT) refuse ce dossier : son timbre fiscal a déjà servi à un autre dossier "
        "ou lui est réservé. Le dossier est conservé sur le poste : contactez le demandeur pour un autre "
        "timbre et appelez l'assistance technique."
    ),
    "cert.bad_request": (
        "Le centre de traitement (CERT) a refusé le dossier comme mal formé. Le dossier est conservé sur "
        "le poste : appelez l'assistance technique."
    ),
    "cert.forbidden": (
        "Le centre de traitement (CERT) ne reconnaît pas ce poste. Le dossier est conservé sur le poste : "
        "appelez l'assistance technique."
    ),
    "cert.station_revoked": (
        "Le certificat de ce poste a été révoqué par le centre de traitement (CERT) : le poste ne peut plus "
        "rien lui envoyer ni le consulter. Les dossiers sont conservés sur le poste. Technicien : contactez "
        "le CERT pour faire réinstaller le poste (nouveau jeton, station provision)."
    ),
    "cert.refused": (
        "Le centre de traitement (CERT) a refusé le dossier (code {status}). Le dossier est conservé sur "
        "le poste : appelez l'assistance technique."
    ),
    # Chunked upload (sync/upload.py): the CERT keeps changing how much of the package it holds.
    "cert.upload_out_of_step": (
        "L'envoi du dossier au centre de traitement (CERT) s'est désynchronisé (un autre envoi du même "
        f"dossier est peut-être en cours). {_QUEUED} un peu plus tard ; si cela se répète, appelez "
        "l'assistance technique."
    ),
    # The audit trail sent to the CERT (sync/audit_queue.py): the technician reads them (`station audit show`).
    # The heartbeat (sync/heartbeat.py): for the technician's log and support bundle, never shown at the counter.
    "heartbeat.unreachable": (
        "L'état du poste n'a pas pu être envoyé au centre de traitement (CERT), injoignable : il sera renvoyé "
        "automatiquement."
    ),
    "heartbeat.refused": (
        "Le centre de traitement (CERT) a refusé l'état du poste (code {status}). Signalez-le à l'assistance "
        "technique."
    ),
    "heartbeat.bad_request": (
        "Le centre de traitement (CERT) ne reconnaît pas l'état du poste envoyé. Signalez-le à l'assistance "
        "technique (version du poste)."
    ),
    "heartbeat.bad_reply": (
        "Le centre de traitement (CERT) a répondu de façon inattendue à l'envoi de l'état du poste : l'écart "
        "d'horloge n'a pas pu être mesuré. Si cela se répète, signalez-le à l'assistance technique."
    ),
    "audit.unreachable": (
        "Le journal d'audit n'a pas pu être envoyé au centre de traitement (CERT), injoignable : il reste sur "
        "le poste et partira automatiquement."
    ),
    "audit.refused": (
        "Le centre de traitement (CERT) a refusé le journal d'audit (code {status}) : il reste sur le poste. "
        "Signalez-le à l'assistance technique."
    ),
    "audit.bad_request": (
        "Le centre de traitement (CERT) ne reconnaît pas le journal d'audit envoyé : il reste sur le poste. "
        "Signalez-le à l'assistance technique (version du poste)."
    ),
    "audit.other_station": (
        "Le centre de traitement (CERT) refuse le journal d'audit : il porte l'identifiant d'un autre poste que "
        "son certificat. Vérifiez station_id dans la configuration et signalez-le à l'assistance technique."
    ),
    "audit.bad_reply": (
        "Le centre de traitement (CERT) a répondu de façon inattendue à l'envoi du journal d'audit : il reste sur "
        "le poste et sera renvoyé. Si cela se répète, signalez-le à l'assistance technique."
    ),
    # ePhoto: fetching the booth photo by its code (sync/ephoto.py). The agent reads these at the photo step.
    "ephoto.malformed": (
        "Ce code ePhoto n'est pas valide : il compte {length} caractères (lettres et chiffres), imprimés sur "
        "le ticket de la cabine. Vérifiez la saisie."
    ),
    "ephoto.unknown": (
        "Aucune photo ne correspond à ce code ePhoto. Vérifiez la saisie ; sinon, demandez une autre photo "
        "(cabine agréée, photographe, ou prise de vue au guichet)."
    ),
    "ephoto.used": (
        "Ce code ePhoto a déjà été utilisé pour un autre dossier. Un code ne sert qu'une fois : demandez une "
        "nouvelle photo au demandeur ou prenez-la au guichet."
    ),
    "ephoto.expired": (
        "Ce code ePhoto a expiré (plus de 6 mois) : la photo n'est plus assez récente. Demandez une nouvelle "
        "photo au demandeur ou prenez-la au guichet."
    ),
    "ephoto.unreachable": (
        "La photo ePhoto ne peut pas être récupérée : le centre de traitement (CERT) ne répond pas. "
        "Réessayez dans un instant, ou utilisez une photo papier ou la prise de vue au guichet."
    ),
    "ephoto.refused": (
        "Le centre de traitement (CERT) a refusé la demande de photo ePhoto (code {status}). Utilisez une "
        "photo papier ou la prise de vue au guichet, et signalez-le à l'assistance technique."
    ),
    # ANSI/NIST-ITL biometric transaction (sync/ansi_nist/).
    "ansi_nist.malformed": (
        "Le fichier biométrique du dossier (format ANSI/NIST-ITL) est incomplet ou illisible. Le dossier est "
        "conservé sur le poste : appelez l'assistance technique."
    ),
}
