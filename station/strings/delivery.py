"""What the agent reads on the title delivery pages: reception of envelopes (and, as they come, the titles
waiting and the hand-over)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "reception.hint": (
        "Scannez les enveloppes l'une après l'autre : chaque titre est enregistré auprès du CERT, qui envoie "
        "un SMS au demandeur. Un code-barres abîmé se saisit ci-dessous, suivi de Entrée."
    ),
    "reception.scanned": "Enveloppe {barcode} lue : enregistrement en cours auprès du CERT.",
    "reception.answered": "Enveloppe {barcode} : {title}, {holder}. {state}.",
    "reception.repeat_here": (
        "Cette enveloppe a déjà été scannée ici le {date} : rien n'est renvoyé, le demandeur n'aura pas de "
        "second SMS. Passez à l'enveloppe suivante."
    ),
    "reception.waiting": (
        "{count} enveloppe(s) en attente du CERT (injoignable) : elles partiront automatiquement, avec leurs "
        "SMS, dès son retour. Vous pouvez continuer à scanner."
    ),
    "reception.reader_failed": "{reason} Vous pouvez saisir le code-barres à la main.",
    "reception.state.queued": "En attente du CERT",
    "reception.state.received": "Reçue — SMS envoyé au demandeur",
    "reception.state.received_sms_queued": "Reçue — SMS en cours d'envoi au demandeur",
    "reception.state.received_no_sms": "Reçue — aucun SMS n'est parti : prévenez le demandeur",
    "reception.state.repeat": "Déjà réceptionnée le {date} — aucun SMS renvoyé",
    "titles.refreshing": "Lecture de la liste auprès du CERT…",
    "titles.listed": (
        "{count} titre(s) en attente de remise, dont {overdue} au délai dépassé (liste du CERT du {when})."
    ),
    "titles.kept": "{reason} Liste conservée sur le poste, du {when}.",
    "titles.failed": (
        "L'opération n'a pas abouti. Réessayez ; si cela persiste, appelez l'assistance technique."
    ),
    "titles.reminder_sent": "Le SMS de rappel est parti vers le demandeur.",
    "titles.return_reason": (
        "Renvoi au CERT pour destruction du titre de {title}, non retiré dans le délai. Indiquez le motif "
        "(il est enregistré avec votre nom) :"
    ),
    "titles.returned": "Le retour du titre au CERT pour destruction est enregistré. Joignez-le au prochain envoi.",
    "handover.hint": (
        "Scannez l'enveloppe du titre ou saisissez son numéro, puis Entrée. Le titulaire se présente en "
        "personne ; un mineur vient avec le titulaire de l'autorité parentale."
    ),
    "handover.name_none": (
        "Aucun titre en attente à ce nom dans la liste de la mairie. Vérifiez l'orthographe, actualisez la "
        "liste des titres en attente, ou scannez l'enveloppe."
    ),
    "handover.name_several": "{count} titres en attente correspondent à ce nom : saisissez le numéro du titre.",
    "handover.scan_busy": "Une remise est en cours : terminez-la avant de scanner une autre enveloppe.",
    "handover.reader_failed": "Lecteur de codes-barres indisponible ({reason}) : saisissez le numéro du titre.",
    "handover.finding": "Recherche du titre et du titulaire auprès du CERT…",
    "handover.failed": "L'opération n'a pas abouti. Réessayez ; si cela persiste, appelez l'assistance technique.",
    "handover.holder": (
        "{kind}\nTitulaire : {surname} {given}, né(e) le {birth}.\nComparez son visage à la photo. {check}"
    ),
    "handover.check_fingers": "Vérification des empreintes : {fingers}.",
    "handover.check_under_12": "Moins de 12 ans : pas de vérification des empreintes ni de signature.",
    "handover.check_face_only": "Aucune empreinte enregistrée : la remise se fait sur le seul contrôle du visage.",
    "handover.present_fingers": "Faites poser les doigts indiqués sur le capteur.",
    "handover.place_finger": "Posez le doigt : {finger}.",
    "handover.comparing": "Comparaison avec les empreintes enregistrées…",
    "handover.no_match": (
        "Les empreintes ne concordent pas (présentation {n} sur {limit}). Faites essuyer et reposer les doigts, "
        "bien à plat, puis recommencez."
    ),
    "handover.no_match_final": (
        "Aucune concordance après {limit} présentations : le titre ne peut pas être remis maintenant. "
        "Reportez la remise, ou faites venir votre superviseur : il retire votre carte, insère la sienne et "
        "saisit son code ; la remise reste ouverte."
    ),
    "handover.supervisor_decides": (
        "Aucune concordance après {limit} présentations. En tant que superviseur, vous pouvez décider la remise "
        "après avoir contrôlé le visage et l'ancien titre : saisissez le motif, puis faites signer le titulaire. "
        "Sinon, reportez la remise."
    ),
    "handover.overridden": "Décision du superviseur enregistrée avec son motif. Faites signer le titulaire.",
    "handover.matched": "Empreintes concordantes (score {score}, seuil {threshold}). Faites signer le titulaire.",
    "handover.ask_signature": "Faites signer le titulaire sur la tablette.",
    "handover.signing": "Le titulaire signe sur la tablette…",
    "handover.ready": "Tout est prêt : confirmez la remise du titre.",
    "handover.not_signed": (
        "La remise n'a pas été enregistrée : votre carte agent n'a pas pu la signer. Vérifiez qu'elle est dans "
        "le lecteur, puis appuyez à nouveau sur « Remettre le titre »."
    ),
    "handover.done": (
        "Remise du titre {number} enregistrée : elle part vers le CERT, et le poste efface ce qu'il gardait "
        "du titre dès l'accusé de réception."
    ),
    "handover.reason.face_only_minor_under_12": "Mineur de moins de 12 ans : contrôle du visage par l'agent.",
    "handover.reason.face_only_exception": "Aucune empreinte enregistrée : contrôle du visage par l'agent.",
}

LABELS: dict[str, str] = {
    "home.reception": "&Réception des titres",
    "home.titles": "Titres en &attente",
    "home.handover": "Re&mise d'un titre",
    "handover.title": "Remise d'un titre",
    "handover.search": "Enveloppe scannée, numéro du titre ou nom du titulaire",
    "handover.find": "&Rechercher",
    "handover.face_checked": "J'ai comparé le visage du titulaire à la photo du CERT",
    "handover.fingers": "Capturer les empreintes",
    "handover.fingers_done": "Empreintes vérifiées : concordantes",
    "handover.fingers_n": "Capturer les empreintes (présentation {n} sur {limit})",
    "handover.old_title": "Ancien titre restitué (numéro ou bande MRZ) :",
    "handover.parent_surname": "Parent — nom :",
    "handover.parent_given": "Parent — prénoms :",
    "handover.parent_link": "Lien avec le mineur :",
    "handover.parent_document": "Pièce d'identité présentée :",
    "handover.sign": "Faire &signer le titulaire",
    "handover.override": "Décision du superviseur (motif) :",
    "handover.confirm": "Remettre le &titre",
    "handover.home": "Retour à l'accue&il",
    "titles.title": "Titres en attente de remise",
    "titles.search": "Rechercher par nom ou numéro de titre",
    "titles.col.holder": "Titulaire",
    "titles.col.title": "Titre",
    "titles.col.received": "Reçu le",
    "titles.col.deadline": "À retirer avant le",
    "titles.col.left": "Délai",
    "titles.col.sms": "SMS",
    "titles.kind.cni": "Carte d'identité {number}",
    "titles.kind.passport": "Passeport {number}",
    "titles.left": "{days} jour(s)",
    "titles.overdue": "Dépassé de {days} jour(s)",
    "titles.sms.none": "Aucun",
    "titles.sms.queued": "En cours d'envoi",
    "titles.sms.sent": "Envoyé",
    "titles.sms.reminded": "Envoyé, {reminders} rappel(s)",
    "titles.no_holder": "(titulaire inconnu du CERT)",
    "titles.never": "jamais",
    "titles.refresh": "A&ctualiser",
    "titles.reminder": "Renvoyer le &SMS",
    "titles.return": "Renvoyer au CERT pour &destruction…",
    "titles.home": "Retour à l'accu&eil",
    "reception.title": "Réception des titres",
    "reception.manual": "Code-barres de l'enveloppe :",
    "reception.col.time": "Heure",
    "reception.col.envelope": "Enveloppe",
    "reception.col.title": "Titre",
    "reception.col.holder": "Titulaire",
    "reception.col.state": "État",
    "reception.kind.cni": "Carte d'identité",
    "reception.kind.passport": "Passeport",
    "reception.home": "Retour à l'&accueil",
    "reception.refused": "Refusée par le CERT (voir le message)",
    "reception.refused.delivery.other_mairie": "Refusée — titre à remettre dans une autre mairie",
    "reception.refused.delivery.handed_over": "Refusée — titre déjà remis",
    "reception.refused.delivery.returned": "Refusée — titre renvoyé au CERT",
    "reception.refused.envelope.unknown": "Refusée — aucun titre expédié sous ce code",
    "reception.refused.envelope.not_sent": "Refusée — titre encore en fabrication",
    "delivery.when": "{at:%d/%m/%Y} à {at:%H:%M}",  # a moment on the delivery pages
}
