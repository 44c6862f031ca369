"""Fictitious data the reference CERT starts with, so demos and tests have every case of every lookup.

Names, dates and addresses are invented; phone numbers are in the range ARCEP reserves for fiction
(06 39 98 xx xx). Seeding is idempotent (INSERT OR IGNORE): a restart keeps uses and receipts.
Dates are relative to the first start, so "valid" stays valid for months.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ..ephoto import add_months
from .comedec import BirthRecord, BirthRegisters
from .fee_stamp import VALIDITY_MONTHS as STAMP_MONTHS
from .fee_stamp import FeeStampRecord, FeeStamps
from .preapplication import VALIDITY_MONTHS as PRE_MONTHS
from .preapplication import PreApplicationRecord, PreApplications
from .titles import COLLECT_MONTHS, TitleRecord, Titles

PRE_APPLICATIONS = {"valid": "PD7K2M9TR4", "couple": "PD3XW8N5QA", "expired": "PD9ZL4C2HB", "used": "PD5RT7V1KE"}
FEE_STAMPS = {"valid_86": "4417203918265530", "valid_25": "4417203918265548", "expired": "4417203918265556",
              "used": "4417203918265564"}
TITLES = {"sent_cni": "X4RTBPFW4", "sent_passport": "21AB12345", "in_production": "Y7KDM2QX8",
          "received": "Z2HNC5RT9", "destroyed": "W8PLV3JS6", "handed_over": "22CD67890",
          "sent_beaune": "B3EAU7NE2"}
MAIRIE = "Mairie de Dijon"
MAIRIE_INSEE = "21231"  # the test PKI's station is Dijon's (tests/fixtures/pki.py)
OTHER_MAIRIE, OTHER_MAIRIE_INSEE = "Mairie de Beaune", "21054"

_CIVIL = {"surname": "DUPONT", "given_names": "Jeanne Marie", "sex": "F", "birth_date": "1990-05-17",
          "birth_commune": "DIJON", "birth_commune_insee": "21231", "birth_country": "FRANCE"}
_ADDRESS = {"line1": "12 rue de la Liberté", "line2": "", "postcode": "21000", "city": "DIJON"}
_CONTACT = {"email": "jeanne.dupont@example.org", "phone": "+33639980101"}

COMMUNES = (("21231", "Dijon", True), ("21054", "Beaune", True), ("75056", "Paris", True),
            ("58194", "Nevers", True), ("21003", "Agencourt", False))
BIRTHS = (
    BirthRecord("21231", "DUPONT", "Jeanne Marie", "F", date(1990, 5, 17)),
    BirthRecord("21231", "MARTIN", "Lucas Pierre", "M", date(2012, 3, 2)),
    BirthRecord("21054", "N'GUYEN-LEFÈVRE", "Élodie", "F", date(1985, 11, 30)),
    BirthRecord("75056", "MOREAU", "Hugo", "M", date(2001, 7, 14)),
    BirthRecord("21231", "DUPONT-DEMO", "Jean Marc", "M", date(1988, 5, 14)),  # the demo's applicant
)


def seed(pre: PreApplications, stamps: FeeStamps, births: BirthRegisters, titles: Titles,
         now: datetime | None = None) -> None:
    now = now or datetime.now(UTC).replace(microsecond=0)
    day = timedelta(days=1)
    couple = {**_CIVIL, "surname": "MARTIN", "given_names": "Lucas Pierre", "sex": "M", "birth_date": "2012-03-02"}
    for label, created, title, civil, used_by in (
        ("valid", now - 12 * day, "cni", _CIVIL, None),
        ("couple", now - 40 * day, "both", couple, None),
        ("expired", add_months(now, -PRE_MONTHS) - day, "passport", _CIVIL, None),
        ("used", now - 30 * day, "cni", _CIVIL, "seed-dossier"),
    ):
        pre.add(PreApplicationRecord(PRE_APPLICATIONS[label], created, title, civil, _ADDRESS, _CONTACT, used_by))
    for label, cents, bought, used_by in (
        ("valid_86", 8600, now - 5 * day, None),
        ("valid_25", 2500, now - 60 * day, None),
        ("expired", 8600, add_months(now, -STAMP_MONTHS) - day, None),
        ("used", 4200, now - 20 * day, "seed-dossier"),
    ):
        stamps.add(FeeStampRecord(FEE_STAMPS[label], cents, bought, bought + day if used_by else None, used_by))
    for insee, name, connected in COMMUNES:
        births.add_commune(insee, name, connected)
    for record in BIRTHS:
        births.add_record(record)
    for label, kind, status, at, phone, *elsewhere in (
        ("sent_cni", "cni", "sent", now - 2 * day, "+33639980101"),
        ("sent_passport", "passport", "sent", now - 1 * day, "+33639980102"),
        ("in_production", "cni", "in_production", now - 3 * day, "+33639980103"),
        ("received", "cni", "received", now - 10 * day, "+33639980104"),
        ("destroyed", "passport", "received", add_months(now, -COLLECT_MONTHS) - 5 * day, "+33639980105"),
        ("handed_over", "passport", "handed_over", now - 40 * day, "+33639980106"),
        ("sent_beaune", "cni", "sent", now - 2 * day, "+33639980107", OTHER_MAIRIE, OTHER_MAIRIE_INSEE),
    ):
        mairie, insee = elsewhere or (MAIRIE, MAIRIE_INSEE)
        titles.add(TitleRecord(TITLES[label], kind, status, at, mairie, phone, insee))
