"""Every French message the domain layer may show an agent, in one place so a reviewer can read them all.

The domain keeps its own catalogue rather than share one with the layers above: its error type carries its
French message, and it imports nothing above it (why there is one catalogue per layer: station/strings/)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Validation: each says what is wrong and what to do next.
    "title.missing": "{which}Choisissez le titre demandé (carte d'identité ou passeport).",
    "title.twice": "Le même titre est demandé deux fois : une demande couplée associe une carte et un passeport.",
    "reason.missing": "{which}Choisissez le motif de la demande.",
    "request.which": "{title} : ",
    "request.title.cni": "Carte d'identité",
    "request.title.passeport": "Passeport",
    "previous_title.missing": (
        "{which}Saisissez le titre précédent (type et numéro), ou lisez sa bande MRZ : il est demandé pour un "
        "renouvellement, une perte, un vol ou une détérioration."
    ),
    "previous_title.number_format": (
        "{which}Le numéro ne correspond pas au format d'un(e) {kind} : vérifiez-le sur le titre."
    ),
    "previous_title.issued_on": "{which}Saisissez la date de délivrance du titre précédent.",
    "previous_title.future": "{which}La date de délivrance du titre précédent est dans le futur : corrigez-la.",
    "previous_title.not_french": (
        "Cette bande MRZ n'est pas celle d'un titre français : saisissez le numéro du titre précédent à la main."
    ),
    "previous_title.kind.cnie": "carte nationale d'identité électronique (9 caractères)",
    "previous_title.kind.cni_ancienne": "ancienne carte d'identité (12 caractères)",
    "previous_title.kind.passeport": "passeport (2 chiffres, 2 lettres, 5 chiffres)",
    "declaration.missing": (
        "{which}Saisissez la référence de la déclaration de perte ou de vol (récépissé de police, de "
        "gendarmerie ou de déclaration en ligne)."
    ),
    "tes_refusal.cni_only": (
        "Le refus de conservation des empreintes ne concerne que la carte d'identité : décochez-le pour un "
        "passeport seul."
    ),
    "nationality.missing": (
        "Indiquez comment la nationalité française est établie (titre sécurisé, filiation, certificat de "
        "nationalité, naturalisation)."
    ),
    "nationality.no_secure_title": (
        "La nationalité est établie par un titre sécurisé : saisissez ce titre (carte d'identité électronique "
        "ou passeport) avec sa date de délivrance, ou choisissez un autre justificatif."
    ),
    "guardian.missing": (
        "Demandeur mineur : saisissez l'identité du titulaire de l'autorité parentale présent (nom, prénoms, "
        "lien et pièce d'identité présentée)."
    ),
    "guardian.judgement": (
        "Parents séparés : vérifiez le jugement qui fixe l'autorité parentale, puis cochez-le."
    ),
    "guardian.signature": "Faites signer le titulaire de l'autorité parentale sur la tablette.",
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
    # Signature: checks of the pen trace, exemptions (enrollment/signature/).
    "signature.empty": (
        "Aucun tracé n'a été reçu de la tablette : faites signer le demandeur dans le cadre, puis recommencez."
    ),
    "signature.dot": (
        "La tablette n'a reçu qu'un point, pas une signature : faites signer à nouveau dans le cadre."
    ),
    "signature.line": (
        "Le tracé est un simple trait, pas une signature : faites signer à nouveau, comme sur une pièce "
        "d'identité."
    ),
    "signature.little_ink": (
        "La signature est trop petite pour être reproduite sur le titre : faites signer plus grand, dans le "
        "cadre."
    ),
    "signature.outside": (
        "La signature dépasse du cadre de la tablette : faites signer à nouveau, entièrement dans le cadre."
    ),
    "signature.encode": "La signature n'a pas pu être enregistrée : recommencez.",
    "signature.export": (
        "La signature est trop longue pour être enregistrée : faites signer à nouveau, plus simplement."
    ),
    "signature.mention.child": "Dispensé de signature : enfant de moins de {min_age} ans",
    "signature.mention.unable": "Dispensé de signature : personne dans l'impossibilité de signer",
    "signature.exemption_child_age": (
        "La dispense « enfant » ne vaut qu'avant {min_age} ans : faites signer le demandeur, ou choisissez "
        "l'autre motif de dispense."
    ),
    "documents.missing.justificatif_domicile": "Numérisez un justificatif de domicile.",
    "documents.missing.ancien_titre": "{which}Numérisez le titre précédent.",
    "documents.missing.declaration_perte_vol": "{which}Numérisez la déclaration de perte ou de vol.",
    "documents.missing.acte_naissance": (
        "Naissance non vérifiée par COMEDEC : numérisez une copie intégrale de l'acte de naissance de moins de "
        "3 mois."
    ),
    "documents.missing.nationalite_parent": (
        "Nationalité par filiation : numérisez le titre d'identité sécurisé ou le certificat de nationalité du "
        "parent français."
    ),
    "documents.missing.certificat_nationalite": "Numérisez le certificat de nationalité française.",
    "documents.missing.naturalisation": (
        "Numérisez le décret de naturalisation ou la déclaration d'acquisition de la nationalité."
    ),
    "documents.missing.identite_parent": (
        "Numérisez la pièce d'identité du titulaire de l'autorité parentale."
    ),
    "documents.missing.jugement_autorite_parentale": "Numérisez le jugement qui fixe l'autorité parentale.",
    "attestation.missing": (
        "Relisez le récapitulatif au demandeur, puis cochez son attestation sur l'honneur avant l'envoi."
    ),
    "documents.twoddoc_refused": (
        "Le 2D-Doc du justificatif de domicile est falsifié ou trop ancien : recommencez ce document avec un "
        "autre justificatif."
    ),
    "fee_stamp.missing": "{which}Saisissez le numéro du timbre fiscal électronique (16 chiffres).",
    "fee_stamp.format": "{which}Le timbre fiscal électronique compte 16 chiffres : vérifiez la saisie.",
    "fee_stamp.twice": "Le même timbre fiscal est saisi pour deux titres : chaque titre a son propre timbre.",
    "fee_stamp.refused": "{which}Ce timbre fiscal a été refusé : demandez un autre timbre au demandeur.",
    # Fingerprints: quality instructions read aloud to the applicant, plan and record errors.
    "fingerprint.instruction.good": "Empreinte de bonne qualité.",
    "fingerprint.instruction.place_finger": "Posez le doigt sur le capteur.",
    "fingerprint.instruction.press_harder": "Appuyez un peu plus fort.",
    "fingerprint.instruction.press_lighter": "Essuyez le doigt et appuyez un peu moins fort.",
    "fingerprint.instruction.flat_and_centred": "Posez le doigt bien à plat, au centre du capteur.",
    "fingerprint.instruction.clean_finger": "Essuyez le doigt, nettoyez la vitre du capteur, puis reposez le doigt.",
    "fingerprint.instruction.keep_still": "Reposez le doigt bien à plat et ne bougez pas pendant la capture.",
    "fingerprint.bad_image": "L'image de l'empreinte est illisible : reprenez la capture.",
    "fingerprint.bad_resolution": (
        "La résolution déclarée de l'image d'empreinte ({ppi} ppi) est hors des limites ({low} à {high} ppi) : "
        "numérisez l'empreinte à 500 ppi, ou corrigez la résolution enregistrée dans le fichier."
    ),
    "fingerprint.bad_wsq": "L'empreinte enregistrée est illisible (WSQ) : relevez à nouveau ce doigt.",
    "fingerprint.bad_template": "Le gabarit de l'empreinte est illisible : relevez à nouveau ce doigt.",
    "fingerprint.same_finger": (
        "Ce doigt semble être le même que {kept}, déjà relevé. Présentez {asked}."
    ),
    "fingerprint.wrong_finger": "Cette capture ne concerne pas le doigt demandé : recommencez la capture.",
    "fingerprint.verify.no_finger": "Aucune empreinte enregistrée pour ce titre : vérification impossible.",
    "fingerprint.verify.too_many_fingers": "Au plus deux doigts sont vérifiés à la remise du titre.",
    "fingerprint.verify.too_many_impressions": "Au plus deux gabarits par doigt enregistré.",
    "fingerprint.verify.presentations": "Présentez les doigts entre une et {limit} fois.",
    "fingerprint.verify.finger_count": (
        "Chaque présentation doit compter autant d'empreintes que de doigts enregistrés ({expected}), "
        "dans le même ordre."
    ),
    "fingerprint.plan_done": "Les deux empreintes sont déjà relevées.",
    "fingerprint.no_try": "Aucune capture pour ce doigt : relevez-le ou déclarez-le impossible.",
    "fingerprint.no_tries_left": (
        "Les trois essais sont faits : gardez la meilleure empreinte ou déclarez le doigt impossible."
    ),
    "fingerprint.unconfirmed": "Le motif d'impossibilité doit être confirmé par l'agent connecté.",
    "fingerprint.finger.1": "pouce droit",
    "fingerprint.finger.2": "index droit",
    "fingerprint.finger.3": "majeur droit",
    "fingerprint.finger.4": "annulaire droit",
    "fingerprint.finger.5": "auriculaire droit",
    "fingerprint.finger.6": "pouce gauche",
    "fingerprint.finger.7": "index gauche",
    "fingerprint.finger.8": "majeur gauche",
    "fingerprint.finger.9": "annulaire gauche",
    "fingerprint.finger.10": "auriculaire gauche",
    # A finger named with its article ("l'index droit", "le majeur gauche"): French elides it before a vowel.
    "fingerprint.finger_elided": "l'{finger}",
    "fingerprint.finger_with_le": "le {finger}",
    "fingerprint.exception.amputation": "Amputation",
    "fingerprint.exception.pansement_ou_blessure": "Pansement ou blessure",
    "fingerprint.exception.impossibilite_temporaire": "Impossibilité temporaire",
    "fingerprint.exception.impossibilite_definitive": "Impossibilité définitive (crêtes usées…)",
    # Face photo quality: each check's name, then what to do when it fails.
    "photo.unreadable": "L'image est illisible ou trop petite pour une photo d'identité : reprenez-la.",
    "photo.encode": "La photo n'a pas pu être enregistrée : reprenez-la.",
    "photo.too_large": (
        "La photo ne tient pas dans la taille permise pour la puce, même compressée : reprenez-la sur un fond "
        "uni (un fond chargé pèse plus lourd)."
    ),
    "photo.noncompliant": (
        "La photo ne respecte pas la norme ({checks}) : reprenez-la, ou acceptez-la avec un motif."
    ),
    "photo.override_reason": "Choisissez le motif pour accepter la photo malgré les contrôles en échec.",
    "photo.override_note": "Précisez le motif « Autre » en quelques mots.",
    "photo.renewal_no_face": (
        "Aucun visage n'a été trouvé sur la photo de l'ancien titre : numérisez-le à nouveau, photo bien à plat."
    ),
    "photo.paper_not_found": (
        "Aucune photo n'a été trouvée sur la vitre : posez la photo papier à plat, loin des bords, et recommencez."
    ),
    "face.label.face_found": "Visage détecté",
    "face.label.other_person": "Aucune autre personne",
    "face.label.in_frame": "Tête entière dans l'image",
    "face.label.eye_distance": "Résolution (écart entre les yeux)",
    "face.label.head_size": "Taille de la tête (menton–sommet du crâne)",
    "face.label.head_centred": "Tête centrée",
    "face.label.eye_height": "Hauteur des yeux",
    "face.label.yaw": "Tête de face (rotation gauche-droite)",
    "face.label.pitch": "Tête droite (menton ni levé ni baissé)",
    "face.label.roll": "Tête non penchée",
    "face.label.eyes_open": "Yeux ouverts",
    "face.label.mouth_closed": "Bouche fermée",
    "face.label.background_plain": "Fond uni",
    "face.label.background_light": "Fond clair",
    "face.label.background_not_white": "Fond non blanc",
    "face.label.exposure": "Exposition du visage",
    "face.label.contrast": "Contraste du visage",
    "face.label.shadow": "Éclairage uniforme (pas d'ombre)",
    "face.label.sharpness": "Netteté",
    "face.check.face_found": "Aucun visage détecté : placez le demandeur face à l'objectif, visage dégagé.",
    "face.check.other_person": "Une autre personne est visible : seul le demandeur doit apparaître.",
    "face.check.in_frame": "La tête est coupée par le bord : recentrez le demandeur, tête entière visible.",
    "face.check.eye_distance": (
        "Image trop peu détaillée : rapprochez le demandeur de l'objectif, ou utilisez une photo plus grande."
    ),
    "face.check.head_size": (
        "Visage trop grand ou trop petit dans le cadre : reculez ou rapprochez le demandeur (ou la caméra)."
    ),
    "face.check.head_centred": "La tête n'est pas centrée : décalez le demandeur vers le milieu de l'image.",
    "face.check.eye_height": "Les yeux sont trop hauts ou trop bas : ajustez la hauteur de la caméra ou du siège.",
    "face.check.yaw": "Le demandeur doit regarder l'objectif de face, sans tourner la tête.",
    "face.check.pitch": "Le demandeur doit garder le menton droit, ni levé ni baissé.",
    "face.check.roll": "Le demandeur penche la tête : demandez-lui de la tenir droite.",
    "face.check.eyes_open": "Les yeux doivent être ouverts et visibles (pas de cheveux ni de reflet devant).",
    "face.check.mouth_closed": "Bouche fermée, expression neutre : demandez au demandeur de ne pas sourire.",
    "face.check.background_plain": "Le fond doit être uni, sans motif ni objet : placez le demandeur devant l'écran.",
    "face.check.background_light": "Le fond est trop sombre : il doit être clair (bleu clair ou gris clair).",
    "face.check.background_not_white": "Le fond blanc n'est pas accepté : utilisez un fond bleu clair ou gris clair.",
    "face.check.exposure": "Visage trop sombre ou trop clair : réglez l'éclairage du poste.",
    "face.check.contrast": "Visage sans contraste (éclairage plat ou voilé) : réglez l'éclairage du poste.",
    "face.check.shadow": "Ombre sur un côté du visage : éclairez le visage de façon uniforme.",
    "face.check.sharpness": "Photo floue : le demandeur doit rester immobile ; nettoyez l'objectif si besoin.",
    "face.override.medical": "Raison médicale ou handicap",
    "face.override.religious": "Couvre-chef religieux, visage entièrement visible",
    "face.override.young_child": "Jeune enfant (règles d'expression et de regard assouplies)",
    "face.override.measurement": "Photo conforme à l'examen de l'agent (mesure automatique erronée)",
    "face.override.other": "Autre (préciser)",
    "face.renewal.mismatch": (
        "Attention : la nouvelle photo ressemble peu à celle de l'ancien titre (distance {distance:.2f} au-delà "
        "de {limit:.2f}). Vérifiez l'identité du demandeur avant de poursuivre."
    ),
    "face.renewal.match": "La nouvelle photo correspond à celle de l'ancien titre (distance {distance:.2f}).",
    # Workflow: the dossier's states (enrollment.workflow.STATE_LABELS), as lists and refusals name them.
    "workflow.incomplete": "Le dossier est incomplet : {count} point(s) à corriger avant l'envoi.",
    "workflow.transition": "Cette action n'est pas possible pour un dossier à l'état « {state} ».",
    "state.draft": "brouillon",
    "state.complete": "complet",
    "state.sealed": "scellé",
    "state.queued": "en attente d'envoi",
    "state.sent": "envoyé",
    "state.acknowledged": "accusé de réception reçu",
    "state.purged": "transmis et effacé du poste",
    # Store.
    "store.locked": (
        "La base chiffrée du poste ne s'ouvre pas avec la clé disponible. "
        "Ne réinitialisez rien : appelez l'assistance technique."
    ),
    "store.missing_key": (
        "La clé de chiffrement du poste est introuvable. Le poste doit être réinstallé par un technicien."
    ),
    # Where the store key lives (station/store_key.py): read by the technician at start-up and in
    # `station diagnose store`.
    "store.no_key_provider": (
        "La base chiffrée ne peut pas être ouverte : ce poste n'a ni trousseau du système utilisable, ni puce "
        "TPM joignable ({tcti}), pour garder sa clé. Technicien : activez la puce TPM 2.0 dans le BIOS/UEFI, "
        "donnez-en l'accès au compte du poste (groupe « tss ») ou corrigez [store] tpm_tcti dans la "
        "configuration du poste. Un fichier de clé posé à côté de la base "
        "n'est utilisé que si la configuration le demande ([store] key_provider = \"file\"), ce qui est "
        "déconseillé en mairie."
    ),
    "store.sealed_key_missing": (
        "La base chiffrée existe mais sa clé scellée par la puce TPM est introuvable ({path}). Ne "
        "réinitialisez rien : restaurez ce fichier depuis la sauvegarde du poste ou appelez l'assistance."
    ),
    "store.key_beside_store": (
        "Attention : la clé de la base chiffrée est un fichier posé à côté d'elle ; qui copie le disque "
        "emporte la base et sa clé. Bon pour une démonstration ; en mairie, videz la file d'envoi puis faites "
        "réinstaller le poste avec [store] key_provider = \"auto\" (trousseau ou puce TPM 2.0)."
    ),
    "store.not_found": "Ce dossier n'existe plus sur le poste (il a peut-être déjà été transmis).",
    # The audit trail's store write failed (enrollment/store/audit.py): for the technician's ticket.
    "audit.not_written": (
        "Le journal d'audit du poste n'a pas pu être écrit (disque plein ou base occupée). L'action a bien "
        "été faite ; le poste le notera dès que possible. Si cela se répète, appelez l'assistance technique."
    ),
    # A title's machine-readable zone (enrollment/mrz.py).
    "mrz.malformed": (
        "Ce n'est pas une bande MRZ de titre (3 lignes de 30 caractères pour une carte d'identité, 2 de 44 "
        "pour un passeport). Relisez la bande au lecteur, ou saisissez seulement le numéro du titre."
    ),
    "mrz.check_digit": (
        "La bande MRZ lue ne se vérifie pas (chiffre de contrôle faux) : un caractère a été mal lu. Relisez-la "
        "au lecteur, ou saisissez le numéro imprimé sur le titre."
    ),
    "mrz.not_found": (
        "Aucune bande MRZ n'a été trouvée sur l'image : posez le titre à plat, bande MRZ visible et nette, et "
        "numérisez-le de nouveau, ou saisissez son numéro."
    ),
    "mrz.unreadable": (
        "La bande MRZ de l'image n'a pas pu être lue caractère par caractère : numérisez le titre de nouveau "
        "(à plat, sans reflet), ou saisissez son numéro."
    ),
    "mrz.too_coarse": (
        "L'image de la carte d'identité est trop petite pour distinguer sûrement certains chiffres et lettres de "
        "son numéro : numérisez-la à 300 dpi, ou saisissez son numéro."
    ),
    "mrz.ocr_missing": (
        "La lecture de bande MRZ sur image n'est pas installée sur ce poste (tesseract-ocr) : saisissez le "
        "numéro du titre et prévenez le technicien."
    ),
    # The 2D-Doc of a proof of address (enrollment/documents/twoddoc/).
    "twoddoc.valid": "2D-Doc authentique, émis par {issuer} le {date} : comparez le nom et l'adresse au dossier.",
    "twoddoc.invalid_signature": (
        "2D-Doc falsifié ou abîmé : sa signature ne correspond pas à son contenu. Ne retenez pas ce justificatif "
        "sans l'examiner ; demandez-en un autre au demandeur."
    ),
    "twoddoc.unknown_issuer": (
        "2D-Doc signé par un certificat inconnu de la liste de confiance ANTS ({issuer}) : faites mettre à jour "
        "la liste par le technicien, ou demandez un autre justificatif."
    ),
    "twoddoc.expired": (
        "Justificatif trop ancien ou certificat de signature expiré (émis le {date}) : demandez un justificatif "
        "de moins d'un an."
    ),
    "twoddoc.not_2ddoc": (
        "Aucun 2D-Doc de justificatif de domicile lisible sur ce document : vérifiez le justificatif à l'œil, "
        "ou numérisez-le à nouveau."
    ),
    "twoddoc.trust_invalid": (
        "Liste de confiance 2D-Doc refusée ({detail}) : le fichier est illisible ou contient un certificat que "
        "l'autorité n'a pas signé. Demandez la liste officielle à l'assistance."
    ),
    # The COG reference of communes and countries (enrollment/civil/).
    "cog.unreadable": "Le fichier {file} ne peut pas être lu : vérifiez ses droits d'accès ou copiez-le à nouveau.",
    "cog.encoding": (
        "Le fichier {file} n'est pas en UTF-8 comme ceux de l'INSEE : téléchargez-le à nouveau depuis insee.fr "
        "sans l'ouvrir dans un tableur."
    ),
    "cog.unknown_file": (
        "Le fichier {file} n'est pas un fichier du Code officiel géographique attendu (communes, mouvements "
        "des communes, départements, pays et territoires) : ses colonnes ne sont pas celles de l'INSEE."
    ),
    "cog.missing": "Il manque le fichier des {kind} du Code officiel géographique : ajoutez-le.",
    "cog.kind.communes": "communes",
    "cog.kind.changes": "mouvements des communes",
    "cog.kind.departments": "départements",
    "cog.kind.countries": "pays et territoires",
    "cog.truncated": (
        "Le fichier {file} ne compte que {rows} lignes : il est incomplet. Téléchargez-le à nouveau depuis "
        "insee.fr."
    ),
    "cog.malformed": "Le fichier {file} contient une valeur invalide ({value}) : téléchargez-le à nouveau.",
    "cog.no_year": (
        "L'année du Code officiel géographique n'apparaît dans aucun nom de fichier (par exemple "
        "v_commune_2025.csv) : gardez les noms de l'INSEE."
    ),
    "cog.not_reference": "Ce fichier n'est pas une liste des communes et pays du poste.",
    "cog.older": (
        "Ces fichiers sont du Code officiel géographique {year}, plus ancien que celui du poste ({current}) : "
        "la liste actuelle est conservée."
    ),
    "commune.unknown": "Aucune commune n'a le code INSEE {insee} : vérifiez-le.",
    "commune.not_then": (
        "Le code INSEE {insee} ne désignait aucune commune le {day:%d/%m/%Y} : vérifiez le code et la date."
    ),
    "country.unknown": "Aucun pays n'a le code {cog} : vérifiez-le.",
    # What a former commune became, shown beside its name in the search.
    "commune.status.renamed": "ancien nom, devenue {successor} en {year}",
    "commune.status.merged": "ancienne commune, fusionnée dans {successor} en {year}",
    "commune.status.associated": "ancienne commune, associée à {successor} en {year}",
    "commune.status.recoded": "ancien code, devenu {insee} ({successor}) en {year}",
    "commune.status.other": "ancienne commune, rattachée à {successor} en {year}",
    "commune.status.ended": "ancienne commune, supprimée en {year}",
}


def message(code: str, **fields: object) -> str:
    return MESSAGES[code].format(**fields)
