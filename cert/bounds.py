"""What the CERT accepts for a package, whichever way it arrives (one-shot PUT or chunked upload).

Patterns keep their anchors because pydantic reuses them (`Field(pattern=...)`, where `$` is the end of
the text), but Python code must test them with `fullmatch`: `re.match` with `$` accepts a trailing
newline ("abc\\n"), which would let a key or digest with a newline in."""

from __future__ import annotations

import re

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
KEY_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")  # the idempotency key in the URL
HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")  # digests as the station sends them: lowercase hex
