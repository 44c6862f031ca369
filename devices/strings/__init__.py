"""Every French message about devices that a mairie agent may read, in one place for review (the
technician's diagnostic details are beside it, in `checks.py`).

Keys are the DeviceError codes (and, below a code, the pieces its message is built from). Each message says
what happened and what to do next. Placeholders are filled only with catalogue words (device names), counts
and numbers: never personal data, never a PIN.

One catalogue per layer (station, sync, enrollment, devices), not one package below them all: each layer's
error type carries its own French message, so its words live beside its codes and move with them; and the
drivers, which know nothing of enrollment nor of anything above them, would otherwise import the station's
wording. tests/test_french_text_lives_in_catalogues.py keeps French text out of every other module.
"""

from __future__ import annotations

from .checks import CHECKS

# How the agent calls each kind of device (used inside messages and in diagnostics).
DEVICE_NAMES: dict[str, str] = {
    "camera": "la caméra",
    "fingerprint": "le lecteur d'empreintes",
    "signature_pad": "la tablette de signature",
    "barcode": "le lecteur de codes-barres",
    "document_scanner": "le scanner de documents",
    "smartcard": "le lecteur de carte agent",
    "printer": "l'imprimante",
    "tpm": "la puce TPM",
    "system": "le simulateur de périphériques",
}

MESSAGES: dict[str, str] = {
    # The simulated device link (hw-mocks); the technician reads the hint in brackets.
    "link.unreachable": (
        "Le périphérique simulé ne répond pas ({device}) : le simulateur n'est pas démarré. "
        "Lancez « hw-mocks start » puis réessayez."
    ),
    "link.timeout": (
        "Le périphérique simulé ne répond pas ({device}) : délai dépassé. "
        "Réessayez ; si cela persiste, redémarrez le simulateur (« hw-mocks stop » puis « hw-mocks start »)."
    ),
    "link.closed": (
        "La liaison avec le périphérique simulé ({device}) a été coupée. Réessayez ; si cela persiste, "
        "redémarrez le simulateur."
    ),
    "link.protocol": (
        "Le périphérique simulé ({device}) a envoyé une réponse incompréhensible. Réessayez ; si cela "
        "persiste, appelez l'assistance technique."
    ),
    "device.failed": (
        "{device_cap} a signalé une erreur ({code}). Réessayez ; si cela persiste, appelez l'assistance "
        "technique."
    ),
    "device.unknown_implementation": (
        "Configuration invalide pour {device} (« {kind} ») : « {value} » n'est pas reconnu. "
        "Valeurs acceptées : {accepted}. Faites corriger la configuration du poste."
    ),
    "device.unknown_implementation.value": "« {value} »",
    "device.unknown_implementation.none": "aucune",
    # The four states every device is in (devices/status.py), as the diagnostics page names them.
    "device.state.ready": "prêt",
    "device.state.busy": "occupé",
    "device.state.not_ready": "pas prêt",
    "device.state.not_registered": "non enregistré ou inconnu",
    "device.bad_reply": (
        "{device_cap} a renvoyé des données inexploitables. Recommencez la capture ; si cela persiste, "
        "appelez l'assistance technique."
    ),
    # Per device.
    # Camera over OpenCV (devices/camera/opencv.py): the capture thread reconnects by itself.
    "camera.unavailable": (
        "La caméra ne fournit pas d'image. Vérifiez son câble et son alimentation : l'image revient d'elle-même "
        "dès qu'elle est rebranchée. Si elle ne revient pas, lancez le diagnostic de la caméra."
    ),
    "fingerprint.timeout": (
        "Aucun doigt n'a été détecté sur le lecteur d'empreintes. Demandez au demandeur de poser le doigt "
        "bien à plat, puis recommencez."
    ),
    "fingerprint.bad_position": (
        "Ce doigt n'est pas reconnu par le lecteur d'empreintes : choisissez un autre doigt."
    ),
    # Fingerprint scanner over USB (devices/fingerprint/usb.py, docs/fingerprint-scanner.md).
    "fingerprint.not_found": (
        "Le lecteur d'empreintes n'est pas détecté. Vérifiez qu'il est branché sur un port USB du poste "
        "(son voyant s'allume), puis réessayez."
    ),
    "fingerprint.unplugged": (
        "Le lecteur d'empreintes a été débranché pendant l'opération. Rebranchez-le, puis recommencez la "
        "capture du doigt."
    ),
    "fingerprint.no_response": (
        "Le lecteur d'empreintes ne répond pas. Débranchez-le puis rebranchez-le, et recommencez ; si cela "
        "persiste, appelez l'assistance technique."
    ),
    "fingerprint.transfer": (
        "L'image reçue du lecteur d'empreintes est restée abîmée malgré plusieurs essais. Recommencez la "
        "capture ; si cela persiste, branchez le lecteur sur un autre port USB (sans rallonge ni hub) ou "
        "appelez l'assistance technique."
    ),
    "fingerprint.protocol": (
        "Le lecteur d'empreintes a envoyé une réponse incompréhensible. Débranchez-le puis rebranchez-le ; "
        "si cela persiste, appelez l'assistance technique."
    ),
    "fingerprint.busy": (
        "Le lecteur d'empreintes est encore occupé par la capture précédente. Patientez quelques secondes "
        "puis recommencez."
    ),
    "fingerprint.in_use": (
        "Le lecteur d'empreintes est utilisé par un autre logiciel du poste. Fermez ce logiciel, puis "
        "réessayez."
    ),
    "fingerprint.usb_error": (
        "Erreur de communication USB avec le lecteur d'empreintes (code {errno}). Débranchez-le puis "
        "rebranchez-le ; si cela persiste, appelez l'assistance technique."
    ),
    "fingerprint.device_error": (
        "Le lecteur d'empreintes a signalé une erreur ({code}). Débranchez-le puis rebranchez-le ; si cela "
        "persiste, appelez l'assistance technique."
    ),
    "fingerprint.aborted": "La capture du doigt a été interrompue. Recommencez la capture.",
    "fingerprint.platen_dirty": (
        "La vitre du lecteur d'empreintes est sale ({dark} % de points sombres, écart {std}). Nettoyez-la "
        "avec un chiffon doux et sec, sans produit, puis relancez le diagnostic."
    ),
    # Signature pad over USB (devices/signature_pad/usb.py).
    "signature.timeout": (
        "Aucune signature n'a été validée sur la tablette. Demandez au demandeur de signer dans le cadre "
        "puis de toucher OK, et recommencez."
    ),
    "signature.not_found": (
        "La tablette de signature n'est pas détectée. Vérifiez son câble USB, puis réessayez."
    ),
    "signature.unplugged": (
        "La tablette de signature a été débranchée. Rebranchez-la, puis recommencez la signature."
    ),
    "signature.no_response": (
        "La tablette de signature ne répond pas. Débranchez-la puis rebranchez-la, et réessayez."
    ),
    "signature.in_use": (
        "La tablette de signature est utilisée par un autre logiciel du poste. Fermez ce logiciel, puis "
        "réessayez."
    ),
    "signature.usb_error": (
        "La tablette de signature a signalé une erreur (USB {errno}). Débranchez-la puis rebranchez-la ; si "
        "cela persiste, appelez l'assistance technique."
    ),
    "signature.garbage": (
        "La tablette de signature envoie des données illisibles. Rebranchez-la (sur un autre port USB si "
        "possible) puis recommencez ; si cela persiste, appelez l'assistance technique."
    ),
    "signature.cancelled": "Signature annulée. Touchez « Faire signer » pour recommencer.",
    "signature.pen_test": (
        "Aucun mouvement du stylet n'a été reçu pendant le test. Tracez un trait sur la tablette pendant le "
        "diagnostic ; si rien n'arrive, vérifiez le stylet ou appelez l'assistance technique."
    ),
    # The system's pen tablet, through the applicant's window (devices/signature_pad/tablet.py).
    "signature.timeout.tablet": (
        "Aucune signature n'a été validée dans la fenêtre de signature. Demandez au demandeur de signer dans le "
        "cadre avec le stylet puis de toucher « Valider », et recommencez."
    ),
    "signature.no_window": (
        "La fenêtre de signature du demandeur n'est pas ouverte : la tablette du système ne se lit que depuis "
        "la fenêtre du poste. Lancez le diagnostic depuis l'écran Diagnostic du poste."
    ),
    "signature.pointer_refused": (
        "Le demandeur a signé avec la souris ou le doigt : seul le stylet est accepté, rien n'a été tracé. "
        "Donnez-lui le stylet."
    ),
    # Shown on the pad's own screen (64 bytes of UTF-8 at most).
    "signature.pad_prompt": "Signez dans le cadre, puis touchez OK",
    "signature.pad_test": "Test : tracez un trait",
    "barcode.timeout": (
        "Aucun code-barres n'a été lu. Présentez le code de la pré-demande devant le lecteur, ou saisissez "
        "le numéro à la main."
    ),
    "barcode.serial_unavailable": (
        "Le lecteur de codes-barres (port série) ne répond pas. Vérifiez qu'il est branché puis réessayez, ou "
        "saisissez le numéro à la main ; si cela persiste, appelez l'assistance technique."
    ),
    "barcode.wedge_not_captured": (
        "Le lecteur de codes-barres en émulation clavier ne se vérifie que depuis la fenêtre de la station "
        "(page Diagnostic) : il y tape ses codes comme un clavier."
    ),
    # Agent smart card (driver over PC/SC: devices/smartcard/).
    # Document scanner through SANE (devices/document_scanner/sane_scanner.py).
    "document_scanner.not_found": (
        "Le scanner de documents n'est pas détecté. Vérifiez qu'il est allumé et branché (ou relié au réseau), "
        "puis réessayez ; si cela persiste, lancez le diagnostic du scanner."
    ),
    "document_scanner.no_feeder": (
        "Ce scanner n'a pas de chargeur de documents : posez chaque page sur la vitre et numérisez-la."
    ),
    "document_scanner.feeder_empty": (
        "Le chargeur du scanner est vide. Placez les pages dans le chargeur, face à numériser selon le "
        "repère, puis recommencez."
    ),
    "document_scanner.jammed": (
        "Une page est coincée dans le chargeur du scanner. Ouvrez le capot, retirez la page sans la "
        "déchirer, remettez toutes les pages dans le chargeur et recommencez."
    ),
    "document_scanner.busy": (
        "Le scanner est occupé (une autre numérisation est en cours). Patientez quelques secondes puis "
        "recommencez."
    ),
    "document_scanner.cover_open": "Le capot du scanner est ouvert. Refermez-le puis recommencez.",
    "document_scanner.cancelled": "La numérisation a été interrompue. Recommencez.",
    "document_scanner.failed": (
        "Le scanner de documents ne répond pas ou a signalé une erreur. Vérifiez qu'il est allumé et relié au "
        "poste, puis recommencez ; si cela persiste, éteignez-le puis rallumez-le, ou lancez son diagnostic."
    ),
    # Printer through CUPS (devices/printer/cups_printer.py).
    "printer.none": "Aucune imprimante n'est configurée sur ce poste.",
    "printer.no_service": (
        "Le service d'impression du poste (CUPS) ne répond pas. Redémarrez le poste ; si cela persiste, appelez "
        "l'assistance technique."
    ),
    "printer.no_queue": (
        "Aucune imprimante par défaut n'est définie sur ce poste. Faites choisir l'imprimante du guichet par le "
        "technicien."
    ),
    "printer.unknown_queue": (
        "L'imprimante « {queue} » n'existe pas sur ce poste. Faites vérifier la configuration de l'impression."
    ),
    "printer.failed": "L'imprimante a refusé le document. Réessayez ; si cela persiste, lancez son diagnostic.",
    "printer.jam": "Du papier est coincé dans l'imprimante : ouvrez-la, retirez la feuille, puis réessayez.",
    "printer.no_paper": "L'imprimante n'a plus de papier : remettez du papier dans le bac, puis réessayez.",
    "printer.no_toner": "L'encre ou le toner de l'imprimante est épuisé : remplacez la cartouche, puis réessayez.",
    "printer.cover_open": "Un capot de l'imprimante est ouvert : refermez-le, puis réessayez.",
    "printer.offline": (
        "L'imprimante ne répond pas (éteinte, débranchée ou hors réseau) : allumez-la, vérifiez son câble, puis "
        "réessayez."
    ),
    "printer.paused": (
        "L'impression est suspendue sur ce poste (file « {queue} » arrêtée) : faites-la reprendre par le "
        "technicien, puis réessayez."
    ),
    "printer.rejecting": (
        "La file d'impression « {queue} » refuse les documents : faites-la réactiver par le technicien."
    ),
    "printer.toner_low": "Le toner est presque vide : prévoyez une cartouche.",
    "printer.paper_low": "Le bac de l'imprimante est presque vide : prévoyez du papier.",
    "printer.no_answer": (
        "L'imprimante ne répond pas ou n'a pas pris le document à temps : vérifiez qu'elle est allumée, reliée "
        "au poste et approvisionnée en papier, puis réessayez."
    ),
    "card.no_reader": "Aucun lecteur de carte agent n'est branché. Branchez-le puis réessayez.",
    "card.no_service": (
        "Le service des cartes à puce du poste (pcscd) ne répond pas. Redémarrez le poste ; si cela persiste, "
        "appelez l'assistance technique."
    ),
    "card.absent": "Aucune carte agent n'est insérée. Insérez votre carte dans le lecteur.",
    "card.removed": (
        "La carte agent a été retirée pendant l'opération. Réinsérez-la puis saisissez à nouveau votre code PIN."
    ),
    "card.unknown": (
        "Cette carte n'est pas une carte agent : l'application agent est introuvable. Insérez votre carte agent."
    ),
    "card.not_connected": (
        "La carte agent n'est pas ouverte ou a été réinitialisée. Retirez-la puis réinsérez-la."
    ),
    "card.busy": (
        "La carte agent est utilisée par un autre logiciel du poste. Fermez-le, ou retirez puis réinsérez la "
        "carte."
    ),
    "card.timeout": (
        "La carte agent ne répond pas (délai dépassé). Retirez-la puis réinsérez-la ; si cela persiste, "
        "essayez un autre lecteur ou appelez l'assistance technique."
    ),
    "card.unresponsive": (
        "La carte agent ne répond pas : elle est peut-être mal insérée ou abîmée. Retirez-la puis réinsérez-la."
    ),
    "card.no_module": (
        "Le module de la carte agent ({module}) est introuvable sur ce poste. Appelez l'assistance technique "
        "(réglage [devices] smartcard_module, logiciel de la carte à installer)."
    ),
    "card.middleware": (
        "Le logiciel de la carte agent a signalé une erreur ({reason}). Retirez la carte puis réinsérez-la ; si "
        "cela persiste, appelez l'assistance technique."
    ),
    "card.pcsc_error": (
        "Le lecteur de carte agent a signalé une erreur ({code}). Retirez la carte puis réinsérez-la ; si cela "
        "persiste, appelez l'assistance technique."
    ),
    "card.bad_certificate": (
        "Le certificat de la carte agent est illisible. Adressez-vous à votre superviseur."
    ),
    "card.pin_wrong": (
        "Code PIN erroné : il reste {tries_left} essais avant le blocage de la carte. Vérifiez le code avant "
        "de réessayer."
    ),
    "card.pin_wrong_uncounted": (
        "Code PIN erroné. Vérifiez le code avant de réessayer : après plusieurs erreurs, la carte se bloque."
    ),
    "card.pin_wrong_last": (
        "Code PIN erroné : il reste 1 essai. Au prochain code erroné, la carte sera bloquée."
    ),
    "card.pin_blocked": (
        "La carte agent est bloquée (trop de codes PIN erronés). Adressez-vous à votre superviseur pour la "
        "faire débloquer."
    ),
    "card.pin_format": "Le code PIN doit compter de 4 à 8 chiffres.",
    "card.security_status": "Saisissez votre code PIN avant de signer.",
    "card.pin_again": "Votre carte agent demande le code PIN pour chaque signature : saisissez-le pour signer.",
    # Devices over MOSIP's Secure Biometric Interface (devices/sbi/): {device} is the scanner or the camera.
    "sbi.unreachable": (
        "Le service de {device} ne répond pas (SBI, port {port}). Vérifiez que le logiciel du fabricant est "
        "démarré et l'appareil branché, puis réessayez ; sinon lancez le diagnostic."
    ),
    "sbi.no_device": (
        "Aucun appareil SBI ne répond pour {device} (ports 4501 à 4600). Branchez-le, démarrez le logiciel "
        "du fabricant, puis réessayez ; sinon lancez le diagnostic."
    ),
    "sbi.busy": (
        "{device_cap} est occupé (capture en cours ou autre logiciel). Patientez quelques secondes puis "
        "recommencez."
    ),
    "sbi.not_ready": (
        "{device_cap} n'est pas prêt. Vérifiez son câble, attendez qu'il ait fini de démarrer, puis "
        "recommencez ; si cela persiste, lancez le diagnostic."
    ),
    "sbi.not_registered": (
        "{device_cap} n'est pas enregistré : il ne peut pas servir au recueil. Appelez l'assistance technique "
        "pour le faire enregistrer."
    ),
    "sbi.untrusted": (
        "{device_cap} n'est pas un appareil certifié reconnu par ce poste (certificat inconnu, expiré ou "
        "invalide) : rien n'a été gardé. Appelez l'assistance technique."
    ),
    "sbi.bad_signature": (
        "La signature de la capture envoyée par {device} est invalide : la capture a été écartée. "
        "Recommencez ; si cela persiste, appelez l'assistance technique."
    ),
    "sbi.hash_chain": (
        "La capture envoyée par {device} ne suit pas la précédente (chaîne de contrôle rompue) : elle a été "
        "écartée. Recommencez ; si cela persiste, appelez l'assistance technique."
    ),
    "sbi.clock": (
        "L'horloge de {device} diffère de celle du poste de plus de {minutes} minutes : la capture a été "
        "écartée. Faites régler l'heure de l'appareil (assistance technique), puis recommencez."
    ),
    "sbi.mismatch": (
        "{device_cap} a renvoyé une capture qui ne correspond pas à la demande ({field}) : elle a été "
        "écartée. Recommencez ; si cela persiste, appelez l'assistance technique."
    ),
    "sbi.timeout": (
        "{device_cap} n'a rien capturé dans le délai. Recommencez en plaçant bien le doigt ou le visage."
    ),
    "sbi.device_error": (
        "{device_cap} a signalé une erreur (SBI {code}). Recommencez ; si cela persiste, appelez "
        "l'assistance technique."
    ),
    # The TPM 2.0 that seals the store key (devices/tpm/), read by the technician.
    "tpm.unreachable": (
        "La puce TPM du poste est injoignable ({tcti}). Vérifiez qu'elle est activée dans le BIOS/UEFI, que le "
        "compte du poste peut l'utiliser (groupe « tss ») et que le réglage [store] tpm_tcti de la "
        "configuration est juste, puis relancez le poste."
    ),
    "tpm.foreign_blob": (
        "La clé scellée de la base a été scellée par une autre puce TPM (ou la puce de ce poste a été "
        "réinitialisée) : elle ne peut pas être ouverte ici. Ne supprimez rien et appelez l'assistance "
        "technique avec le disque d'origine."
    ),
    "tpm.bad_blob": (
        "Le fichier de la clé scellée de la base est endommagé ou n'en est pas un. Ne supprimez rien : "
        "restaurez ce fichier depuis la sauvegarde du poste ou appelez l'assistance technique."
    ),
    "tpm.failed": "La puce TPM a refusé l'opération (code {code}) : relancez le poste, sinon l'assistance.",
}


def device_name(kind: str) -> str:
    return DEVICE_NAMES.get(kind, kind)


def message(code: str, /, **fields: object) -> str:
    """The agent's message for `code`; an unknown code falls back to the generic device failure."""
    template = MESSAGES.get(code)
    if template is None:
        kind = str(fields.get("kind", ""))
        return MESSAGES["device.failed"].format(device_cap=_cap(device_name(kind)), code=code)
    if "device" in template or "device_cap" in template:
        name = device_name(str(fields.get("kind", "")))
        fields = {"device": name, "device_cap": _cap(name), **fields}
    try:
        return template.format(**fields)
    except (KeyError, IndexError):
        # A simulator that forgot a detail must not crash the message: drop the placeholders' values.
        return template.split("{", 1)[0].strip()


def check(key: str, **fields: object) -> str:
    return CHECKS[key].format(**fields)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
