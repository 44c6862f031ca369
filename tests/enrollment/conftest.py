"""The encrypted store the enrollment tests open: a fresh key file and database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrollment.store import FileKeyProvider, Store


@pytest.fixture
def key(tmp_path: Path) -> FileKeyProvider:
    k = FileKeyProvider(tmp_path / "store.key")
    k.create()
    return k


@pytest.fixture
def store(tmp_path: Path, key: FileKeyProvider) -> Iterator[Store]:
    s = Store(tmp_path / "station.db", key)
    yield s
    s.close()
