"""Every key of the French catalogues is used by the code: a message nobody can show still costs a
reviewer's reading and a translator's care, and hides which messages the agent really sees.

A key counts as used when the code names it whole, or builds it: `f"abandon.reason.{code}"` or
`"step." + key` uses "abandon.reason.doublon" when "doublon" is itself a constant of the code (the enum
value or code that fills the gap). The code read is every package, the reference CERT and the simulators
included (a device error code may travel from the simulator), tests excluded: a key only a test names
is not shown to anybody."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from devices.strings import CHECKS, DEVICE_NAMES
from devices.strings import MESSAGES as DEVICE_MESSAGES
from enrollment.strings import MESSAGES as ENROLLMENT_MESSAGES
from station.strings import LABELS as STATION_LABELS
from station.strings import MESSAGES as STATION_MESSAGES
from sync.strings import MESSAGES as SYNC_MESSAGES

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("station", "devices", "enrollment", "sync", "installer", "cert", "hw_mocks", "devstation")
CATALOGUES = {
    "station/strings": {**STATION_MESSAGES, **STATION_LABELS},
    "devices/strings": {**DEVICE_MESSAGES, **CHECKS, **DEVICE_NAMES},
    "enrollment/strings.py": ENROLLMENT_MESSAGES,
    "sync/strings": SYNC_MESSAGES,
}


def _is_catalogue(path: Path) -> bool:
    relative = path.relative_to(REPO).as_posix()
    return any(relative == c or relative.startswith(c + "/") for c in CATALOGUES)


def _code() -> tuple[set[str], list[re.Pattern[str]]]:
    """The constants of the code (str, and int as text), and the patterns of the keys it builds."""
    constants: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            if _is_catalogue(path):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)):
                    constants.add(str(node.value))
                elif isinstance(node, ast.JoinedStr) and node.values:
                    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "(.+)" for v in node.values]
                    if any(isinstance(v, ast.Constant) for v in node.values):
                        patterns.append(re.compile("".join(parts)))
                elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
                      and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
                    patterns.append(re.compile(re.escape(node.left.value) + "(.+)"))
    return constants, patterns


def _built(key: str, constants: set[str], patterns: list[re.Pattern[str]]) -> bool:
    for pattern in patterns:
        match = pattern.fullmatch(key)
        if match and all(gap in constants for gap in match.groups()):
            return True
    return False


def test_every_catalogue_key_is_used_by_the_code() -> None:
    constants, patterns = _code()
    unused = [
        f"{catalogue}: {key}"
        for catalogue, entries in CATALOGUES.items()
        for key in entries
        if key not in constants and not _built(key, constants, patterns)
    ]
    assert not unused, "catalogue keys no code uses (delete them, or use them):\n" + "\n".join(unused)
