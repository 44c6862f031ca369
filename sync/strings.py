"""Every French message the sync layer may show an agent, in one place so a reviewer can read them all.

Each says what happened and what the agent should do; none names the applicant."""

from __future__ import annotations

_QUEUED = "Le dossier reste en file d'attente et partira automatiquement"

MESSAGES: dict[str, str] = {
    # Sealing.
    "seal.not_complete": (
        "Seul un dossier complet peut être envoyé. Terminez la saisie puis validez le dossier."
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
        "L'accusé de réception du centre de traitement (CERT) n'a pas pu être vérifié. Le dossier est "
        "conservé sur le poste et sera renvoyé ; si le problème persiste, appelez l'assistance technique."
    ),
    # Transport: refusals that will not go away by themselves.
    "cert.conflict": (
        "Le centre de traitement (CERT) a déjà reçu un autre contenu pour ce dossier. Le dossier est "
        "conservé sur le poste : appelez l'assistance technique, ne le ressaisissez pas."
    ),
    "cert.bad_request": (
        "Le centre de traitement (CERT) a refusé le dossier comme mal formé. Le dossier est conservé sur "
        "le poste : appelez l'assistance technique."
    ),
    "cert.forbidden": (
        "Le centre de traitement (CERT) ne reconnaît pas ce poste. Le dossier est conservé sur le poste : "
        "appelez l'assistance technique."
    ),
    "cert.refused": (
        "Le centre de traitement (CERT) a refusé le dossier (code {status}). Le dossier est conservé sur "
        "le poste : appelez l'assistance technique."
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
    # ANSI/NIST-ITL biometric transaction (issue 8, sync/ansi_nist/).
    "ansi_nist.malformed": (
        "Le fichier biométrique du dossier (format ANSI/NIST-ITL) est incomplet ou illisible. Le dossier est "
        "conservé sur le poste : appelez l'assistance technique."
    ),
    # CERT lookups (issue 8, sync/lookups.py): pre-application, fee stamp, COMEDEC, title, envelope.
    "lookup.unreachable": (
        "Le centre de traitement (CERT) ne répond pas : la vérification n'a pas pu être faite. Réessayez dans "
        "un instant ; si cela dure, poursuivez le dossier et signalez-le à l'assistance technique."
    ),
    "lookup.refused": (
        "Le centre de traitement (CERT) a refusé la demande (code {status}). Signalez-le à l'assistance "
        "technique."
    ),
    "pre_application.malformed": (
        "Ce numéro de pré-demande n'est pas valide : il compte 10 caractères (lettres majuscules et chiffres), "
        "imprimés sous le QR code du récapitulatif. Vérifiez la saisie."
    ),
    "pre_application.unknown": (
        "Aucune pré-demande ne correspond à ce numéro. Vérifiez la saisie ; sinon, le demandeur peut refaire sa "
        "pré-demande en ligne ou remplir le Cerfa 12100*02."
    ),
    "pre_application.expired": (
        "Ce numéro de pré-demande a expiré : le demandeur doit refaire sa pré-demande en ligne ou remplir le "
        "Cerfa 12100*02."
    ),
    "pre_application.used": (
        "Cette pré-demande a déjà servi à un dossier. Le demandeur doit faire une nouvelle pré-demande en "
        "ligne ou remplir le Cerfa 12100*02."
    ),
    "fee_stamp.malformed": (
        "Ce numéro de timbre fiscal n'est pas valide : il compte 16 chiffres. Vérifiez la saisie ou scannez le "
        "flashcode du timbre."
    ),
    "fee_stamp.unknown": (
        "Aucun timbre fiscal ne correspond à ce numéro. Vérifiez la saisie ; sinon, le demandeur doit acheter "
        "un timbre fiscal électronique (timbres.impots.gouv.fr ou bureau de tabac)."
    ),
    "fee_stamp.expired": (
        "Ce timbre fiscal a expiré (acheté il y a plus de 6 mois). Le demandeur doit en acheter un nouveau ; "
        "il peut demander le remboursement de l'ancien sur timbres.impots.gouv.fr."
    ),
    "fee_stamp.used": (
        "Ce timbre fiscal a déjà été utilisé pour un autre dossier. Le demandeur doit acheter un nouveau "
        "timbre fiscal électronique."
    ),
    "comedec.malformed": (
        "Les données de naissance sont incomplètes : nom, prénoms, sexe, date et commune de naissance sont "
        "nécessaires à la vérification. Complétez l'état civil."
    ),
    "title.malformed": (
        "Ce numéro de titre n'est pas valide : il compte 9 caractères (par exemple X4RTBPFW4 pour une carte "
        "d'identité, 21AB12345 pour un passeport). Vérifiez la saisie."
    ),
    "title.unknown": (
        "Aucun titre ne correspond à ce numéro. Vérifiez la saisie."
    ),
    "envelope.malformed": (
        "Ce code-barres n'est pas celui d'une enveloppe de titre (EV suivi de 10 caractères). Scannez le "
        "code-barres imprimé sur l'enveloppe scellée, ou saisissez-le."
    ),
    "envelope.unknown": (
        "Aucun titre expédié ne correspond à cette enveloppe. Mettez-la de côté et signalez-la au CERT."
    ),
    "envelope.not_sent": (
        "Ce titre est encore en fabrication selon le CERT : l'enveloppe ne peut pas être enregistrée. Mettez-la "
        "de côté et signalez-la au CERT."
    ),
}


def message(code: str, **fields: object) -> str:
    return MESSAGES[code].format(**fields)
