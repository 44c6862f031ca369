"""A TOML writer for the station's configuration shape only: top-level keys, then one table per section,
each holding strings, numbers, booleans, paths or lists of strings.

The standard library reads TOML (tomllib) but does not write it, and the locked environment has no
writer (tomli-w, tomlkit); this shape is small enough that a dependency would be more to review than
these lines. Anything outside it (nested tables, lists of anything but strings, dates, infinities) is refused,
not guessed."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import PurePath

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _key(name: str) -> str:
    if not _BARE_KEY.match(name):
        raise ValueError(f"not a bare TOML key: {name!r}")
    return name


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(v: object) -> str:
    """One value as TOML writes it."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"not a finite number: {v!r}")
        return repr(v)
    if isinstance(v, PurePath):
        return _string(str(v))
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list | tuple) and all(isinstance(item, str) for item in v):
        return "[" + ", ".join(_string(item) for item in v) + "]"
    raise TypeError(f"not a configuration value: {type(v).__name__}")


def dumps(top: Mapping[str, object], sections: Mapping[str, Mapping[str, object]], header: str = "") -> str:
    """The document: `header` as comment lines, the top-level keys, then each non-empty section in order."""
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"{_key(k)} = {value(v)}" for k, v in top.items()]
    for name, table in sections.items():
        if table:
            lines += ["", f"[{_key(name)}]"]
            lines += [f"{_key(k)} = {value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"
