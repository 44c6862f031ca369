"""What the CERT does once a dossier is accepted: use up the single-use references it arrived with.

The ePhoto code, the electronic fee stamp and the online pre-application can each serve one dossier
only. The first dossier to arrive with one uses it up, recorded with the station that sealed it. One
already used by another dossier does not stop receipt: the station checked it at the counter, and the
instructing agent decides (it is logged, with codes only, for them)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from .ephoto import EphotoStore
from .lookups import LookupStores

log = logging.getLogger(__name__)


def use_references(dossier: dict, dossier_key: str, station_id: str, ephoto: EphotoStore | None,
                   lookups: LookupStores | None, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    photo = dossier.get("photo")
    code = photo.get("ephoto_code") if isinstance(photo, dict) else None
    if ephoto is not None and isinstance(code, str) and code:
        record = ephoto.consume(code, dossier_key, now, station_id)
        _report("ephoto", record is not None, record is not None and record.used_by == dossier_key)
    if lookups is None:
        return
    stamp = dossier.get("fee_stamp")
    if isinstance(stamp, str) and stamp:
        fee = lookups.fee_stamps.consume(stamp, dossier_key, now, station_id)
        _report("fee_stamp", fee is not None, fee is not None and fee.used_by == dossier_key)
    number = dossier.get("pre_application")
    if isinstance(number, str) and number:
        pre = lookups.pre_applications.use(number, dossier_key)
        _report("pre_application", pre is not None, pre is not None and pre.used_by == dossier_key)


def _report(kind: str, known: bool, ours: bool) -> None:
    if not ours:
        log.warning("dossier arrived with a reference not valid for it",
                    extra={"event": f"cert.{kind}_reused", "status": 409 if known else 404})
