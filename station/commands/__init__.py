"""Technician and tuning commands of `station` (photo-check, finger-quality…), one module each.

A module here defines `register(subparsers)`, adding its sub-command with `set_defaults(func=...)`; the
function takes the parsed arguments and returns the exit code. Heavy imports stay inside the function so
`station --help` remains instant."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{n}") for n in names]
