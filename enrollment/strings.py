"""Every French message the domain layer may show an agent, in one place so a reviewer can read them all."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Validation: each says what is wrong and what to do next.
    "title.missing": "Choisissez le titre demandé (carte d'identité ou passeport).",
    "reason.missing": "Choisissez le motif de la demande.",
    "pre_application.format": (
        "Le numéro de pré-demande doit compter 10 caractères, lettres majuscules ou chiffres. "
        "Vérifiez-le sur le récapitulatif du demandeur ou laissez le champ vide."
    ),
    "civil.surname.missing": "Saisissez le nom de naissance du demandeur.",
    "civil.given_names.missing": "Saisissez au moins un prénom.",
    "civil.sex.missing": "Indiquez le sexe figurant à l'état civil.",
    "civil.birth_date.missing": "Saisissez la date de naissance.",
    "civil.birth_date.future": "La date de naissance est dans le futur : corrigez-la.",
    "civil.birth_date.too_old": "La date de naissance semble erronée (plus de 130 ans) : vérifiez-la.",
    "civil.birth_place.missing": "Saisissez la commune de naissance.",
    "civil.height.range": "La taille doit être comprise entre 40 et 250 cm.",
    "text.too_long": "Ce champ dépasse {limit} caractères : abrégez-le comme sur l'acte d'état civil.",
    "address.line1.missing": "Saisissez l'adresse (numéro et voie).",
    "address.postcode.format": "Le code postal doit compter 5 chiffres.",
    "address.city.missing": "Saisissez la commune de résidence.",
    "contact.phone.format": (
        "Le numéro de portable doit compter 10 chiffres et commencer par 06 ou 07 "
        "(il sert à prévenir le demandeur par SMS)."
    ),
    "contact.email.format": "L'adresse électronique n'est pas valide : vérifiez-la ou laissez-la vide.",
    "photo.missing": "Prenez ou importez la photo d'identité.",
    "fingerprints.missing": "Relevez les deux empreintes digitales (demandeur de 12 ans ou plus).",
    "fingerprints.not_expected": "Pas d'empreintes pour un enfant de moins de 12 ans : supprimez-les.",
    "signature.missing": "Faites signer le demandeur sur la tablette, ou enregistrez une dispense.",
    "documents.proof_of_address": "Numérisez un justificatif de domicile.",
    "documents.loss_or_theft": "Numérisez la déclaration de perte ou de vol.",
    "fee_stamp.missing": "Saisissez le numéro du timbre fiscal électronique (16 chiffres).",
    "fee_stamp.format": "Le timbre fiscal électronique compte 16 chiffres : vérifiez la saisie.",
    # Workflow.
    "workflow.transition": "Cette action n'est pas possible pour un dossier à l'état « {state} ».",
    "workflow.incomplete": "Le dossier est incomplet : {count} point(s) à corriger avant l'envoi.",
    # Store.
    "store.locked": (
        "La base chiffrée du poste ne s'ouvre pas avec la clé disponible. "
        "Ne réinitialisez rien : appelez l'assistance technique."
    ),
    "store.missing_key": (
        "La clé de chiffrement du poste est introuvable. Le poste doit être réinstallé par un technicien."
    ),
    "store.not_found": "Ce dossier n'existe plus sur le poste (il a peut-être déjà été transmis).",
    "store.write": "L'enregistrement sur le poste a échoué. Le brouillon précédent est conservé ; réessayez.",
}


def message(code: str, **fields: object) -> str:
    return MESSAGES[code].format(**fields)
