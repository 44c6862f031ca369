"""Fetching the reference lists from the CERT (docs/cert-api.md "Reference data"): the index first, then each
list whose published version is newer than the one held, checked against the index's digest before its
signature is verified (sync/reference/cache.py installs it)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import SyncError
from ..lookup_calls import Service, call
from ..replies import json_object
from .cache import NAME, ReferenceCache
from .envelope import refusal

if TYPE_CHECKING:
    from ..transport import CertClient

log = logging.getLogger(__name__)

INDEX_PATH = "/v1/reference"
SERVICE = Service("reference", unreachable="reference.unreachable", refused="reference.refused",
                  refusals={"no_reference": "reference.not_published"})


@dataclass(frozen=True)
class Published:
    name: str
    version: int
    sha256: str


def fetch_index(client: CertClient) -> list[Published]:
    reply = json_object(call(SERVICE, client, "GET", INDEX_PATH), "reference.bad_reply")
    sets = reply.get("sets")
    if not isinstance(sets, list):
        raise SyncError.of("reference.bad_reply", retryable=True)
    out = []
    for s in sets:
        if not isinstance(s, dict):
            raise SyncError.of("reference.bad_reply", retryable=True)
        name, version, digest = s.get("name"), s.get("version"), s.get("sha256")
        if (not isinstance(name, str) or not NAME.fullmatch(name) or not isinstance(version, int)
                or isinstance(version, bool) or not isinstance(digest, str)):
            raise SyncError.of("reference.bad_reply", retryable=True)
        out.append(Published(name, version, digest.lower()))
    return out


def refresh(client: CertClient, cache: ReferenceCache, now: datetime | None = None) -> dict[str, SyncError | bool]:
    """Fetch and install what is newer; per list read: True installed, False already held, or the error that
    refused it (the others are still tried). SyncError when the index itself cannot be had."""
    outcome: dict[str, SyncError | bool] = {}
    for p in fetch_index(client):
        if p.name not in cache.names:
            continue
        held = cache.current(p.name)
        if held is not None and p.version <= held.version:
            if p.version < held.version:  # the CERT offers older than held: refused, the held one stays
                error = SyncError.of("reference.rollback", retryable=False, name=p.name, version=p.version,
                                     held=held.version)
                outcome[p.name] = cache.problems[p.name] = error
            else:
                outcome[p.name] = False
            continue
        try:
            data = call(SERVICE, client, "GET", f"{INDEX_PATH}/{p.name}").content
            if hashlib.sha256(data).hexdigest() != p.sha256:
                raise refusal(p.name, "digest")
            outcome[p.name] = cache.install(p.name, data, now)
        except SyncError as exc:
            outcome[p.name] = exc
            cache.problems[p.name] = exc
            log.warning("reference list refused", extra={"event": f"reference.refused.{p.name}", "code": exc.code})
    return outcome

