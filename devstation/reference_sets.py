"""The reference lists a development CERT publishes at set-up (docs/reference-data.md): the same values the
station ships (the software's fee table and thresholds, its 2D-Doc trust list, its COG file), signed with
the test PKI's reference-data key, each only if not published yet (a restart keeps the versions)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from cert.reference_data import DEFAULT_MAX_AGE_DAYS, ReferenceStore
from installer.pki import PkiPaths
from sync.reference.rules_set import rules_payload

ALL_SETS = ("rules", "twoddoc-trust", "communes")


def initial_payload(name: str) -> tuple[bytes, str]:
    """The payload and media type of a list as the station ships it."""
    if name == "rules":
        return json.dumps(rules_payload(), sort_keys=True).encode(), "application/json"
    if name == "twoddoc-trust":
        data = (resources.files("enrollment.documents.twoddoc") / "trust_list.json").read_bytes()
        return data, "application/json"
    if name == "communes":
        return (resources.files("enrollment.civil") / "data" / "cog.csv.gz").read_bytes(), "application/gzip"
    raise ValueError(name)


def publish_initial(pki: PkiPaths, data_dir: Path, names: tuple[str, ...] = ALL_SETS) -> None:
    store = ReferenceStore(data_dir)
    for name in names:
        if store.get(name) is None:
            payload, media_type = initial_payload(name)
            store.publish(name, payload, media_type, DEFAULT_MAX_AGE_DAYS, pki.key("cert-reference"),
                          pki.pem("cert-reference"))
