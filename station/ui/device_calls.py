"""Runs blocking work (device I/O, authentication, sealing) off the GUI thread and hands the result back
on it. The device's own worker thread runs the call; a queued Qt signal brings the outcome home."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class _Delivery(QObject):
    """Lives in the GUI thread; its slot therefore runs there, whichever thread emits."""

    arrived = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, callbacks: tuple, result: Any, error: BaseException | None) -> None:
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        else:
            on_error(error)


class Calls:
    """`calls.run(future, on_done, on_error)`; also `calls.spawn(fn, ...)` for non-device blocking work."""

    def __init__(self) -> None:
        self._delivery = _Delivery()
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._closing = False

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, future: Future, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
        with self._lock:
            self._pending += 1

        def finished(f: Future) -> None:
            with self._lock:
                self._pending -= 1
                self._idle.notify_all()
                if self._closing:  # the window is going away: nobody is left to show the outcome
                    return
            error = f.exception()
            self._delivery.arrived.emit((on_done, on_error), None if error else f.result(), error)

        future.add_done_callback(finished)

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Deliver nothing more, and give calls in flight a moment to end before Qt objects are destroyed."""
        with self._lock:
            self._closing = True
            self._idle.wait_for(lambda: self._pending == 0, timeout_s)

    def spawn(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        future: Future = Future()

        def work() -> None:
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # handed to on_error on the GUI thread
                future.set_exception(exc)

        self.run(future, on_done, on_error)
        threading.Thread(target=work, name=f"task-{getattr(fn, '__name__', 'work')}", daemon=True).start()
