"""Print the published JSON Schema of `dossier.json`: `python -m sync.package.schema > docs/...`."""

from __future__ import annotations

import json

from .application import PackageDossier

if __name__ == "__main__":
    print(json.dumps(PackageDossier.model_json_schema(), indent=2, ensure_ascii=False, sort_keys=True))
