"""The sync layer's French messages: the CERT lookups and the online checks made at the counter
(pre-application, fee stamp, COMEDEC, appointments)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
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
}
