"""The lookups a station makes at the reference CERT (docs/cert-api.md, "Lookups"): pre-application,
fee stamp check, reservation and consumption, COMEDEC birth-record check, title status, envelope received (and the
applicant's SMS it queues), and title delivery ("Title delivery": titles waiting, holder, sealed templates,
hand-over, return; titles are made by `cert-server title produce`). One SQLite file (`lookups.sqlite3`) in
the CERT's data folder, seeded at start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter

from ..agent_signature import AgentVerifier
from ..receipts import ReceiptSigner
from ..storage import ClaimCheck
from . import comedec, delivery, fee_stamp_routes, preapplication, titles
from .comedec import BirthRegisters
from .db import LookupDb
from .fee_stamp import FeeStamps
from .handover import Deliveries
from .holders import Holders
from .preapplication import PreApplications
from .seed import seed
from .sms import SMS_FILE, FileSmsGateway, SmsGateway, SmsQueue
from .titles import Titles, envelope_barcode


@dataclass(frozen=True)
class LookupStores:
    db: LookupDb
    pre_applications: PreApplications
    fee_stamps: FeeStamps
    births: BirthRegisters
    sms: SmsQueue
    titles: Titles
    holders: Holders
    deliveries: Deliveries

    def close(self) -> None:
        self.db.close()


def open_stores(data_dir: Path, gateway: SmsGateway | None = None, with_seed: bool = True) -> LookupStores:
    """The stores over `data_dir` (seeded unless told not to); SMS go to `sms.jsonl` there by default."""
    db = LookupDb(data_dir)
    sms = SmsQueue(db, gateway or FileSmsGateway(data_dir / SMS_FILE))
    titles_ = Titles(db, sms)
    stores = LookupStores(db, PreApplications(db), FeeStamps(db), BirthRegisters(db), sms, titles_, Holders(db),
                          Deliveries(db))
    if with_seed:
        seed(stores.pre_applications, stores.fee_stamps, stores.births, stores.titles)
    return stores


def router(stores: LookupStores, peer_cn_key: str, may_use: ClaimCheck | None = None,
           signer: ReceiptSigner | None = None, agents: AgentVerifier | None = None) -> APIRouter:
    """`signer` signs hand-over receipts, `agents` checks who signed a hand-over; without them (the OpenAPI
    export) hand-overs get 503."""
    api = APIRouter(tags=["lookups"])
    # Before titles: /v1/titles/waiting must not be taken for a title number.
    delivery.routes(api, stores.titles, stores.holders, stores.deliveries, stores.sms, signer, agents)
    preapplication.routes(api, stores.pre_applications, peer_cn_key)
    fee_stamp_routes.routes(api, stores.fee_stamps, peer_cn_key, may_use)
    comedec.routes(api, stores.births, peer_cn_key)
    titles.routes(api, stores.titles, stores.holders, stores.sms, peer_cn_key)
    return api


__all__ = ["LookupStores", "SmsGateway", "envelope_barcode", "open_stores", "router"]
