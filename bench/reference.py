"""Reference-data figures: what verifying the cached lists costs. The station re-reads and verifies them
before each new dossier (station/reference.py), so this is added to the agent's "new dossier" click: the
fee table alone, and the three lists with the 380 kB COG file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench._timing import Figure, median_ms
from cert.reference_data import ReferenceStore
from devstation.reference_sets import ALL_SETS, initial_payload
from installer.pki import make_test_pki
from sync.reference.cache import ReferenceCache

RUNS = 30


def figures(tmp: Path) -> Iterator[Figure]:
    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231")
    published = ReferenceStore(tmp / "cert")
    anchor = pki.pem("cert-ca").read_bytes()
    rules_only = ReferenceCache(tmp / "rules-only", anchor, ("rules",))
    every = ReferenceCache(tmp / "every", anchor, ALL_SETS)
    for name in ALL_SETS:
        payload, media_type = initial_payload(name)
        envelope = published.publish(name, payload, media_type, 30, pki.key("cert-reference"),
                                     pki.pem("cert-reference"))
        every.install(name, envelope.data)
        if name == "rules":
            rules_only.install(name, envelope.data)
    yield "reference.verify_rules", median_ms(rules_only.reload, RUNS), "ms"
    yield "reference.verify_all_lists", median_ms(every.reload, RUNS), "ms"
