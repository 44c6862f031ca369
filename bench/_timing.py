"""What the benchmark families share: the figure type and the median of repeated timings."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

Figure = tuple[str, float, str]  # (name, value, unit), printed as one JSON line


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls of `fn`, in milliseconds (one decimal)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)
