"""WSQ bytes from outside the station are decoded in a worker process: a file that makes NBIS's C decoder
crash or hang is refused, and the station goes on."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from enrollment.errors import EnrollmentError
from enrollment.fingerprint.wsq_codec import decode_wsq, encode_wsq
from enrollment.fingerprint.wsq_isolated import decode_untrusted_wsq, stop_worker

from .prints import load, needs_fingers

pytestmark = needs_fingers


@pytest.fixture(scope="module")
def good() -> bytes:
    return encode_wsq(load("fvc2002db1b_104_1"))


@pytest.fixture(scope="module")
def crafted(good: bytes) -> bytes:
    """The good file with its Huffman table numbered 166: NBIS keeps 8 tables and indexes past them."""
    data = bytearray(good)
    data[data.index(b"\xff\xa6") + 4] = 166
    return bytes(data)


@pytest.fixture(autouse=True, scope="module")
def _worker_stops():
    yield
    stop_worker()


def test_the_crafted_file_is_never_decoded_in_place(crafted):
    """Why the worker exists: NBIS writes out of bounds on this file. Whether that kills the process
    (SIGSEGV) or ends in NBIS's own error depends on what the stray write hits, so either is seen; a
    clean decode never is."""
    done = subprocess.run([sys.executable, "-c", "import sys\n"
                           "from enrollment.fingerprint.wsq_codec import decode_wsq\n"
                           "decode_wsq(sys.stdin.buffer.read())"],
                          input=crafted, capture_output=True, check=False)
    assert done.returncode < 0 or b"WSQ Error" in done.stderr, (done.returncode, done.stderr[-500:])


def test_a_crafted_file_is_refused_and_the_next_file_still_decodes(good, crafted):
    with pytest.raises(EnrollmentError) as caught:
        decode_untrusted_wsq(crafted)
    assert caught.value.code == "fingerprint.bad_wsq" and "WSQ" in caught.value.message
    np.testing.assert_array_equal(decode_untrusted_wsq(good), decode_wsq(good))


def test_a_file_the_decoder_refuses_is_refused_without_losing_the_worker(good):
    with pytest.raises(EnrollmentError):
        decode_untrusted_wsq(b"\xff\xa0" + b"\x00" * 40)
    assert decode_untrusted_wsq(good).shape == load("fvc2002db1b_104_1").shape


def test_a_decoder_that_does_not_answer_in_time_costs_the_file_not_the_station(good):
    decode_untrusted_wsq(good)  # the worker is up
    with pytest.raises(EnrollmentError):
        decode_untrusted_wsq(good, timeout=0)
    assert decode_untrusted_wsq(good).shape == load("fvc2002db1b_104_1").shape
