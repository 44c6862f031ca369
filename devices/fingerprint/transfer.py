"""Reading a captured image in chunks, each checked by its frame's CRC-32, the whole by the image CRC-32.

A damaged chunk (a flipped bit on a poor cable or hub) is asked for again, a bounded number of times; a
transfer that stays damaged is a clear error rather than a wrong fingerprint in the dossier.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable

from devices import strings
from devices.errors import DeviceError
from devices.fingerprint import protocol as p

log = logging.getLogger(__name__)

CHUNK_RETRIES = 3  # re-requests of one chunk before giving up (a real link flips a bit rarely, not 4 in a row)

# Sends READ_CHUNK(index) and returns (status, body); raises FrameError when the reply frame is damaged.
ChunkReader = Callable[[int], tuple[int, bytes]]


def read_image(read_chunk: ChunkReader, status: p.CaptureStatus) -> bytes:
    """The image the scanner holds (`status` is its READY status), chunk by chunk."""
    parts: list[bytes] = []
    retried = 0
    for index in range(status.chunks):
        for attempt in range(CHUNK_RETRIES + 1):
            try:
                parts.append(_one(read_chunk, index, status.chunks))
                break
            except p.FrameError:
                retried += 1
                if attempt == CHUNK_RETRIES:
                    log.warning("fingerprint chunk kept failing", extra={"chunk": index, "retries": retried})
                    raise _transfer_error("chunk", index) from None
    data = b"".join(parts)
    if len(data) != status.image_size or zlib.crc32(data) != status.image_crc:
        raise _transfer_error("image", -1)
    if retried:
        log.info("fingerprint chunks re-read", extra={"retries": retried, "chunks": status.chunks})
    return data


def _one(read_chunk: ChunkReader, index: int, count: int) -> bytes:
    result, body = read_chunk(index)
    if result != p.Status.OK:
        raise _transfer_error("refused", index)
    chunk = p.parse_chunk(body)
    if chunk.index != index or chunk.count != count:
        raise p.FrameError("chunk out of sequence")
    return chunk.data


def _transfer_error(stage: str, index: int) -> DeviceError:
    return DeviceError("fingerprint.transfer", strings.message("fingerprint.transfer"),
                       {"stage": stage, "chunk": index})
