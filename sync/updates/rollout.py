"""Which release a station takes: versions, and the signed staged rollout (the target's `custom` field).

A station is in a release's first wave when the CERT named it, or when its stable bucket (SHA-256 of its
station id, 0-99) is below the release's percentage; everyone is once the grace period ends
(`mandatory_after`). The station decides from signed data only: a relay cannot widen a rollout."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

ARCHIVE_NAME = re.compile(r"recueil-station-(?P<version>\d+(?:\.\d+){0,3})-linux-(?P<arch>[a-z0-9_]+)\.tar\.gz")
CUSTOM_KEY = "recueil"


def parse_version(text: str) -> tuple[int, ...]:
    """"1.10.2" -> (1, 10, 2): dotted numbers compare as numbers; ValueError for anything else."""
    if not re.fullmatch(r"\d+(?:\.\d+){0,3}", text):
        raise ValueError(f"not a release version: {text!r}")
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (4 - len(parts)))


def bucket(station_id: str) -> int:
    """The station's stable place in every rollout, 0-99: the same id always lands in the same bucket."""
    return int.from_bytes(hashlib.sha256(station_id.encode("utf-8")).digest()[:8], "big") % 100


@dataclass(frozen=True)
class Rollout:
    version: str
    percent: int
    stations: tuple[str, ...]
    published_at: datetime
    mandatory_after: datetime

    @classmethod
    def from_custom(cls, custom: dict[str, Any] | None) -> Rollout:
        """The signed rollout; ValueError when a release carries none or a malformed one (never offered)."""
        data = (custom or {}).get(CUSTOM_KEY)
        if not isinstance(data, dict):
            raise ValueError("release without a rollout")
        mandatory = datetime.fromisoformat(str(data["mandatory_after"]))
        published = datetime.fromisoformat(str(data["published_at"]))
        if mandatory.tzinfo is None or published.tzinfo is None:
            raise ValueError("rollout dates without a time zone")
        stations = data.get("stations", [])
        if not isinstance(stations, list) or not all(isinstance(s, str) for s in stations):
            raise ValueError("malformed station list")
        percent = int(data.get("percent", 0))
        return cls(str(data["version"]), max(0, min(100, percent)), tuple(stations), published, mandatory)

    def offers(self, station_id: str, now: datetime) -> bool:
        return (now >= self.mandatory_after or station_id in self.stations
                or bucket(station_id) < self.percent)

    def mandatory(self, now: datetime) -> bool:
        return now >= self.mandatory_after
