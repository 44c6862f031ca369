"""Print an application's récépissé from the window: the work off the GUI thread, the outcome in the banner.
A failed print never undoes the sealing: the agent is told why and reprints from the Transmissions page."""

from __future__ import annotations

from collections.abc import Callable

from ..context import StationContext
from ..errors import StationError
from ..strings import message
from .notifications import agent_message


def print_recepisse_later(ctx: StationContext, dossier_id: str,
                          on_finished: Callable[[bool], None] | None = None) -> None:
    def done(queue: str) -> None:
        ctx.notifications.info(message("print.sent", printer=queue))
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

    from ..receipt_printing import print_recepisse  # the PDF library loads with the first receipt, not the window

    ctx.calls.spawn(print_recepisse, ctx, dossier_id, on_done=done, on_error=failed)
