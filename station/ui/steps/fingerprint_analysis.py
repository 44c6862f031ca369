"""The fingerprint analysis worker: NFIQ 2, minutiae, WSQ and the same-finger check of each try, on one
thread of its own. The scanner's device worker only captures; analysing there would hold the device, and
analysing on the GUI thread would freeze the preview for about 0.1 s a try."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from enrollment.fingerprint.model import FingerPosition

if TYPE_CHECKING:  # NBIS and the WSQ codec load on this worker (or the engines' warm-up), not with the window
    import numpy as np

    from enrollment.fingerprint.impression import Impression

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _worker() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:  # one for the process: NBIS serialises its calls anyway
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="finger-analysis")
        return _executor


def warm_up() -> Future:
    """Load NBIS and the NFIQ 2 model (about 0.5 s) before the first finger is on the glass."""
    return _worker().submit(_load_engine)


def _load_engine() -> None:
    from enrollment.fingerprint import nbis_engine

    nbis_engine.warm_up()


def analyse(pixels: np.ndarray, ppi: int, position: FingerPosition, kept: Mapping[FingerPosition, bytes],
            min_quality: int) -> Future[Impression]:
    return _worker().submit(process, pixels, ppi, position, dict(kept), min_quality)


def process(pixels: np.ndarray, ppi: int, position: FingerPosition, kept: dict[FingerPosition, bytes],
            min_quality: int) -> Impression:
    """enrollment.fingerprint.impression.process, with NBIS imported here on the worker on first use."""
    from enrollment.fingerprint import impression

    return impression.process(pixels, ppi, position, kept, min_quality)
