"""WSQ bytes that come from outside the station, decoded in a child process.

NBIS's WSQ decoder (C, behind the `wsq` package) trusts the file's own tables: one byte changed in a Huffman
table is enough for it to write out of bounds and kill the whole process (found by fuzzing the technician's
finger-quality command). The station's own captures are encoded here from pixels and decoded in place
(`wsq_codec.decode_wsq`); bytes from anywhere else come through `decode_untrusted_wsq`, whose worker process
may die or hang on a crafted file without taking the station with it: the file is refused, the worker is
replaced at the next call.

One worker serves a whole batch (spawning it costs about half a second of imports); `spawn`, not `fork`, because the
parent may hold Qt, pcscd and SQLCipher state that a forked child must not inherit."""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import numpy as np

from ..errors import EnrollmentError
from ..strings import message

# A 500 ppi flat four-finger slap decodes in well under a second; ten seconds means the decoder is looping.
TIMEOUT_S = 10.0


def _serve(conn: Connection) -> None:
    """The worker: decode what arrives until the parent closes the pipe."""
    from .wsq_codec import decode_wsq

    # NBIS prints its complaints from C straight to the inherited descriptors: they would land in the
    # middle of a command's JSON output. The refusal reaches the parent as None instead.
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 1)
        os.dup2(devnull.fileno(), 2)

    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            conn.send(decode_wsq(data))
        except Exception:  # EnrollmentError, or the C plugin's bare Exception("WSQ Error: -51"): refused
            conn.send(None)


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child,), name="wsq-decoder",
                                                    daemon=True)
        self.process.start()
        child.close()

    def decode(self, data: bytes, timeout: float) -> np.ndarray | None:
        """The pixels, None for a file the decoder refused; EOFError if the worker died, TimeoutError if it hung."""
        self.conn.send_bytes(data)
        if not self.conn.poll(timeout):
            raise TimeoutError("WSQ decoder did not answer")
        return self.conn.recv()  # EOFError when the worker died on the file

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


_worker: _Worker | None = None
_lock = threading.Lock()


def decode_untrusted_wsq(data: bytes, timeout: float = TIMEOUT_S) -> np.ndarray:
    """WSQ bytes from a file, a device or a server → 8-bit grey pixels; raises EnrollmentError
    (fingerprint.bad_wsq) for a file the decoder refuses, crashes on or hangs on."""
    global _worker
    with _lock:
        if _worker is None:
            _worker = _Worker()
        try:
            pixels = _worker.decode(data, timeout)
        except (EOFError, OSError):  # died (a crafted file) or hung (TimeoutError is an OSError)
            _worker.stop()
            _worker = None
            pixels = None
    if pixels is None:
        raise EnrollmentError("fingerprint.bad_wsq", message("fingerprint.bad_wsq"))
    return pixels


def stop_worker() -> None:
    """Ends the worker now (tests and benchmarks; a command's worker ends with it); the next call starts one."""
    global _worker
    with _lock:
        if _worker is not None:
            _worker.stop()
            _worker = None
