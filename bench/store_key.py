"""The store key at start-up: unsealing it with the TPM 2.0 is on the path from power-on to the
login screen, so it is timed here against a private swtpm (a real TPM chip is slower: an RSA/ECC primary
key takes it tens to hundreds of milliseconds; this figure is the software's own share)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from devices.tpm import TssTpm
from devstation.swtpm import PrivateSwtpm

from ._timing import Figure, median_ms

RUNS = 15


def _off_main(fn):  # type: ignore[no-untyped-def]
    """The driver refuses the GUI thread, i.e. the main thread: run each call on a worker as the station does."""
    out: list = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0] if out else None


def figures(tmp: Path) -> Iterator[Figure]:
    tpm_sim = PrivateSwtpm(tmp / "swtpm")
    tpm_sim.start()
    try:
        tpm = TssTpm(tpm_sim.tcti)
        blob = _off_main(lambda: tpm.seal(secrets.token_bytes(32)))
        yield "store_key.tpm_seal_swtpm", median_ms(lambda: _off_main(lambda: tpm.seal(b"k" * 32)), RUNS), "ms"
        yield "store_key.tpm_unseal_swtpm", median_ms(lambda: _off_main(lambda: tpm.unseal(blob)), RUNS), "ms"
    finally:
        tpm_sim.stop()
