"""The CERT's storage: numbering, exactly-once under concurrency."""

from __future__ import annotations

import re
import threading
from datetime import datetime
from pathlib import Path

from cert.storage import Storage


def _maker(calls: list[str]):
    def make(number: str, at: datetime) -> tuple[bytes, bytes]:
        calls.append(number)
        return f"receipt {number}".encode(), b"sig"

    return make


def test_numbers_follow_code_year_sequence(tmp_path: Path) -> None:
    s = Storage(tmp_path, cert_code="21")
    calls: list[str] = []
    a, created_a = s.receive("k1", "DR-1", "aa", b"{}", _maker(calls))
    b, created_b = s.receive("k2", "DR-1", "bb", b"{}", _maker(calls))
    assert created_a and created_b
    year = a.received_at.year
    assert (a.dossier_number, b.dossier_number) == (f"21-{year}-000001", f"21-{year}-000002")
    assert re.fullmatch(r"21-\d{4}-\d{6}", a.dossier_number)
    s.close()
    # Reopening continues the sequence.
    s = Storage(tmp_path, cert_code="21")
    c, _ = s.receive("k3", "DR-1", "cc", b"{}", _maker(calls))
    assert c.dossier_number == f"21-{year}-000003"
    assert s.package("k1") == b"{}" and s.count() == 3


def test_same_key_returns_stored_dossier_without_signing_again(tmp_path: Path) -> None:
    s = Storage(tmp_path)
    calls: list[str] = []
    first, _ = s.receive("k1", "DR-1", "aa", b"{}", _maker(calls))
    again, created = s.receive("k1", "DR-1", "other", b"x", _maker(calls))
    assert not created and again == first and len(calls) == 1
    assert s.package("k1") == b"{}"


def test_concurrent_resends_store_one_copy(tmp_path: Path) -> None:
    s = Storage(tmp_path)
    calls: list[str] = []
    results: list[str] = []
    barrier = threading.Barrier(8)

    def send() -> None:
        barrier.wait()
        results.append(s.receive("k1", "DR-1", "aa", b"{}", _maker(calls))[0].dossier_number)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and s.count() == 1 and len(calls) == 1
