"""Diagnostic details: short texts shown on the technician's diagnostics screen and by
`station diagnose`, one per check of a device's `diagnose()`."""

from __future__ import annotations

CHECKS: dict[str, str] = {
    "ok": "OK",
    "skipped": "Non vérifié : l'étape précédente a échoué.",
    "unexpected": "Erreur inattendue ({kind}). Consultez le journal technique.",
    # Camera self-check (devices/camera/diagnose.py; limits in devices/camera/measures.py).
    "camera.info": "{width}×{height} à {fps} images/s.",
    "camera.frame": "Image reçue : {width}×{height}.",
    "camera.frame_size": "Image reçue de taille {width}×{height} au lieu de {expected}.",
    "camera.rate": "{fps} images/s mesurées.",
    "camera.slow": (
        "Seulement {fps} images/s au lieu de {expected} : vérifiez le câble (port USB 3 ou réseau) et que "
        "la caméra n'est pas utilisée par un autre logiciel."
    ),
    "camera.exposure": "Exposition correcte : luminance moyenne {mean}/255, {clipped} % de pixels saturés.",
    "camera.too_dark": (
        "Image trop sombre (luminance moyenne {mean}/255) : retirez le cache de l'objectif et vérifiez "
        "l'éclairage du poste."
    ),
    "camera.too_bright": (
        "Image surexposée (luminance moyenne {mean}/255, {clipped} % de pixels saturés) : réduisez "
        "l'éclairage ou écartez la caméra d'une fenêtre."
    ),
    "camera.focus": "Netteté correcte (mesure {focus}).",
    "camera.blurry": (
        "Image floue (mesure de netteté {focus}, minimum {minimum}) : nettoyez l'objectif et réglez la mise "
        "au point sur un visage à la distance habituelle."
    ),
    # Fingerprint scanner over USB (devices/fingerprint/diagnose.py).
    "sbi.service": "{count} appareil(s) SBI de ce type sur {where}.",
    "sbi.where_port": "le port {port}",
    "sbi.where_range": "les ports 4501 à 4600",
    "sbi.device": (
        "{make} {model}, n° de série {serial}, micrologiciel {firmware}, certification {certification}, "
        "fournisseur {provider}, port {port}."
    ),
    "sbi.trusted": "Informations signées par l'appareil, certificat reconnu (fournisseur de confiance).",
    "sbi.ready": "L'appareil se déclare prêt.",
    "fingerprint.info": (
        "{vendor} {model} ({ppi} ppi, {width}×{height}), n° de série {serial}, micrologiciel {firmware}."
    ),
    "fingerprint.test_capture": (
        "Capture d'essai de la vitre vide reçue ({width}×{height}), sommes de contrôle justes."
    ),
    "fingerprint.platen_clean": "Vitre propre ({dark} % de points sombres, écart {std}).",
    "fingerprint.no_self_test": "Non vérifié : ce lecteur ne sait pas photographier sa vitre vide.",
    "signature_pad.info": (
        "{model} : zone {width}×{height} ({mm}), pression max {max_pressure}, {rate_hz} Hz annoncés."
    ),
    "signature_pad.size_unknown": "taille inconnue",
    "signature_pad.pen": "Stylet reçu : {count} points, cadence mesurée {rate_hz} Hz.",
    # The system's pen tablet (devices/signature_pad/tablet.py): the applicant's window and what it accepts.
    "signature_pad.tablet": (
        "Fenêtre de signature sur l'écran {screen} : cadre {width}×{height} mm à {px_per_mm} pixels/mm, "
        "pression 0 à {max_pressure} ; {pointers}."
    ),
    "signature_pad.pen_only": "stylet seul (souris et doigt refusés)",
    "signature_pad.mouse_allowed": "stylet, souris et doigt acceptés",
    "signature_pad.tablet_pen": "Stylet « {device} » reçu : {count} points, cadence mesurée {rate_hz} Hz.",
    "barcode.ready": "Lecteur prêt.",
    "barcode.serial_open": "Port série {port} ouvert à {baud} bauds.",
    "barcode.wedge_capture": "La fenêtre capte les frappes du lecteur (délai entre touches : {gap} ms au plus).",
    "barcode.test_scan": "Code de test lu : {length} caractère(s).",
    "barcode.no_test_scan": "Aucun code lu en {seconds} s : scannez un code pendant le diagnostic.",
    "barcode.camera_decode": "Image {width}×{height} analysée en {ms} ms : {count} code(s) visible(s).",
    "document_scanner.ready": "Scanner prêt.",
    "printer.queues": "Service d'impression joignable : {count} file(s) ({names}).",
    "printer.ready": "File « {queue} » prête ({state}).",
    "printer.state.idle": "en attente",
    "printer.state.printing": "en cours d'impression",
    "printer.state.stopped": "arrêtée",
    "document_scanner.sane_device": (
        "Scanner {device} ouvert par SANE : sources {sources} ; résolutions {resolutions} dpi ; modes {modes}."
    ),
    "document_scanner.test_scan": "Numérisation d'essai de la vitre : {width}×{height} à {dpi} dpi en {seconds} s.",
    "smartcard.readers": "{count} lecteur(s) détecté(s) ; lecteur utilisé : {reader}.",
    "smartcard.card": "Carte insérée (ATR {atr}).",
    "smartcard.no_card": "Pas de carte insérée (ce n'est pas une panne).",
    "smartcard.not_checked": "Non vérifié : pas de carte insérée.",
    "smartcard.application": "Carte agent lue par le module PKCS#11 {module} : {token}.",
    "smartcard.application_in_session": (
        "Carte agent lue par le module PKCS#11 {module} : {token} (session d'un agent en cours)."
    ),
    "tpm.info": "Puce TPM 2.0 joignable : fabricant {manufacturer}, modèle {vendor}.",
    "tpm.seal": "Scellement et descellement d'essai réussis (rien n'est conservé).",
    "smartcard.certificate": (
        "Certificat lu : rôle {role}, mairie {mairie}, fin de validité {expiry}. Chaîne de confiance et "
        "révocation : vérifiées par le poste."
    ),
    "smartcard.pin_tries": "Code PIN : {tries} essais restants avant blocage.",
    "smartcard.pin_tries_one": "Code PIN : 1 essai restant ; au prochain code erroné, la carte sera bloquée.",
    "smartcard.pin_not_blocked": "Code PIN non bloqué (la carte ne donne le nombre d'essais qu'au dernier).",
    "smartcard.pin_verified": "Code PIN déjà présenté (session d'un agent en cours).",
    "smartcard.pin_blocked": (
        "Code PIN bloqué : plus aucun essai. La carte doit être débloquée (superviseur ou autorité des "
        "cartes agents)."
    ),
}
