"""The applicant's receipts (récépissé at sealing, attestation of hand-over), and the printer's status."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "receipt.next_sms": (
        "Vous recevrez un SMS au numéro que vous avez donné dès que votre titre sera arrivé en mairie."
    ),
    "receipt.next_no_sms": "La mairie vous préviendra dès que votre titre sera arrivé.",
    "receipt.next_deadline": (
        "Vous aurez alors 3 mois pour venir le retirer en personne, muni de ce récépissé (et de votre ancien "
        "titre s'il y en a un). Passé ce délai, le titre est détruit et la demande est à refaire."
    ),
    "receipt.next_minor": "Un mineur vient retirer son titre accompagné du parent qui a fait la demande.",
    "receipt.not_a_title": "Ce récépissé n'est ni un titre d'identité ni un titre de voyage.",
    "receipt.handover_note": (
        "Le titre ci-dessus a été remis à son titulaire après vérification de son identité. Conservez cette "
        "attestation : elle ne remplace pas le titre."
    ),
    "print.sent": "Récépissé envoyé à l'imprimante {printer}.",
    "print.handover_sent": "Attestation de remise envoyée à l'imprimante {printer}.",
    "print.none": (
        "Aucune imprimante n'est configurée sur ce poste : le récépissé n'a pas été imprimé. Faites configurer "
        "une imprimante, puis réimprimez-le depuis la page Transmissions."
    ),
    "print.failed": (
        "Le récépissé n'a pas pu être imprimé. {reason} Le dossier est bien enregistré ; réimprimez le "
        "récépissé depuis la page Transmissions quand l'imprimante est prête."
    ),
    "print.reprint_gone": (
        "Ce dossier a été transmis et effacé du poste : son récépissé ne peut plus être réimprimé."
    ),
    "print.reprint_select": "Choisissez d'abord un dossier dans la liste.",
}

LABELS: dict[str, str] = {
    "receipt.republic": "RÉPUBLIQUE FRANÇAISE",
    "receipt.recepisse_title": "Récépissé de demande de titre",
    "receipt.handover_title": "Attestation de remise de titre",
    "receipt.mairie": "Mairie",
    "receipt.station": "Poste",
    "receipt.agent": "Agent",
    "receipt.date": "Date",
    "receipt.applicant": "Demandeur",
    "receipt.holder": "Titulaire",
    "receipt.titles": "Titre(s) demandé(s)",
    "receipt.title_line": "{title} — {reason}",
    "receipt.fee": "Droits : {amount}",
    "receipt.fee_free": "Droits : gratuit",
    "receipt.fee_amount": "{euros} € (timbre fiscal)",
    "receipt.reference": "Référence du dossier : {reference}",
    "receipt.documents": "Pièces reçues",
    "receipt.document_line": "{name} ({pages} page(s))",
    "receipt.no_documents": "Aucune pièce numérisée.",
    "receipt.next": "Et maintenant ?",
    "receipt.handed_title": "Titre remis",
    "receipt.handed_line": "{title} n° {number}",
    "receipt.qr_caption": "Référence à présenter au retrait",
    "transmissions.reprint": "Ré&imprimer le récépissé",
    "transmissions.print_to": "Imprimer sur une autre imprimante…",
}
