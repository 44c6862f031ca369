"""The récépissé of a sealed application, rendered from the store and printed, and again on request until
the CERT acknowledges the dossier (then its data is gone from the station, and so is the reprint).

Blocking work (reading the store, rendering, CUPS) runs off the GUI thread: the window calls
`print_recepisse` through its call runner and shows the French outcome."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from enrollment.errors import EnrollmentError
from enrollment.model import Dossier, State

from .applicant_receipt import recepisse, render_pdf
from .errors import StationError
from .strings import message

if TYPE_CHECKING:
    from .context import StationContext

JOB_TITLE = "Recepisse"  # the job's name in CUPS's logs: never the applicant's


def _kept(ctx: StationContext, dossier_id: str) -> Dossier | None:
    """The dossier while its data is on the station (sealed, waiting or sent), None once purged."""
    try:
        d = ctx.store.dossiers.load(dossier_id)
    except EnrollmentError:  # the store's "not found": purged, its data gone
        return None
    return None if d.state is State.PURGED or not d.civil.surname else d


def interview_dossiers(ctx: StationContext, dossier_id: str) -> list[Dossier]:
    """The sealed dossiers of one interview: this one first, then the titles linked to it still here."""
    first = _kept(ctx, dossier_id)
    if first is None:
        raise StationError("print.reprint_gone", message("print.reprint_gone"))
    return [first, *(d for d in (_kept(ctx, other) for other in first.linked_dossiers) if d is not None)]


def recepisse_pdf(ctx: StationContext, dossier_id: str) -> bytes:
    dossiers = interview_dossiers(ctx, dossier_id)
    session = ctx.session
    agent = session.display_name if session else dossiers[0].agent_id
    return render_pdf(recepisse(dossiers, ctx.config.mairie_name or ctx.config.mairie_insee, ctx.config.station_id,
                                agent, datetime.now(), ctx.today()))


def print_recepisse(ctx: StationContext, dossier_id: str) -> str:
    """Render and print; returns the queue it went to. StationError or DeviceError (French) otherwise."""
    pdf = recepisse_pdf(ctx, dossier_id)
    job = ctx.devices.printer.call("print_pdf", pdf, JOB_TITLE).result()
    return job.queue
