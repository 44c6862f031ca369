"""What the CERT does as a dossier is accepted: use up the single-use references it arrived with.

The ePhoto code, the electronic fee stamp and the online pre-application can each serve one dossier
only. The first dossier to arrive with one uses it up, recorded with the station that sealed it.

The fee stamp is the applicant's payment, so it is consumed before the dossier is stored, and a package
whose stamp another dossier used or holds is refused (409): that dossier is unpaid, and the agent must
ask for another stamp. A resend of the same dossier finds the stamp already its own. A stamp this CERT
does not know, or one past its date, does not stop receipt: the station checked it at the counter, and
the instructing agent decides. An ePhoto code or a pre-application used by another dossier does not stop
receipt either (it is logged, with codes only, for the instructing agent)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from .ephoto import EphotoStore
from .intake import IntakeError
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
    number = dossier.get("pre_application")
    if isinstance(number, str) and number:
        pre = lookups.pre_applications.use(number, dossier_key)
        _report("pre_application", pre is not None, pre is not None and pre.used_by == dossier_key)


def claim_fee_stamp(dossier: dict, dossier_key: str, station_id: str, lookups: LookupStores | None,
                    now: datetime | None = None) -> None:
    """Consume the dossier's fee stamp for it, before it is stored; IntakeError if another dossier has it."""
    stamp = dossier.get("fee_stamp")
    if lookups is None or not isinstance(stamp, str) or not stamp:
        return
    fee = lookups.fee_stamps.consume(stamp, dossier_key, now or datetime.now(UTC), station_id)
    if fee is None:
        _report("fee_stamp", known=False, ours=False)
    elif fee.used_by is None:
        raise IntakeError(409, "fee_stamp_reserved", "the dossier's fee stamp is reserved for another dossier")
    elif fee.used_by != dossier_key:
        raise IntakeError(409, "fee_stamp_used", "the dossier's fee stamp was already used for another dossier")


def _report(kind: str, known: bool, ours: bool) -> None:
    if not ours:
        log.warning("dossier arrived with a reference not valid for it",
                    extra={"event": f"cert.{kind}_reused", "status": 409 if known else 404})
