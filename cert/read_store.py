"""The operator commands' one way to read a CERT store: only if it exists (a listing must not create an
empty database)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar


class _Closable(Protocol):
    def close(self) -> None: ...


S = TypeVar("S", bound=_Closable)
T = TypeVar("T")


def read_store(data_dir: Path, db_name: str, open_store: Callable[[Path], S], read: Callable[[S], T],
          missing: str) -> T | None:
    """`read` over one of the CERT's stores, or None (and `missing` on stderr) when the store was never
    created: the operator's commands only read, they must not leave an empty database behind."""
    if not (data_dir / db_name).exists():
        print(missing, file=sys.stderr)
        return None
    store = open_store(data_dir)
    try:
        return read(store)
    finally:
        store.close()
