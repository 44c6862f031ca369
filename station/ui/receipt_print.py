"""Print an application's récépissé from the window: the work off the GUI thread, the outcome in the banner.
A failed print never undoes the sealing: the agent is told why and reprints from the Transmissions page."""

from __future__ import annotations

from collections.abc import Callable

from ..context import StationContext
from ..errors import StationError
from ..strings import message
from .notifications import agent_message


def print_recepisse_later(ctx: StationContext, dossier_id: str, queue: str = "", copies: int = 1,
                          on_finished: Callable[[bool], None] | None = None) -> None:
    from ..receipt_printing import print_recepisse  # the PDF library loads with the first receipt, not the window

    _print(ctx, "print.sent", on_finished, print_recepisse, ctx, dossier_id, queue, copies)


def print_rendered_later(ctx: StationContext, pdf: bytes) -> None:
    """A récépissé already rendered (at sealing) to the printer."""
    from ..receipt_printing import print_pdf

    _print(ctx, "print.sent", None, print_pdf, ctx, pdf)


def print_handover_later(ctx: StationContext, title_label: str, number: str, holder: str) -> None:
    from ..receipt_printing import print_handover

    _print(ctx, "print.handover_sent", None, print_handover, ctx, title_label, number, holder)


def _print(ctx: StationContext, sent: str, on_finished: Callable[[bool], None] | None, fn: Callable[..., str],
           *args: object) -> None:
    def done(queue: str) -> None:
        ctx.notifications.info(message(sent, printer=queue))
        if on_finished:
            on_finished(True)

    def failed(error: BaseException) -> None:
        if getattr(error, "code", "") == "printer.none":
            ctx.notifications.warning(message("print.none"))
        elif isinstance(error, StationError):
            ctx.notifications.warning(error.message)
        else:
            ctx.notifications.warning(message("print.failed", reason=agent_message(error)))
        if on_finished:
            on_finished(False)

    ctx.calls.spawn(fn, *args, on_done=done, on_error=failed)
