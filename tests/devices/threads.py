"""Driver methods refuse the main thread (it is Qt's GUI thread in the station): tests call them here."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def off_main(fn: Callable[..., T], *args: Any, timeout_s: float = 60.0, **kwargs: Any) -> T:
    with ThreadPoolExecutor(1, thread_name_prefix="test-device") as pool:
        return pool.submit(fn, *args, **kwargs).result(timeout_s)
