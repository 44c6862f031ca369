"""One thread per device, so a slow or dead device never freezes the Qt window (the main thread).

Every blocking driver method starts with `assert_not_gui_thread()`; the station reaches drivers only through
`DeviceWorker.submit` (or `DeviceHandle.call`), and gets a Future back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_STOP = object()


def assert_not_gui_thread() -> None:
    """Raise if called on the process's main thread, which is Qt's GUI thread in the station."""
    if threading.current_thread() is threading.main_thread():
        raise RuntimeError("device I/O called on the GUI (main) thread; use a DeviceWorker")


class DeviceWorker:
    """A daemon thread running submitted calls one after the other, in order.

    One queue per device keeps a device's calls serialised (drivers need not be re-entrant) while two
    devices never wait on each other.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._stopped = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                raise RuntimeError(f"device worker {self.name!r} is stopped")
            self._queue.put((future, fn, args, kwargs))
        return future

    def stop(self, timeout_s: float = 2.0) -> None:
        """Stop taking work and let the thread end once the current call returns.

        A call blocked in a device (a barcode read waiting 10 s) is not interrupted: the thread is a daemon,
        so it never keeps the process alive; we only wait `timeout_s` for it.
        """
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._queue.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
                future.set_exception(exc)
            else:
                future.set_result(result)
        # Calls queued after stop() would wait forever: cancel them.
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                item[0].cancel()
