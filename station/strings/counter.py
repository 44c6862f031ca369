"""What the agent reads at the counter: the station window's messages and labels."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Authentication.
    "auth.insert_card": "Insérez votre carte agent dans le lecteur.",
    "auth.enter_pin": "Carte détectée. Saisissez votre code PIN puis appuyez sur Entrée.",
    "auth.checking": "Vérification de la carte en cours…",
    "auth.pin_empty": "Saisissez votre code PIN (4 à 8 chiffres).",
    "auth.foreign": (
        "Cette carte n'a pas été délivrée par l'autorité des agents habilités. "
        "Utilisez votre carte agent personnelle."
    ),
    "auth.expired": "Votre carte agent a expiré. Demandez son renouvellement à la préfecture.",
    "auth.ca_invalid": (
        "Le certificat de l'autorité des agents installé sur ce poste n'est pas valide à cette date (expiré "
        "ou pas encore en vigueur) : aucune connexion n'est possible. Vérifiez la date du poste, puis appelez "
        "l'assistance technique (certificat auth.agent_ca)."
    ),
    "auth.other_mairie": "Cette carte agent est rattachée à une autre mairie : elle ne peut pas ouvrir ce poste.",
    "auth.revoked": (
        "Cette carte agent a été révoquée : elle ne permet plus d'ouvrir une session. Contactez la préfecture."
    ),
    "auth.crl_unavailable": (
        "La liste des cartes révoquées n'est pas à jour sur ce poste : connexion impossible. Vérifiez la liaison "
        "réseau avec le CERT puis réessayez ; si cela persiste, appelez l'assistance."
    ),
    "auth.locked": "Session de {name} en attente : réinsérez votre carte et saisissez votre code PIN pour reprendre.",
    "auth.locked_other": "Ce poste est verrouillé par la session de {name} : seule sa carte peut le déverrouiller.",
    "lock.card_removed": "Carte retirée : le dossier en cours est enregistré.",
    "lock.supervisor_left": "Carte du superviseur retirée : sa session est fermée. Insérez votre carte agent.",
    "lock.inactivity": "Verrouillage après inactivité : le dossier en cours est enregistré.",
    "lock.revoked": (
        "Session fermée : la carte agent de {name} vient d'être révoquée (nouvelle liste de révocation). Le "
        "dossier en cours est enregistré ; cette carte ne peut plus ouvrir de session, contactez la préfecture."
    ),
    "auth.card_changed": (
        "La carte dans le lecteur n'est pas celle qui a ouvert la session : le dossier n'a pas été transmis. "
        "Réinsérez votre carte agent, puis validez à nouveau."
    ),
    "auth.no_role": "Cette carte ne porte aucune habilitation reconnue. Contactez la préfecture.",
    "auth.bad_certificate": (
        "Le certificat de la carte est illisible. Essayez une autre carte ou contactez l'assistance."
    ),
    "auth.bad_signature": (
        "La carte n'a pas prouvé détenir sa clé : elle est peut-être contrefaite. Contactez l'assistance."
    ),
    # Devices and work in progress.
    "device.busy": "Périphérique en cours d'utilisation…",
    "photo.done": "Photo enregistrée ({width} × {height} pixels). Vous pouvez la reprendre.",
    # Face photo step.
    "photo.live_hint": (
        "Cadrez le demandeur face à l'objectif : la photo est prise automatiquement quand tous les contrôles "
        "sont bons (ou appuyez sur « Prendre la photo »)."
    ),
    "photo.all_good": "Tous les contrôles sont bons.",
    "photo.no_frame": "En attente de l'image de la caméra…",
    "photo.analysing": "Contrôle de la photo…",
    "photo.rejected": (
        "La photo ne respecte pas la norme ({count} contrôle(s) en échec, voir la liste). Reprenez-la, ou "
        "acceptez-la malgré tout avec un motif."
    ),
    "photo.overridden": "Photo acceptée malgré {count} contrôle(s) en échec ; le motif est enregistré au dossier.",
    "photo.override_ask": "Choisissez le motif d'acceptation (et précisez-le si besoin), puis confirmez.",
    "photo.ephoto_format": "Le code ePhoto compte {length} caractères, lettres et chiffres : vérifiez la saisie.",
    "photo.ephoto_fetching": "Récupération de la photo auprès du service ePhoto…",
    "photo.paper_scanning": "Numérisation de la photo papier posée sur la vitre…",
    "photo.renewal_scanning": "Numérisation de l'ancien titre posé sur la vitre…",
    "photo.renewal_needs_photo": "Prenez d'abord la nouvelle photo, puis comparez-la à l'ancien titre.",
    "finger.capturing": "Posez le doigt à plat sur le capteur…",
    # Fingerprint capture screen.
    "finger.asked": "Posez {finger} bien à plat sur le capteur, puis relevez l'empreinte.",
    "finger.analysing": "Analyse de la qualité de l'empreinte…",
    "finger.accepted": "{finger} relevé (qualité {quality}/100).",
    "finger.retry": "{instruction} Essai {tries} sur {max} : relevez à nouveau.",
    "finger.decide": (
        "{instruction} Les {max} essais sont faits : gardez la meilleure empreinte (qualité {best}/100) "
        "ou déclarez le doigt impossible."
    ),
    "finger.exception_recorded": "Exception enregistrée pour {finger} : {reason}.",
    "finger.choose_reason": "Choisissez le motif pour {finger}, puis confirmez.",
    "finger.all_done": "Les deux empreintes sont relevées : passez à l'étape suivante.",
    "finger.exhausted": "Aucun autre doigt ne peut être relevé : les exceptions sont enregistrées au dossier.",
    "finger.not_required": "Demandeur de moins de 12 ans : aucune empreinte n'est relevée.",
    # Signature step (station/ui/steps/signature.py).
    "signature.capturing": "Le demandeur signe dans le cadre de la tablette puis valide…",
    "signature.check": "Vérifiez la signature avec le demandeur, puis touchez « Valider la signature ».",
    "signature.done": "Signature enregistrée.",
    "signature.exempted": "Dispense de signature enregistrée : « {mention} ».",
    "signature.child_offered": (
        "Le demandeur a moins de {min_age} ans : la dispense de signature est proposée. Enregistrez-la, ou "
        "faites signer l'enfant s'il sait écrire."
    ),
    "scan.capturing": "Numérisation en cours…",
    "scan.page_added": "{name} : page {page} numérisée. Numérisez la page suivante, ou passez au document suivant.",
    "scan.pages_added": (
        "{name} : {count} pages numérisées. Numérisez d'autres pages s'il en manque, ou passez au document suivant."
    ),
    "documents.review": (
        "{name} : {count} page(s) numérisée(s). Vérifiez l'aperçu (page entière, lisible, droite) : « Garder » "
        "l'ajoute au dossier, « Refaire » la numérise à nouveau."
    ),
    "documents.discarded": "Numérisation écartée : replacez la page et numérisez-la à nouveau.",
    "appointments.not_configured": (
        "Doublons de rendez-vous non vérifiés : le poste n'a pas de jeton pour la plateforme des rendez-vous "
        "(à configurer par le technicien)."
    ),
    "documents.twoddoc_checking": "Lecture du 2D-Doc du justificatif…",
    "documents.mrz_reading": "Lecture de la bande MRZ de l'ancien titre…",
    "demande.previous.no_scan": (
        "Aucun ancien titre numérisé : numérisez-le à l'étape Justificatifs (document « ancien titre »), ou "
        "saisissez son numéro."
    ),
    "documents.mrz_read": (
        "Bande MRZ lue, chiffres de contrôle vérifiés : {kind} n° {number}. Comparez ce numéro à celui imprimé "
        "sur le titre ; il est reporté à l'étape Demande (complétez la date de délivrance et l'autorité)."
    ),
    "documents.twoddoc_holder": "Sur le 2D-Doc : {name} — {address}",
    "documents.twoddoc_typed": "Au dossier : {name} — {address}",
    "documents.received": "✔ {name} — {pages} page(s)",
    "documents.missing": "✘ {name} — à numériser",
    "signature.guardian_capturing": "Le titulaire de l'autorité parentale signe sur la tablette puis valide…",
    "signature.guardian_done": "Signature du titulaire de l'autorité parentale enregistrée.",
    # The applicant's signing window, with the system's pen tablet (station/ui/tablet_window.py): the
    # applicant reads these.
    "tablet.prompt": "Signez dans le cadre avec le stylet, puis touchez « Valider ».",
    "tablet.test_prompt": "Test du stylet : tracez un trait dans le cadre.",
    "tablet.pen_only": "Signez avec le stylet : la souris et le doigt ne sont pas acceptés.",
    "pre_application.searching": "Recherche de la pré-demande auprès du CERT…",
    "pre_application.found": (
        "Pré-demande trouvée : {count} champ(s) pré-rempli(s). Vérifiez chaque information avec le demandeur."
    ),
    "barcode.waiting": "Présentez le QR code du récapitulatif de pré-demande au lecteur…",
    "barcode.not_pre_application": (
        "Ce code-barres n'est pas un numéro de pré-demande (10 caractères). Scannez le QR code du récapitulatif."
    ),
    "draft.saved": "Brouillon enregistré sur le poste.",
    "draft.abandon_confirm": (
        "Abandonner ce brouillon ?\n{draft}\n\nLe dossier et toutes ses captures (photo, empreintes, signature, "
        "justificatifs) seront définitivement effacés du poste. Choisissez le motif :"
    ),
    "draft.abandoned": "Brouillon abandonné : le dossier et ses captures sont effacés du poste.",
    "dossier.queued": "Dossier scellé et placé dans la file d'envoi. Il part automatiquement vers le CERT.",
    "dossier.incomplete": "{count} point(s) à corriger avant l'envoi : voyez la liste ci-dessous.",
    "dossier.ready": (
        "Le dossier est complet. Relisez le récapitulatif au demandeur, faites-le attester sur l'honneur, "
        "puis validez l'envoi."
    ),
    "fee.none": "Aucun timbre fiscal n'est dû pour cette demande.",
    "fee.checking": "Vérification du timbre auprès du CERT…",
    "comedec.checking": "Vérification de l'acte de naissance auprès de COMEDEC…",
    "fee.due": "Montant dû : {amount} € en timbre fiscal électronique.",
    "fee.unknown": "Le montant dépend du titre, du motif et de la date de naissance : complétez-les d'abord.",
    # Visible outbox (station/outbox_status.py, the home and transmissions pages, `station outbox`).
    "outbox.empty": "Aucun dossier en attente d'envoi.",
    "outbox.pending_one": "1 dossier en attente d'envoi, depuis {age}",
    "outbox.pending_many": "{count} dossiers en attente d'envoi, le plus ancien depuis {age}",
    "outbox.alert": (
        "Alerte : un dossier attend depuis plus de {delay} — vérifiez la connexion au réseau puis appelez "
        "l'assistance si cela persiste"
    ),
    "outbox.last_error": "Dernière erreur : {error}",
    "outbox.age.now": "moins d'une minute",
    "outbox.age.minutes": "{minutes} min",
    "outbox.age.hours": "{hours} h",
    "outbox.age.hours_minutes": "{hours} h {minutes:02d}",
    "outbox.age.days": "{days} j",
    "outbox.age.days_hours": "{days} j {hours} h",
    "outbox.cli.header": "Dossiers en attente :",
    "outbox.cli.row": (
        "  {dossier_id} — {state} — en file depuis le {queued_at} — {attempts} essai(s) — prochain essai "
        "le {next_attempt_at}{error}"
    ),
    "outbox.cli.row_error": " — erreur {code}",
    "outbox.cli.flushed": "Envoyés et accusés par le CERT : {sent}. Restant en attente : {remaining}.",
    "outbox.cli.busy": (
        "Un autre programme (le poste ouvert ?) traite la file au même moment : relancez la commande "
        "dans une minute pour voir l'état final."
    ),
    "role.no_dossiers": "Votre habilitation (technicien) donne accès aux diagnostics, pas aux dossiers.",
    "image.encode": "L'image n'a pas pu être enregistrée : recommencez.",
    "error.unexpected": (
        "Une erreur inattendue est survenue. Votre brouillon est conservé. "
        "Si elle se répète, notez l'heure et appelez l'assistance."
    ),
    # A reference list past its limit (station/reference.py): no new dossier, no sealing; drafts are kept.
    "reference.refused.new": "Impossible de commencer un nouveau dossier",
    "reference.refused.seal": "Le dossier est enregistré mais ne peut pas être scellé",
    "reference.stale": (
        "{refused} : la liste de référence « {label} » du {issued:%d/%m/%Y} ({days} jours) a dépassé sa "
        "limite de validité ({expired:%d/%m/%Y}). Le poste la met à jour automatiquement dès que le centre de "
        "traitement (CERT) est joignable ; sinon, faites lancer « station reference refresh » par un technicien."
    ),
    "reference.missing": (
        "{refused} : la liste de référence « {label} » n'a encore jamais été reçue du centre de traitement "
        "(CERT). Le poste la demandera automatiquement dès que le CERT est joignable ; sinon, faites lancer "
        "« station reference refresh » par un technicien."
    ),
    "reference.label.rules": "barème des droits et seuils",
    "reference.label.communes": "communes et pays (COG)",
    "reference.label.twoddoc-trust": "autorités de confiance 2D-Doc",
    "reference.label.agent-crl": "révocation des cartes agents",
}

LABELS: dict[str, str] = {
    "card_pin.title": "Signature par la carte agent",
    "app.title": "Recueil — Station de recueil des titres d'identité",
    "header.station": "Poste {station} — {mairie}",
    "header.agent": "{name} — {role}",
    "role.agent": "Agent d'accueil",
    "role.superviseur": "Superviseur",
    "role.technicien": "Technicien",
    "login.title": "Connexion agent",
    "login.locked": "Poste verrouillé",
    "login.pin": "Code PIN :",
    "login.submit": "Se &connecter",
    "home.title": "Accueil",
    "home.welcome": "Bonjour {name}.",
    "home.new": "&Nouvelle demande",
    "home.transmissions": "&Transmissions",
    "home.diagnostics": "&Diagnostics des périphériques",
    "home.logout": "Se &déconnecter",
    "home.drafts": "Brouillons en cours",
    "home.draft_no_name": "(sans nom)",
    "home.resume": "&Reprendre le brouillon",
    "home.abandon": "A&bandonner le brouillon…",
    "abandon.title": "Abandonner un brouillon",
    "abandon.reason.usager_renonce": "L'usager a renoncé à sa demande",
    "abandon.reason.doublon": "Doublon d'un autre dossier",
    "abandon.reason.erreur_saisie": "Erreur de saisie",
    "abandon.reason.autre": "Autre motif",
    "abandon.confirm": "&Abandonner et effacer",
    "abandon.cancel": "Ann&uler",
    "wizard.title": "Nouvelle demande",
    "wizard.previous": "&Précédent",
    "wizard.next": "&Suivant",
    "wizard.save": "&Enregistrer le brouillon",
    "wizard.home": "Retour à l'&accueil",
    "wizard.submit": "&Valider et transmettre",
    "step.demande": "Demande",
    "step.etat_civil": "État civil",
    "step.adresse": "Adresse et contact",
    "step.photo": "Photo",
    "step.empreintes": "Empreintes",
    "step.signature": "Signature",
    "step.justificatifs": "Justificatifs",
    "step.timbre": "Timbre fiscal",
    "step.recapitulatif": "Récapitulatif",
    "demande.title": "Titre demandé :",
    "demande.cni": "Carte nationale d'identité",
    "demande.passeport": "Passeport",
    "demande.reason": "Motif :",
    "demande.pre_application": "N° de pré-demande :",
    "demande.coupled": "Demande couplée : carte d'identité et passeport au même rendez-vous",
    "demande.previous.kind": "Titre précédent :",
    "demande.previous.cnie": "Carte d'identité électronique (depuis 2021)",
    "demande.previous.cni_ancienne": "Ancienne carte d'identité",
    "demande.previous.passeport": "Passeport",
    "demande.previous.number": "Numéro du titre précédent :",
    "demande.previous.number_hint": "Numéro, ou bande MRZ lue par le lecteur",
    "demande.previous.read_scan": "Lire la MRZ sur le scan",
    "demande.previous.issued_on": "Délivré le :",
    "demande.previous.authority": "Délivré par :",
    "demande.declaration": "Référence de la déclaration :",
    "demande.scan_qr": "Scanner le &QR code",
    "demande.lookup": "Re&chercher la pré-demande",
    "reason.premiere_demande": "Première demande",
    "reason.renouvellement": "Renouvellement",
    "reason.perte": "Perte",
    "reason.vol": "Vol",
    "reason.deterioration": "Détérioration",
    "reason.changement_etat_civil_ou_adresse": "Changement d'état civil ou d'adresse",
    "civil.surname": "Nom de naissance :",
    "civil.usage_name": "Nom d'usage :",
    "civil.given_names": "Prénoms :",
    "civil.sex": "Sexe :",
    "civil.sex.F": "Féminin",
    "civil.sex.M": "Masculin",
    "civil.birth_date": "Date de naissance :",
    "civil.birth_place": "Commune de naissance :",
    "civil.birth_country": "Pays de naissance :",
    "civil.height": "Taille (cm) :",
    "civil.birth_precision.jour": "date complète",
    "civil.birth_precision.mois": "mois et année seulement",
    "civil.birth_precision.annee": "année seulement",
    "civil.nationality": "Nationalité française établie par :",
    "civil.nationality.titre_securise": "Titre sécurisé (carte d'identité électronique ou passeport)",
    "civil.nationality.double_droit_du_sol": "Naissance en France d'un parent né en France",
    "civil.nationality.parent_francais": "Filiation : un parent français",
    "civil.nationality.certificat_nationalite": "Certificat de nationalité française",
    "civil.nationality.naturalisation": "Naturalisation ou déclaration",
    "civil.tes_refused": "Le demandeur refuse la conservation de ses empreintes dans le fichier TES (carte d'identité)",
    "guardian.heading": "Mineur : titulaire de l'autorité parentale présent",
    "guardian.surname": "Nom :",
    "guardian.given_names": "Prénoms :",
    "guardian.link": "Lien avec le mineur :",
    "guardian.link.mere": "Mère",
    "guardian.link.pere": "Père",
    "guardian.link.tuteur": "Tuteur",
    "guardian.id_document": "Pièce d'identité présentée (type et numéro) :",
    "guardian.separated": "Parents séparés",
    "guardian.judgement": "J'ai vérifié le jugement qui fixe l'autorité parentale",
    # The birth-place field (station/ui/commune_field.py).
    "commune_field.placeholder": "Nom de la commune, et son département s'il y a des homonymes",
    "commune_field.country_placeholder": "Nom du pays",
    "commune_field.abroad": "Né(e) à l'étranger",
    "commune_field.country_item": "{name} ({code})",
    "address.line1": "Adresse :",
    "address.line2": "Complément :",
    "address.postcode": "Code postal :",
    "address.city": "Commune :",
    "contact.phone": "Portable (SMS) :",
    "contact.email": "Courriel :",
    "photo.capture": "Prendre la p&hoto",
    "photo.none": "Aucune photo",
    # Face photo step and photo-check command.
    "photo.source.ephoto": "Co&de ePhoto :",
    "photo.source.ephoto_fetch": "&Récupérer",
    "photo.source.paper": "Photo papier (scan&ner)",
    "photo.auto": "Capture au&tomatique",
    "photo.override": "Accepter &malgré tout…",
    "photo.override.reason": "Motif :",
    "photo.override.note": "Précision :",
    "photo.override.confirm": "C&onfirmer l'acceptation",
    "photo.override.cancel": "Ann&uler",
    "photo.renewal": "Comparer à l'ancien t&itre",
    "photo.check_line": "{mark} {label} : {value} (seuil {limit})",
    "photo_check.ok": "conforme",
    "photo_check.failed": "non conforme",
    "photo_check.unreadable": "Fichier illisible, ou qui n'est pas une image.",
    "finger.capture": "Relever l'{finger}",
    "finger.none": "Non relevée",
    # Fingerprint capture screen.
    "finger.hand_left": "Main gauche",
    "finger.hand_right": "Main droite",
    "finger.capture_button": "Relever l'empreinte (F5)",
    "finger.keep_best": "Garder la meilleure (F6)",
    "finger.impossible": "Doigt impossible… (F7)",
    "finger.reason": "Motif :",
    "finger.confirm_exception": "Confirmer le motif (F8)",
    "finger.cancel_exception": "Annuler (Échap)",
    "finger.restart": "Tout reprendre",
    "finger.quality": "Qualité NFIQ 2 : {score}/100 (minimum {minimum})",
    "finger.quality_none": "Qualité : —",
    "finger.device_quality": " — selon le lecteur : {score}/100",
    "finger.kept": "{finger} : qualité {quality}/100",
    "finger.excepted": "{finger} : {reason}",
    # Signature step.
    "signature.capture": "Faire si&gner",
    "signature.retry": "Faire si&gner à nouveau",
    "signature.clear": "E&ffacer",
    "signature.confirm": "Va&lider la signature",
    "signature.title_image": "Rendu sur le titre :",
    "signature.exempt": "Dispense de signature :",
    "signature.exempt.record": "Enregistrer la dispe&nse",
    "signature.exempt.child": "Enfant trop jeune pour signer",
    "signature.exempt.unable": "Personne dans l'impossibilité de signer",
    "documents.scan": "Numériser une &page",
    "documents.restart": "Recommencer ce document",
    "documents.scan_feeder": "Numériser le &chargeur",
    "documents.keep": "&Garder",
    "documents.discard": "Re&faire",
    "documents.required": "Justificatifs demandés pour ce dossier :",
    "documents.kind": "Document à numériser :",
    "documents.for_title": "{name} — {title}",
    "documents.kind.justificatif_domicile": "Justificatif de domicile",
    "documents.kind.ancien_titre": "Titre précédent",
    "documents.kind.declaration_perte_vol": "Déclaration de perte ou de vol",
    "documents.kind.acte_naissance": "Acte de naissance",
    "documents.kind.nationalite_parent": "Justificatif de nationalité du parent",
    "documents.kind.certificat_nationalite": "Certificat de nationalité française",
    "documents.kind.naturalisation": "Décret de naturalisation ou déclaration",
    "documents.kind.identite_parent": "Pièce d'identité du parent",
    "documents.kind.jugement_autorite_parentale": "Jugement sur l'autorité parentale",
    "documents.kind.autre": "Autre document",
    "fee.stamp": "N° du timbre fiscal électronique :",
    "fee.stamp_for": "Timbre fiscal — {title} :",
    "fee.scan_flashcode": "Scanner le &flashcode du timbre",
    "signature.guardian": "Faire signer le &parent",
    "tablet.title": "Signature du demandeur",
    "tablet.validate": "Valider",
    "tablet.clear": "Effacer",
    "tablet.cancel": "Annuler",
    # Summary step (station/ui/steps/summary.py): the dossier in a few lines, read with the applicant.
    "summary.attest": (
        "Le demandeur a entendu ce récapitulatif et atteste sur l'honneur l'exactitude des informations"
    ),
    "summary.validity": " (valable {years} ans)",
    "summary.previous": " — remplace : {kind} n° {number}",
    "summary.declaration": " — déclaration {reference}",
    "summary.nationality": "Nationalité : {basis}",
    "summary.guardian": "Autorité parentale : {surname} {given} ({link}), pièce présentée : {document}",
    "summary.pre_application": " — pré-demande {number}",
    "summary.usage_name": " (usage : {name})",
    "summary.born.jour": "né(e) le {date:%d/%m/%Y}",
    "summary.born.mois": "né(e) en {date:%m/%Y} (jour inconnu)",
    "summary.born.annee": "né(e) en {date:%Y} (jour et mois inconnus)",
    "summary.born_unknown": "date de naissance —",
    "summary.born_at": " à {place}",
    "summary.no_phone": "pas de portable",
    "summary.no_email": "pas de courriel",
    "summary.captures": "Photo : {photo} — Empreintes : {kept} relevée(s)",
    "summary.impossible": ", {count} impossible(s)",
    "summary.signature_documents": " — Signature : {signature} — Justificatifs : {documents}",
    "summary.yes": "oui",
    "summary.no": "non",
    "summary.exempted": "dispense",
    "summary.no_fee": "Aucun timbre dû",
    "summary.fee": "Timbre fiscal : {amount} € — n° {stamp}",
    "transmissions.title": "Transmissions",
    "transmissions.col.created": "Créé le",
    "transmissions.col.applicant": "Demandeur",
    "transmissions.col.title": "Titre",
    "transmissions.col.state": "État",
    "transmissions.col.number": "N° CERT",
    "transmissions.home": "Retour à l'&accueil",
    "transmissions.retry": "&Relancer l'envoi maintenant",
    "diagnostics.title": "Diagnostics",
    "diagnostics.run": "&Lancer les diagnostics",
    "diagnostics.column.device": "Périphérique",
    "diagnostics.column.state": "État",
    "diagnostics.column.usable": "Utilisable",
    "diagnostics.column.reason": "Motif",
    "diagnostics.usable.yes": "oui",
    "diagnostics.usable.no": "non",
    "diagnostics.waiting": "diagnostic en cours…",
}

