"""A private pcscd with vsmartcard's virtual reader, and waits on what it sees.

The card goes through the real PC/SC stack: driver -> pyscard -> libpcsclite -> pcscd -> vpcd -> the
card emulator of hw-mocks. The daemon is ours (its socket in a temporary folder), so neither the tests
nor the benchmarks need or disturb the system pcscd.

libpcsclite reads PCSCLITE_CSOCK_NAME once, at the first PC/SC context of the process, so
`point_at_private_pcscd()` must run before any (tests/fixtures/pcsc.py calls it at import, before pytest
collects a test).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hw_mocks.smartcard.pcscd import SOCKET_ENV

# The slot the emulated card goes into (vpcd opens two: "... 00 00" on the port, "... 00 01" on port + 1).
READER = "Virtual PCD 00 00"

READY_WAIT_S = 10.0


def socket_path(folder: Path) -> Path:
    """Where a private pcscd run in `folder` puts its socket (hw_mocks/smartcard/pcscd.py)."""
    return folder / "run" / "pcscd" / "pcscd.comm"


def point_at_private_pcscd() -> Path:
    """A fresh folder for a private pcscd, and this process's PC/SC pointed at the socket it will open
    there; the folder goes when the process ends, also when no daemon was started in it."""
    folder = Path(tempfile.mkdtemp(prefix="recueil-pcscd-"))
    os.environ[SOCKET_ENV] = str(socket_path(folder))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def wait_for_reader(folder: Path) -> None:
    """Wait until the private pcscd in `folder` lists READER."""
    from smartcard import scard

    deadline = time.monotonic() + READY_WAIT_S
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, f"no PC/SC context: 0x{hresult & 0xFFFFFFFF:08X}"
    try:
        while time.monotonic() < deadline:
            hresult, names = scard.SCardListReaders(context, [])
            if hresult == scard.SCARD_S_SUCCESS and READER in names:
                return
            time.sleep(0.05)
    finally:
        scard.SCardReleaseContext(context)
    raise AssertionError(f"pcscd lists no Virtual PCD reader; see {folder / 'pcscd.log'}")


def removal_mark() -> int | None:
    """Read before pulling the card out: pcscd's count of card events in READER if it sees a card there
    (`wait_card(False, events_since=mark)` then waits for the removal to be counted), else None."""
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None  # no pcscd: nothing to wait for
    try:
        event = _event_state(context)
    finally:
        scard.SCardReleaseContext(context)
    if event is None or not event & scard.SCARD_STATE_PRESENT:
        return None
    return event >> 16


def wait_card(present: bool, timeout_s: float = 5.0, *, events_since: int | None = None) -> float:
    """Wait until pcscd sees a card in READER (or none); returns the seconds it took.

    `events_since` (a `removal_mark()`): also wait until pcscd's reader thread has counted an event since.
    The reader state alone may say "no card" early: when a reset fails on a card being pulled out,
    pcsc-lite marks the reader empty without telling the thread that polls it (see hw_mocks/smartcard/vpcd_card.py);
    the state is right, but the removal is not yet an event, and a card put back at once would go unseen.
    """
    from smartcard import scard

    started = time.monotonic()
    with _context() as context:
        while time.monotonic() - started < timeout_s:
            event = _event_state(context)
            if (event is not None and bool(event & scard.SCARD_STATE_PRESENT) == present
                    and (events_since is None or event >> 16 != events_since)):
                return time.monotonic() - started
            time.sleep(0.02)
    raise AssertionError(f"pcscd still sees {'no ' if present else 'a '}card after {timeout_s:g} s")


@contextmanager
def _context() -> Iterator[Any]:
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, f"no PC/SC context: 0x{hresult & 0xFFFFFFFF:08X}"
    try:
        yield context
    finally:
        scard.SCardReleaseContext(context)


def _event_state(context: Any) -> int | None:
    """READER's state as SCardGetStatusChange reports it (the event counter in the high word); None if
    pcscd does not answer."""
    from smartcard import scard

    hresult, states = scard.SCardGetStatusChange(context, 0, [(READER, scard.SCARD_STATE_UNAWARE)])
    return states[0][1] if hresult == scard.SCARD_S_SUCCESS else None
