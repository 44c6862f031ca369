"""`python -m bench`: every figure as one JSON line {"name", "value", "unit"}."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

from . import station


def main() -> None:
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="recueil-bench-") as tmp:
        for name, value, unit in station.figures(Path(tmp)):
            print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


if __name__ == "__main__":
    main()
