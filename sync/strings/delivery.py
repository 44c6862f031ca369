"""The sync layer's French messages: the title delivery: envelopes, titles waiting, hand-over, return."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
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
}
