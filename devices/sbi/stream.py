"""Reading an SBI STREAM: M-JPEG parts in a multipart/x-mixed-replace body.

Devices frame it loosely (MOSIP's own mock writes the boundary parameter with its leading dashes), so this
reads it as MOSIP's registration client does rather than as strict RFC 2046: find a part's Content-Length,
skip to the JPEG's start of image, take that many bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_LENGTH = re.compile(rb"Content-Length:\s*(\d{1,8})\r?\n", re.IGNORECASE)
_HEADERS_MAX = 1024
MAX_FRAME = 8 * 1024 * 1024


def jpeg_frames(response: Any, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """Yield each JPEG of the stream; closes the response when the caller stops or the device ends it."""
    buffer = b""
    try:
        for data in response.iter_content(chunk):
            buffer += data
            while True:
                found = _LENGTH.search(buffer)
                if found is None:
                    buffer = buffer[-_HEADERS_MAX:]  # keep what may be a header cut in two
                    break
                size = int(found.group(1))
                start = buffer.find(b"\xff\xd8", found.end())
                if start < 0 and len(buffer) - found.end() <= _HEADERS_MAX:
                    break  # the image has not begun yet: wait for more
                if start < 0 or size > MAX_FRAME or start - found.end() > _HEADERS_MAX:
                    buffer = buffer[found.end():]  # a part that is no image: skip its header
                    continue
                if len(buffer) < start + size:
                    break
                yield buffer[start:start + size]
                buffer = buffer[start + size:]
    finally:
        response.close()
