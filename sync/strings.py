"""Every French message the sync layer may show an agent, in one place so a reviewer can read them all.

Each says what happened and what the agent should do; none names the applicant. The sync layer keeps its
own catalogue, beside its error codes (why there is one catalogue per layer: station/strings/)."""

from __future__ import annotations

_QUEUED = "Le dossier reste en file d'attente et partira automatiquement"

MESSAGES: dict[str, str] = {
    # Sealing.
    "seal.not_complete": (
        "Seul un dossier complet peut être envoyé. Terminez la saisie puis validez le dossier."
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
    # CERT lookups (sync/lookups.py): pre-application, fee stamp, COMEDEC, title, envelope.
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
    "fee_stamp.reserved": (
        "Ce timbre fiscal est réservé pour un autre dossier en cours, peut-être à un autre guichet. Vérifiez "
        "qu'il n'a pas déjà été saisi ; sinon, le demandeur doit présenter un autre timbre fiscal."
    ),
    # Counter checks (sync/online_checks/): each verdict says what to do next.
    "money.euros": "{amount} €",
    "fee_stamp.valid": (
        "Timbre fiscal valide ({amount}) : il est réservé pour ce dossier et sera consommé à l'envoi."
    ),
    "fee_stamp.insufficient": (
        "Le montant de ce timbre fiscal ({amount}) est inférieur au montant dû pour cette demande ({owed}). "
        "Le demandeur doit présenter un timbre du bon montant ; il peut demander le remboursement de celui-ci "
        "sur timbres.impots.gouv.fr."
    ),
    "fee_stamp.unreachable": (
        "Le timbre fiscal n'a pas pu être vérifié : le centre de traitement (CERT) ne répond pas. Vous pouvez "
        "poursuivre le dossier ; le timbre sera vérifié par le CERT à réception."
    ),
    "fee_stamp.flashcode_unreadable": (
        "Ce flashcode ne contient pas un numéro de timbre fiscal lisible. Scannez à nouveau le flashcode du "
        "timbre, ou saisissez les 16 chiffres imprimés dessous."
    ),
    "comedec.confirmed": (
        "Naissance vérifiée auprès de la commune (COMEDEC) : aucun acte de naissance papier n'est demandé."
    ),
    "comedec.not_found": (
        "La commune de naissance ne trouve pas cet acte de naissance (COMEDEC). Vérifiez l'état civil saisi "
        "avec les pièces du demandeur ; sinon, demandez un acte de naissance papier de moins de 3 mois."
    ),
    "comedec.mismatch": (
        "L'acte de naissance trouvé (COMEDEC) diffère de la saisie sur : {names}. Vérifiez ces informations "
        "avec les pièces du demandeur ; sinon, demandez un acte de naissance papier de moins de 3 mois."
    ),
    "comedec.field.surname": "nom",
    "comedec.field.given_names": "prénoms",
    "comedec.field.sex": "sexe",
    "comedec.field.birth_date": "date de naissance",
    "comedec.not_connected": (
        "La commune de naissance n'est pas raccordée à COMEDEC : demandez un acte de naissance papier de moins "
        "de 3 mois."
    ),
    "comedec.unreachable": (
        "La naissance n'a pas pu être vérifiée : le centre de traitement (CERT) ne répond pas. Vous pouvez "
        "poursuivre le dossier ; la vérification sera refaite avant l'envoi."
    ),
    "appointments.ok": "Pré-demande valide : aucun autre rendez-vous n'est pris avec ce numéro.",
    "appointments.duplicate": (
        "Ce numéro de pré-demande a {count} rendez-vous : {listed}. Demandez au demandeur d'annuler les "
        "rendez-vous dont il n'a plus besoin, pour les libérer."
    ),
    "appointments.item": "{place} le {day} à {time}",
    "appointments.consumed": (
        "Cette pré-demande a déjà servi à une demande de titre. Le demandeur doit faire une nouvelle "
        "pré-demande en ligne ou remplir le Cerfa 12100*02."
    ),
    "appointments.expired": (
        "Cette pré-demande a expiré. Le demandeur doit faire une nouvelle pré-demande en ligne ou remplir le "
        "Cerfa 12100*02."
    ),
    "appointments.unknown": (
        "La plateforme des rendez-vous ne connaît pas ce numéro de pré-demande. Vérifiez la saisie."
    ),
    "appointments.unreachable": (
        "Les rendez-vous de cette pré-demande n'ont pas pu être vérifiés : le service ne répond pas. Vous "
        "pouvez poursuivre le dossier."
    ),
    "appointments.token_refused": (
        "La plateforme des rendez-vous refuse l'accès de ce poste (jeton refusé). Poursuivez le dossier et "
        "signalez-le à l'assistance technique."
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
    "envelope.misread": (
        "Le code-barres lu ne se vérifie pas (chiffre de contrôle faux) : il a été mal lu. Scannez l'enveloppe "
        "à nouveau, bien à plat ; s'il est abîmé, saisissez-le."
    ),
    "envelope.unknown": (
        "Aucun titre expédié ne correspond à cette enveloppe. Mettez-la de côté et signalez-la au CERT."
    ),
    "envelope.not_sent": (
        "Ce titre est encore en fabrication selon le CERT : l'enveloppe ne peut pas être enregistrée. Mettez-la "
        "de côté et signalez-la au CERT."
    ),
    # Title delivery (sync/delivery.py): titles waiting at the mairie, hand-over, return.
    "delivery.unreachable": (
        "Le centre de traitement (CERT) ne répond pas : l'opération sur le titre n'a pas pu être faite. "
        "Réessayez dans un instant ; si cela dure, signalez-le à l'assistance technique."
    ),
    "delivery.refused": (
        "Le centre de traitement (CERT) a refusé la demande (code {status}). Signalez-le à l'assistance "
        "technique."
    ),
    "delivery.bad_reply": (
        "Le centre de traitement (CERT) a envoyé une réponse inattendue : rien n'a été pris en compte sur le "
        "poste. Réessayez dans un instant ; si cela se reproduit, signalez-le à l'assistance technique."
    ),
    "delivery.other_mairie": (
        "Ce titre doit être remis dans une autre mairie : il ne peut pas être traité ici. Indiquez au "
        "demandeur la mairie où il a déposé sa demande ; mettez de côté une enveloppe reçue par erreur et "
        "signalez-la au CERT."
    ),
    "delivery.not_received": (
        "Ce titre n'a pas encore été enregistré comme reçu en mairie. Scannez d'abord le code-barres de son "
        "enveloppe."
    ),
    "delivery.handed_over": (
        "Ce titre a déjà été remis à son titulaire. Ne remettez rien ; si le demandeur conteste, appelez "
        "votre responsable."
    ),
    "delivery.returned": (
        "Ce titre a été renvoyé au CERT pour destruction : il ne peut plus être remis. Le demandeur doit "
        "déposer une nouvelle demande."
    ),
    "delivery.overdue": (
        "Le délai de 3 mois pour retirer ce titre est dépassé : il ne peut plus être remis. Un responsable "
        "doit le renvoyer au CERT pour destruction ; le demandeur doit déposer une nouvelle demande."
    ),
    "delivery.no_holder": (
        "Le CERT ne dispose pas des données d'enrôlement de ce titre : la remise ne peut pas se faire sur ce "
        "poste. Mettez le titre de côté et signalez-le au CERT."
    ),
    "delivery.templates_unreadable": (
        "Les empreintes enregistrées pour ce titre n'ont pas pu être déchiffrées par ce poste. Réessayez ; "
        "si cela se reproduit, appelez l'assistance technique (certificat du poste) avant toute remise."
    ),
    "delivery.reminder_too_soon": (
        "Un SMS a déjà été envoyé au demandeur il y a moins de 24 heures. Vous pourrez le relancer après le "
        "{when}."
    ),
    "delivery.reminders_exhausted": (
        "Le demandeur a déjà été relancé trois fois par SMS pour ce titre. Contactez-le par un autre moyen "
        "(téléphone, courrier)."
    ),
    "delivery.inconsistent": (
        "Le CERT a refusé l'enregistrement de la remise : la décision ne correspond pas au titulaire (âge, "
        "empreintes, représentant légal ou signature). Vérifiez la saisie puis enregistrez de nouveau."
    ),
    "delivery.bad_request": (
        "La remise ou le renvoi n'a pas pu être enregistré : des informations manquent ou sont invalides. "
        "Complétez la saisie ; si cela se reproduit, signalez-le à l'assistance technique."
    ),
    "delivery.key_conflict": (
        "Le CERT a déjà enregistré une autre remise sous la même référence. Rien n'a été modifié : "
        "signalez-le à l'assistance technique."
    ),
    "delivery.receipt_invalid": (
        "L'accusé de remise renvoyé par le CERT n'a pas pu être vérifié. La remise est conservée sur le poste "
        "et sera renvoyée ; si cela dure, signalez-le à l'assistance technique."
    ),
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


def message(code: str, **fields: object) -> str:
    return MESSAGES[code].format(**fields)
