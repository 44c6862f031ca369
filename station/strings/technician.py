"""What the technician reads: configuration, provisioning and renewal, `station diagnose`, and the
image files named to the technician commands."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Where the store key lives (`station diagnose store`); warnings and errors: enrollment/strings.py.
    "store_key.file": "Clé lue dans le fichier {path} (lisible par son seul propriétaire).",
    "store_key.keyring": "Trousseau du système utilisable ({backend}).",
    "store_key.no_keyring": "Aucun trousseau du système utilisable sur ce poste.",
    "store_key.sealed": "Clé scellée par la puce TPM, descellée avec succès ({path}).",
    "store_key.not_sealed_yet": "Pas encore de clé scellée : elle sera créée à la première ouverture ({path}).",
    "store_key.auto": "Mode automatique : la clé est gardée par {choice}.",
    "store_key.choice.keyring": "le trousseau du système",
    "store_key.choice.tpm": "la puce TPM",
    # The configuration file (station/config.py), read by the technician at start-up or `station check-config`.
    "config.missing": (
        "Fichier de configuration introuvable : {path}\n"
        "Première mise en service du poste :\n"
        "1. obtenez le certificat du poste : « station provision --url https://… --token - --trust-anchor "
        "cert-ca.pem --station-id … » (jeton à usage unique remis par l'opérateur du CERT) ;\n"
        "2. écrivez la configuration dans ce fichier (ou indiquez-en un autre avec --config ou RECUEIL_CONFIG), "
        "avec les lignes [cert] que « station provision » affiche ;\n"
        "3. vérifiez-la avec « station check-config », qui signale chaque problème."
    ),
    "config.unreadable": "Fichier de configuration illisible ({path}) : indiquez un fichier TOML, pas un dossier.",
    "config.syntax": "Le fichier de configuration est illisible : {error}",
    "config.home": "La configuration du poste est invalide :\n- {field} : « {user} » inconnu ; chemin complet requis.",
    "config.invalid": "La configuration du poste est invalide :\n{lines}",
    "config.files": "Fichiers de certificats introuvables :\n{lines}",
    "config.crl_grace_days": (
        "crl_grace_days n'est plus accepté : remplacez-le par crl_grace_hours (en heures, {default} par défaut)"
    ),
    # Station provisioning (`station provision`): read by the installing technician; the CERT's
    # refusals themselves are in sync/strings/ ("provision.*").
    "provisioning.no_station_id": (
        "Identifiant du poste inconnu : indiquez --station-id, ou station_id dans le fichier de configuration "
        "({path})."
    ),
    "provisioning.bad_station_id": (
        "Identifiant de poste invalide : 2 à 64 lettres, chiffres, « - », « _ » ou « . » (ex. DR-21231-01)."
    ),
    "provisioning.no_token": "Jeton d'installation vide : saisissez le jeton remis par l'opérateur du CERT.",
    "provisioning.key_kept": (
        "La clé du poste est conservée dans {path} : relancez la même commande (même jeton) une fois le "
        "problème réglé."
    ),
    "provisioning.done": (
        "Certificat du poste {station} enregistré : {certificate} (n° de série {serial}, valable jusqu'au "
        "{not_after})."
    ),
    "provisioning.config": "À reporter dans le fichier de configuration du poste :",
    "provisioning.bad_update_root": (
        "{path} n'est pas la racine des mises à jour du CERT (fichier root.json signé par ses propres clés). "
        "Demandez le bon fichier à l'opérateur du CERT ; rien n'a été installé."
    ),
    # Certificate renewal (`station renew-certificate`); the CERT's refusals are in sync/strings/.
    "renewal.done": (
        "Nouveau certificat du poste {station} installé : {certificate} (n° de série {serial}, valable jusqu'au "
        "{not_after}). L'ancien certificat est révoqué dès que le CERT voit le nouveau en service."
    ),
    "renewal.confirmed": "Le CERT a accepté le nouveau certificat : l'ancien est désormais révoqué.",
    "renewal.unconfirmed": (
        "Le CERT n'a pas encore vu le nouveau certificat (injoignable) : il sera pris en compte au prochain "
        "envoi. Rien d'autre à faire."
    ),
    "renewal.recovered": "Un renouvellement interrompu a été terminé : le nouveau certificat est en place.",
    # `station diagnose`: the station's own certificate (mutual TLS with the CERT, package signature).
    "certificate.valid_until": "certificat du poste valable jusqu'au {not_after} ({days} jours)",
    "certificate.expires_soon": (
        "le certificat du poste expire le {not_after} (dans {days} jours) : lancez dès maintenant "
        "« station renew-certificate » ; après cette date, plus aucun dossier ne pourra être envoyé"
    ),
    "certificate.expired": (
        "le certificat du poste a expiré le {not_after} : aucun dossier ne peut être envoyé. Contactez le CERT "
        "pour faire réinstaller le poste (nouveau jeton, station provision)"
    ),
    "certificate.unreadable": (
        "le certificat du poste (configuration, [cert] client_cert) est illisible : appelez l'assistance technique"
    ),
    # `station diagnose card`: the revocation list (station/revocation.py) and what only the station judges of
    # the card (station/card_diagnosis.py).
    "revocation.ca_invalid": "autorité des agents hors de sa période de validité",
    "revocation.missing": "absente ou invalide",
    "revocation.stale": "périmée depuis le {next_update:%d/%m/%Y}",
    "revocation.current": "à jour (prochaine mise à jour le {next_update:%d/%m/%Y})",
    "card_diagnosis.certificate_unreadable": "certificat illisible",
    "card_diagnosis.no_holder": "aucun nom",
    "card_diagnosis.chain_ok": "émise par l'autorité des agents, valide, rattachée à ce poste",
    "card_diagnosis.not_revoked": "absente de la liste de révocation",
    # The store key's TPM, when its worker does not answer (station/store_key.py).
    "store_key.tpm_silent": "pas de réponse en {seconds:g} s",
    # The `station` command's own lines (station/cli.py).
    "cli.config_valid": "Configuration valide : poste {station}, mairie {insee}, CERT {url}",
    "cli.unknown_device": "Périphérique inconnu : {device}",
    "cli.error_file": "(fichier : {path})",
    # `station finger-quality` and `station finger-match`, one line per file or pair.
    "finger_quality.unreadable": "{file} : illisible ({error}) — {message}",
    "finger_quality.line": (
        "{file} : qualité NFIQ 2 {quality}/100{scored}, {verdict} (minimum {minimum}) ; {minutiae} minuties ; "
        "mesures signalées : {issues} ; consigne : {instruction}"
    ),
    "finger_quality.accepted": "acceptée",
    "finger_quality.insufficient": "insuffisante",
    "finger_quality.not_scored": " (NFIQ 2 n'a pas pu noter l'image)",
    "finger_quality.no_issue": "aucun",
    "finger_match.impossible": "Comparaison impossible : {where}{message}",
    "finger_match.result": "Score Bozorth3 : {score} (seuil {threshold}) : {verdict}",
    "finger_match.same": "même doigt",
    "finger_match.different": "doigts différents",
    # `station finger-verify`: the hand-over decision, scores per presentation (finger + finger = sum).
    "finger_verify.impossible": "Vérification impossible : {where}{message}",
    "finger_verify.result": "Scores Bozorth3 par présentation : {scores} (seuil {threshold}) : {verdict}",
    "finger_verify.match": "empreintes concordantes",
    "finger_verify.no_match": "empreintes non concordantes",
    # `station communes`: the COG list of communes and countries (station/commands/communes.py).
    "communes.in_use": "Liste en service : Code officiel géographique {year} ({where}).",
    "communes.shipped": "livrée avec le poste",
    "communes.installed_here": "installée par un technicien",
    "communes.installed": (
        "Liste installée : Code officiel géographique {year}, {communes} communes et {countries} pays. "
        "Redémarrez le poste pour qu'il l'utilise."
    ),
    "communes.kept": "Rien n'a été installé : la liste en service reste celle du Code officiel géographique {year}.",
    "communes.none": "Aucune réponse pour « {text} ».",
    "communes.bad_date": "Date invalide ({text}) : écrivez-la JJ/MM/AAAA ou AAAA-MM-JJ.",
    "communes.country_line": "{code}  {name} ({iso3})",
    # `station outbox`: a time in the list, in the station's time zone.
    "outbox.cli.time": "{time:%d/%m/%Y à %H:%M}",
    # `station demo` (station/demo.py), read by whoever runs the demonstration.
    "demo.card_inserted": (
        "Carte agent insérée ; code PIN : {pin}. Pour la retirer : hw-mocks card remove --port {port}"
    ),
    "demo.provisioned": "Poste {station} provisionné par le CERT : certificat n° {serial}",
    "demo.dossier": "{title} — dossier {dossier} — N° CERT {number} — état : {state} ({value})",
    "demo.title_produced": "Titre {number} fabriqué et expédié à la mairie (enveloppe {barcode})",
    "demo.envelope_received": "Enveloppe du titre {number} réceptionnée : SMS envoyé au demandeur",
    "demo.title_waiting": "Titre {number} en attente de remise dans la liste de la mairie",
    "demo.title_handed_over": "Titre {number} remis — {date}",
    "demo.printed": "Imprimé ({what}) : {path}",
    "demo.audit": (
        "Journal d'audit du poste : {count} entrées, chaîne {chain} ; {held} reçues et vérifiées par le CERT "
        "(alertes : {alerts})"
    ),
    "demo.audit.intact": "intacte",
    "demo.audit.broken": "rompue",
    "demo.fleet": (
        "Pouls du poste au CERT : version {version}, file d'envoi {depth} ; écart d'horloge mesuré par le poste "
        "{skew} s — {verdict}"
    ),
    "demo.fleet.healthy": "en bonne santé",
    "demo.fleet.unhealthy": "à surveiller ({reasons})",
    "demo.fleet.none": "Pouls du poste : aucun reçu par le CERT",
    "demo.printed.recepisse": "récépissé",
    "demo.printed.attestation": "attestation de remise",
    # `station self-test` (station/commands/self_test.py): run by the technician, and by an update before it
    # switches to a new version.
    "self_test.passed": "OK     {check} : {detail}",
    "self_test.failed": "ÉCHEC  {check} : {error}",
    "self_test.summary_ok": "Auto-test réussi : les {count} vérifications sont passées.",
    "self_test.summary_failed": "Auto-test en échec : {failed} vérification(s) sur {count} ont échoué.",
    "self_test.check.qt": "Qt (affichage hors écran)",
    "self_test.check.opencv": "OpenCV",
    "self_test.check.face": "Visage (dlib, modèle des points du visage)",
    "self_test.check.fingerprint": "Empreintes (NBIS, NFIQ 2)",
    "self_test.check.sqlcipher": "Base chiffrée (SQLCipher)",
    "self_test.check.smartcard": "Cartes à puce (PC/SC, PKCS#11)",
    "self_test.check.barcodes": "Codes-barres (zxing-cpp)",
    "self_test.check.libraries": "Autres bibliothèques",
    # `station outbox run` (station/commands/outbox.py), the outbox's service without a window.
    "outbox.run.started": "Envoi des dossiers et du journal d'audit au CERT en continu (arrêt : Ctrl+C ou SIGTERM).",
    "outbox.run.stopped": "Envoi arrêté : {remaining} dossier(s) en attente.",
    # `station reference status|refresh` (station/commands/reference.py).
    "reference.status_line": "{label} : {state}",
    "reference.from_cert": "version {version} du {issued:%d/%m/%Y} ({days} jours), valable jusqu'au {expired:%d/%m/%Y}",
    "reference.crl_state": "du {issued:%d/%m/%Y} ({days} jours), prochaine mise à jour le {expired:%d/%m/%Y}",
    "reference.from_software": "celle livrée avec le logiciel (jamais reçue du CERT)",
    "reference.is_stale": "PÉRIMÉE",
    "reference.problem": "  dernier refus : {text}",
    "reference.can_enroll": "Nouveaux dossiers : autorisés.",
    "reference.cannot_enroll": "Nouveaux dossiers : refusés. {text}",
    "reference.installed": "{label} : version {version} installée.",
    "reference.unchanged": "{label} : déjà à jour.",
    "reference.refresh_failed": "{label} : {text}",
}

LABELS: dict[str, str] = {
    # Image files named to photo-check, finger-quality and finger-match (station/commands/_image_file.py).
    "image_file.missing": "Fichier introuvable : vérifiez son chemin et son nom.",
    "image_file.directory": "C'est un dossier, pas une image : indiquez les fichiers d'image qu'il contient.",
    "image_file.unreadable": "Fichier impossible à lire : vérifiez ses droits d'accès, ou copiez-le à nouveau.",
    "image_file.empty": "Fichier vide : copiez-le à nouveau depuis sa source.",
    "image_file.too_heavy": "Fichier trop lourd ({size} Mo, au plus {limit} Mo) : vérifiez que c'est le bon fichier.",
    "image_file.not_image": "Ce fichier n'est pas une image (PNG, JPEG, BMP, TIFF, WSQ) : choisissez une image.",
    "image_file.too_large": "Image trop grande (au plus {limit} millions de pixels) : réduisez-la, puis vérifiez-la.",
    "image_file.damaged": "Image endommagée ou tronquée : copiez-la à nouveau depuis sa source.",
    "image_file.unexpected": "Image impossible à analyser ({kind}) : transmettez le fichier à l'assistance.",
    # `station check-2ddoc` (station/commands/check_2ddoc.py); the verdicts' advice: enrollment/strings.py.
    "twoddoc.unreadable": "fichier illisible",
    "twoddoc.verdict.valid": "2D-Doc valide",
    "twoddoc.verdict.invalid_signature": "2D-Doc REFUSÉ : signature invalide",
    "twoddoc.verdict.unknown_issuer": "2D-Doc REFUSÉ : émetteur inconnu de la liste de confiance",
    "twoddoc.verdict.expired": "2D-Doc REFUSÉ : trop ancien ou certificat expiré",
    "twoddoc.verdict.not_2ddoc": "pas de 2D-Doc de justificatif de domicile",
    "twoddoc.reason.encoding": "Motif : la signature n'est pas codée en Base32.",
    "twoddoc.reason.signature": "Motif : la signature ne correspond pas au contenu.",
    "twoddoc.reason.date": "Motif : date absente ou dans le futur.",
    "twoddoc.reason.authority": "Motif : autorité de certification absente de la liste de confiance.",
    "twoddoc.reason.certificate": (
        "Motif : certificat de signature absent de la liste de confiance, ou hors de sa période de validité."
    ),
    "twoddoc.reason.age": "Motif : document plus ancien que la limite réglée ([documents]).",
    "twoddoc.reason.type": "Motif : 2D-Doc authentique d'un autre type que justificatif de domicile.",
    "twoddoc.document": "Émetteur {issuer}, type {type}, émis le {emission}, signé le {signed}",
    "twoddoc.holder": "Nom : {name}",
    "twoddoc.address": "Adresse : {address}",
    # `station twoddoc-trust` (station/commands/twoddoc_trust.py).
    "twoddoc_trust.installed": (
        "Liste de confiance 2D-Doc installée dans {path} : {authorities} autorité(s), {certificates} "
        "certificat(s) de signature.\nOrigine : {source}"
    ),
    "twoddoc_trust.current": (
        "Liste de confiance 2D-Doc utilisée : {where} (du {issued}) : {authorities} autorité(s), "
        "{certificates} certificat(s) de signature.\nOrigine : {source}"
    ),
    "twoddoc_trust.embedded": "celle livrée avec la station",
    "twoddoc_trust.built": (
        "Liste de confiance 2D-Doc écrite dans {path} : {authorities} autorité(s), {certificates} certificat(s) "
        "de signature. Installez-la avec « station twoddoc-trust refresh {path} »."
    ),
    "twoddoc_trust.set_aside": "Certificat écarté : {file} ({reason}).",
    "twoddoc_trust.reason.not_a_certificate": "ce n'est pas un certificat X.509",
    "twoddoc_trust.reason.unknown_authority": "son autorité n'est pas dans la TSL",
    "twoddoc_trust.reason.not_signed_by_authority": "son autorité ne l'a pas signé",
    "twoddoc_trust.reason.not_ecdsa": "sa clé n'est pas une clé ECDSA",
    "twoddoc_trust.write_failed": (
        "Impossible d'écrire la liste de confiance dans {path} : vérifiez les droits du dossier de données du "
        "poste ; la liste précédente reste en place."
    ),
}
