"""Simulated barcode reader: codes pushed by the CLI or a test ("scan"), read by the driver ("read").

Like a real reader, a code scanned before anyone asked waits in a small buffer and is delivered to the next
read; a read with nothing scanned waits up to its timeout, then reports "barcode.timeout".
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path
from typing import Any

from hw_mocks.protocol import OpHandler, SimError, arg

MAX_WAIT_S = 120.0  # a read never holds a server thread longer, whatever the client asks
BUFFER = 16


class BarcodeSim:
    name = "barcode"

    def __init__(self, data_dir: Path | None = None) -> None:
        self._scans: collections.deque[tuple[str, str]] = collections.deque(maxlen=BUFFER)
        self._cond = threading.Condition()

    def ops(self) -> dict[str, OpHandler]:
        return {"info": self.info, "read": self.read}

    def control_ops(self) -> dict[str, OpHandler]:
        return {"scan": self.scan}

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            return {"model": "Lecteur de codes-barres simulé", "pending": len(self._scans)}

    def read(self, args: dict[str, Any]) -> dict[str, Any]:
        timeout_s = min(max(arg(args, "timeout_s", float, 10.0), 0.0), MAX_WAIT_S)
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while not self._scans:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SimError("barcode.timeout", f"nothing scanned within {timeout_s:g} s")
                self._cond.wait(remaining)
            symbology, text = self._scans.popleft()
        return {"symbology": symbology, "text": text}

    def scan(self, args: dict[str, Any]) -> dict[str, Any]:
        text = arg(args, "text", str)
        symbology = arg(args, "symbology", str, "QR")
        with self._cond:
            self._scans.append((symbology, text))
            self._cond.notify_all()
        return {"pending": len(self._scans)}
