"""`python -m bench [NAME...]`: every figure as one JSON line {"name", "value", "unit"}.

Each module of this package that defines `figures(tmp: Path) -> Iterator[(name, value, unit)]` is a
benchmark family (station, face, fingerprint, package…); naming some runs only those."""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
import sys
import tempfile
from pathlib import Path

import bench


def families(wanted: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    return [n for n in names if not wanted or n in wanted]


def main(argv: list[str]) -> None:
    logging.disable(logging.INFO)
    for name in families(argv):
        module = importlib.import_module(f"bench.{name}")
        figures = getattr(module, "figures", None)
        if figures is None:
            continue
        with tempfile.TemporaryDirectory(prefix=f"recueil-bench-{name}-") as tmp:
            for fig, value, unit in figures(Path(tmp)):
                print(json.dumps({"name": fig, "value": value, "unit": unit}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
