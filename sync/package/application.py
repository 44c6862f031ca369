"""`dossier.json`: the application data of a package, everything but the images and the pen series.

Its JSON Schema is published (docs/package-dossier.schema.json, generated from these models; a test keeps
it current). Biometric and document bytes are not here: they are files of the package, referenced by name,
so the CERT can route the ANSI/NIST-ITL file to its biometric system without touching the civil status.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from enrollment.model import Dossier

from . import format as fmt

SCHEMA_ID = "https://recueil.example/schemas/package-dossier-1.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Civil(_Strict):
    surname: str
    usage_name: str = ""
    given_names: str
    sex: str | None = Field(None, description="M | F | X")
    birth_date: date | None = Field(description="a partial date keeps the first day of what is known")
    birth_date_precision: str = Field("jour", description="jour | mois | annee: what of birth_date is known")
    birth_place: str
    birth_insee: str = Field("", description="the birth commune's INSEE code (births in France)")
    birth_country: str
    birth_country_code: str = Field("", description="the birth country's COG code, 99xxx (births abroad)")
    nationality: str = Field(description="ISO 3166-1 alpha-3")
    height_cm: int | None


class Address(_Strict):
    line1: str = ""
    line2: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""


class Contact(_Strict):
    email: str = ""
    phone: str = ""


class Photo(_Strict):
    source: str = Field(description="camera | scanned_paper | ephoto")
    captured_at: datetime
    ephoto_code: str = ""
    width: int
    height: int
    dpi: int
    failed_checks: list[str] = Field(default_factory=list, description="checks that did not pass")
    override_reason: str | None = Field(None, description="why the agent accepted failed checks")
    override_agent: str = ""
    renewal_distance: float | None = Field(None, description="face distance to the previous title's photo")


class Finger(_Strict):
    position: str = Field(description="ANSI/NIST finger position code, 01-10")
    quality: int | None = Field(None, description="NFIQ 2, 0-100")
    exception: str | None = Field(None, description="why no print was taken")
    exception_confirmed_by: str = ""
    template: str | None = Field(None, description="package entry of its ISO/IEC 19794-2 template")


class SignatureInfo(_Strict):
    signed: bool
    exemption: str | None = None
    exemption_reason: str | None = None
    dynamics: str | None = Field(None, description="package entry of the ISO/IEC 19794-7 pen series")


class DocumentRef(_Strict):
    kind: str
    file: str = Field(description="package entry of the scanned page")
    dpi: int
    page: int = Field(1, description="the page's number within its document")
    twoddoc: str | None = Field(None, description="a proof of address's 2D-Doc verdict at the counter: valid | "
                                                  "invalid_signature | unknown_issuer | expired | not_2ddoc")


class PreviousTitle(_Strict):
    kind: str = Field(description="cnie | cni_ancienne | passeport")
    number: str
    issued_on: date | None = None
    authority: str = ""
    from_mrz: bool = Field(False, description="read from its MRZ, every check digit verified")


class Guardian(_Strict):
    surname: str
    given_names: str
    link: str | None = Field(description="mere | pere | tuteur")
    id_document: str = Field(description="kind and number of the ID document the agent saw")
    parents_separated: bool = False
    judgement_seen: bool = False
    signature: str | None = Field(None, description="package entry of their signature on the application")


class OnlineChecks(_Strict):
    birth: str = Field(description="COMEDEC at the counter: non_verifie | confirme | introuvable | "
                                   "commune_non_raccordee | a_verifier")
    birth_differing: list[str] = Field(default_factory=list)
    fee_stamp: str = Field(description="the stamp at the counter: non_verifie | valide | refuse | a_verifier "
                                       "(the CERT checks it on receipt in every case)")


class PackageDossier(_Strict):
    """The application as the CERT receives it."""

    model_config = ConfigDict(extra="forbid", title="Recueil package dossier", json_schema_extra={
        "$id": SCHEMA_ID})

    format: str = Field(fmt.FORMAT, description="always recueil-package/1")
    dossier_id: str
    station_id: str
    agent_id: str
    title: str = Field(description="cni | passeport")
    reason: str | None
    pre_application: str = ""
    fee_stamp: str = ""
    previous_title: PreviousTitle | None = Field(None, description="the title this one replaces")
    declaration_reference: str = Field("", description="the loss or theft declaration's reference")
    linked_dossiers: list[str] = Field(default_factory=list, description="the paired application's other "
                                                                         "dossiers (one per title)")
    nationality_basis: str | None = Field(None, description="how French nationality is established")
    guardian: Guardian | None = Field(None, description="a minor's holder of parental authority, present")
    tes_prints_refused: bool = Field(False, description="the CNIe applicant refused that TES keeps the prints")
    checks: OnlineChecks | None = None
    attested_at: datetime | None = Field(None, description="when the applicant attested on honour, after the "
                                                           "summary was read back")
    civil: Civil
    address: Address
    contact: Contact
    photo: Photo
    fingerprints: list[Finger]
    signature: SignatureInfo
    documents: list[DocumentRef]
    created_at: datetime
    sealed_at: datetime
    biometrics: str = Field(fmt.BIOMETRICS, description="package entry of the ANSI/NIST-ITL transaction")


def template_entry(position: str) -> str:
    return f"{fmt.TEMPLATE_DIR}{position}.ist"


def document_entry(index: int, kind: str) -> str:
    return f"{fmt.DOCUMENT_DIR}{index:02d}-{kind}.png"


def application(dossier: Dossier, station_id: str, sealed_at: datetime) -> PackageDossier:
    photo = dossier.photo
    assert photo is not None and dossier.title is not None  # a complete dossier has both
    assert len(dossier.requests) == 1  # a couplée application is split before sealing (workflow.split)
    request = dossier.requests[0]
    sig = dossier.signature
    signed = sig is not None and sig.png is not None and sig.exemption is None
    return PackageDossier(
        dossier_id=dossier.id,
        station_id=station_id,
        agent_id=dossier.agent_id,
        title=dossier.title.value,
        reason=dossier.reason.value if dossier.reason else None,
        pre_application=dossier.pre_application,
        fee_stamp=dossier.fee_stamp,
        previous_title=PreviousTitle(**request.previous.model_dump(mode="json")) if request.previous else None,
        declaration_reference=request.declaration_reference,
        linked_dossiers=list(dossier.linked_dossiers),
        nationality_basis=dossier.nationality.value if dossier.nationality else None,
        guardian=_guardian(dossier),
        attested_at=dossier.attested_at,
        tes_prints_refused=dossier.tes_prints_refused,
        checks=OnlineChecks(birth=dossier.birth_check.status.value, birth_differing=dossier.birth_check.differing,
                            fee_stamp=request.stamp_check.status.value),
        civil=Civil(**{**dossier.civil.model_dump(mode="json")}),
        address=Address(**dossier.address.model_dump(mode="json")),
        contact=Contact(**dossier.contact.model_dump(mode="json")),
        photo=Photo(
            source=photo.source, captured_at=photo.captured_at, ephoto_code=photo.ephoto_code,
            width=photo.width, height=photo.height, dpi=photo.dpi,
            failed_checks=[c.name for c in photo.checks if not c.passed],
            override_reason=photo.override.reason.value if photo.override else None,
            override_agent=photo.override.agent_id if photo.override else "",
            renewal_distance=photo.renewal.distance if photo.renewal else None,
        ),
        fingerprints=[
            Finger(position=f.position.value, quality=f.quality,
                   exception=f.exception.value if f.exception else None,
                   exception_confirmed_by=f.exception_confirmed_by,
                   template=template_entry(f.position.value) if f.captured and f.template else None)
            for f in dossier.fingerprints
        ],
        signature=SignatureInfo(
            signed=signed,
            exemption=sig.exemption if sig else None,
            exemption_reason=sig.exemption_reason.value if sig and sig.exemption_reason else None,
            dynamics=fmt.SIGNATURE_DYNAMICS if signed and sig is not None and sig.iso_19794_7 else None,
        ),
        documents=[DocumentRef(kind=doc.kind.value, file=document_entry(i, doc.kind.value), dpi=doc.dpi,
                               page=doc.page, twoddoc=doc.twoddoc or None)
                   for i, doc in enumerate(dossier.documents, start=1)],
        created_at=dossier.created_at,
        sealed_at=sealed_at,
    )


def _guardian(dossier: Dossier) -> Guardian | None:
    g = dossier.guardian
    if g is None:
        return None
    signed = g.signature is not None and g.signature.png is not None
    return Guardian(surname=g.surname, given_names=g.given_names, link=g.link.value if g.link else None,
                    id_document=g.id_document, parents_separated=g.parents_separated,
                    judgement_seen=g.judgement_seen, signature=fmt.GUARDIAN_SIGNATURE if signed else None)
