"""A title produced from an acknowledged dossier (`cert-server title produce`, or `produce()` for demos):
its number, kind, holder, collecting mairie and the biometrics the hand-over check needs, status `sent`.

Everything comes from what the CERT stored when it accepted the package (cert/storage.py: the verified
files and the sealing mairie), read through the published formats only (docs/package-format.md,
docs/ansi-nist.md): `dossier.json`, `templates/<FGP>.ist` and the Type-10 face of `biometrics.an2`.
One dossier gives one title: producing it again returns the title already made.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..an2 import image_data, tagged_records
from ..storage import Storage
from . import open_stores
from .holders import Finger, Holder, Holders
from .titles import TitleRecord, envelope_barcode

KINDS = {"cni": "cni", "passeport": "passport"}  # dossier.json's title -> the CERT's title kind
_ALNUM = string.ascii_uppercase + string.digits


class ProductionError(Exception):
    """Why a dossier cannot give a title, in English for the CERT operator."""


@dataclass(frozen=True)
class Produced:
    number: str
    barcode: str
    created: bool  # False: this dossier's title already existed


def new_number(kind: str) -> str:
    """CNIe: 9 letters and digits; passport: 2 digits, 2 letters, 5 digits (e.g. 21AB12345)."""
    pick = secrets.choice
    if kind == "passport":
        return ("".join(pick(string.digits) for _ in range(2)) + "".join(pick(string.ascii_uppercase) for _ in range(2))
                + "".join(pick(string.digits) for _ in range(5)))
    return "".join(pick(_ALNUM) for _ in range(9))


def face_jpeg(an2: bytes) -> bytes:
    """The Type-10 record's image data (10.999) of the dossier's ANSI/NIST-ITL transaction."""
    for record_type, record in tagged_records(an2):
        if record_type == 10 and (jpeg := image_data(record, 10)) is not None:
            return jpeg
    raise ProductionError("biometrics.an2 holds no Type-10 face image")


def produce(data_dir: Path, dossier_number: str, now: datetime | None = None,
            mairie_name: str | None = None) -> Produced:
    """Make the title of an acknowledged dossier (status `sent`); its envelope barcode in the result."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    storage = Storage(data_dir)
    try:
        if storage.by_number(dossier_number) is None:
            raise ProductionError(f"no acknowledged dossier numbered {dossier_number}")
        files, insee = storage.files(dossier_number), storage.mairie_of(dossier_number)
    finally:
        storage.close()
    if not insee:
        raise ProductionError("the dossier's sealing mairie is not known (station certificate without INSEE code)")
    try:
        dossier = json.loads(files["dossier.json"])
        kind = KINDS[dossier["title"]]
        civil, contact = dossier["civil"], dossier.get("contact") or {}
        birth = date.fromisoformat(civil["birth_date"])
        fingers = tuple(Finger(f["position"], f.get("exception")) for f in dossier.get("fingerprints", []))
        templates = {f["position"]: files[f["template"]] for f in dossier.get("fingerprints", [])
                     if f.get("template")}
        photo = face_jpeg(files[dossier.get("biometrics") or "biometrics.an2"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ProductionError(f"the dossier lacks what a title needs ({type(exc).__name__})") from exc
    stores = open_stores(data_dir, with_seed=False)
    try:
        existing = stores.holders.by_dossier(dossier_number)
        if existing is not None:
            return Produced(existing, envelope_barcode(existing), created=False)
        commune = stores.db.read_one("SELECT name FROM commune WHERE insee = ?", (insee,))
        name = mairie_name or (f"Mairie de {commune[0]}" if commune else f"Mairie {insee}")
        while True:
            number = new_number(kind)
            if stores.titles.get(number) is None:
                break
        holder = Holder(number, dossier_number, civil["surname"], civil["given_names"], civil.get("usage_name", ""),
                        birth, fingers, photo, templates)
        record = TitleRecord(number, kind, "sent", now, name, str(contact.get("phone", "")), insee)
        with stores.db.tx() as c:
            stores.titles.insert(c, record)
            Holders.insert(c, holder)
        return Produced(number, envelope_barcode(number), created=True)
    finally:
        stores.close()

