"""The récépissé of a sealed application, rendered from the store and printed, and again on request until
the CERT acknowledges the dossier (then its data is gone from the station, and so is the reprint).

Blocking work (reading the store, rendering, CUPS) runs off the GUI thread: the window calls
`print_recepisse` through its call runner and shows the French outcome."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from enrollment.errors import EnrollmentError
from enrollment.model import Dossier, State

from .applicant_receipt import handover_receipt, recepisse, render_pdf
from .errors import StationError
from .strings import message

if TYPE_CHECKING:
    from .context import StationContext

JOB_TITLE = "Recepisse"  # the job's name in CUPS's logs: never the applicant's
HANDOVER_JOB_TITLE = "Attestation de remise"


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


def render_recepisse(ctx: StationContext, dossiers: list[Dossier]) -> bytes:
    session = ctx.session
    agent = session.display_name if session else dossiers[0].agent_id
    return render_pdf(recepisse(dossiers, ctx.config.mairie_name or ctx.config.mairie_insee, ctx.config.station_id,
                                agent, datetime.now(), ctx.today(), ctx.rules()))


def recepisse_pdf(ctx: StationContext, dossier_id: str) -> bytes:
    return render_recepisse(ctx, interview_dossiers(ctx, dossier_id))


def seal_with_recepisse(ctx: StationContext, draft: Dossier, pin: str | None = None) -> bytes:
    """Seal the application and return its récépissé, rendered from the dossiers as they are sealed and
    before they are: the CERT may acknowledge a dossier (and the station purge it) a second after its
    queueing, before a récépissé read back from the store could be rendered."""
    from enrollment import workflow

    pdf = render_recepisse(ctx, workflow.split(draft))
    ctx.seal(draft.id, pin)
    return pdf


def print_pdf(ctx: StationContext, pdf: bytes, queue: str = "", copies: int = 1) -> str:
    return ctx.devices.printer.call("print_pdf", pdf, JOB_TITLE, queue=queue, copies=copies).result().queue


def print_handover(ctx: StationContext, title_label: str, number: str, holder: str) -> str:
    """The attestation of a title handed over: rendered and printed; returns the queue."""
    session = ctx.session
    pdf = render_pdf(handover_receipt(title_label, number, holder, ctx.config.mairie_name or ctx.config.mairie_insee,
                                      ctx.config.station_id, session.display_name if session else "",
                                      datetime.now()))
    return ctx.devices.printer.call("print_pdf", pdf, HANDOVER_JOB_TITLE).result().queue


def print_recepisse(ctx: StationContext, dossier_id: str, queue: str = "", copies: int = 1) -> str:
    """Render and print (on `queue`, "" = the station's); returns the queue it went to. StationError or
    DeviceError (French) otherwise."""
    return print_pdf(ctx, recepisse_pdf(ctx, dossier_id), queue, copies)
