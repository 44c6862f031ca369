"""What the agent does at the counter for two typical applications (devstation/counter_effort.py): keys
typed, clicks, codes scanned and screens shown, and the time from "Nouvelle demande" to the dossier(s)
queued with the simulated devices and the reference CERT on loopback (the simulated camera's, scanner's and
pad's own pace included: it is the software's time at the counter, not the applicant's). Counts are the
same at every run; the time is the median of three runs, each on a fresh station (the pre-application,
ePhoto code and stamps are used up by the CERT)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench._timing import Figure

RUNS = 3


def figures(tmp: Path) -> Iterator[Figure]:
    runs: dict[str, list[dict]] = {}
    for n in range(RUNS):
        out = subprocess.run([sys.executable, "-m", "bench._counter_child", str(tmp / f"run-{n}")],
                             capture_output=True, text=True, timeout=600, check=True).stdout
        for line in out.splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                runs.setdefault(row["scenario"], []).append(row)
    for scenario, rows in runs.items():
        first = rows[0]
        for count in ("keystrokes", "clicks", "scans", "screens"):
            yield f"counter.{scenario}.{count}", first[count], "count"
        yield f"counter.{scenario}.seconds_to_queued", round(statistics.median(r["seconds"] for r in rows), 2), "s"
