"""The CERT's TUF repository of station releases (docs/updates.md).

Four top-level roles, each with its own keys: root (2 of 3 keys; the operator keeps them offline once the
repository is made), targets (which releases exist, with their signed rollout), snapshot and timestamp
(freshness). Metadata use consistent snapshots: every version of snapshot and targets is served under its
version number and every release under its SHA-256, so a station that reads a set mid-publication still reads
a coherent one.

Layout under `<CERT data folder>/updates/`:
  keys/root-1.key … root-3.key, targets.key, snapshot.key, timestamp.key   (PKCS#8 PEM, 0600)
  metadata/1.root.json root.json timestamp.json N.snapshot.json N.targets.json
  targets/<sha256>.recueil-station-<version>-linux-<arch>.tar.gz

The staged rollout lives in each release's signed `custom` field ({"recueil": {...}}): whoever relays the
metadata cannot widen it without the targets key.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

UPDATES_DIR = "updates"
ROOT_KEYS = ("root-1", "root-2", "root-3")
ROOT_THRESHOLD = 2
ONLINE_ROLES = ("targets", "snapshot", "timestamp")
EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=30),
    "snapshot": timedelta(days=7),
    "timestamp": timedelta(days=1),  # re-signed daily: `cert-server release refresh` (a timer)
}
DEFAULT_GRACE_DAYS = 14
# recueil-station-<version>-linux-<arch>.tar.gz; a version is dotted numbers (what the station compares).
ARCHIVE_NAME = re.compile(r"recueil-station-(?P<version>\d+(?:\.\d+){0,3})-linux-(?P<arch>[a-z0-9_]+)\.tar\.gz")
VERSION = re.compile(r"\d+(?:\.\d+){0,3}")
METADATA_NAME = re.compile(r"(?:\d{1,10}\.)?(?:root|snapshot|targets)\.json|timestamp\.json")
TARGET_NAME = re.compile(r"[0-9a-f]{64}\.recueil-station-[0-9.]+-linux-[a-z0-9_]+\.tar\.gz")
CUSTOM_KEY = "recueil"


class ReleaseError(Exception):
    """A publication the operator must correct (bad archive name, unknown version, missing keys)."""


@dataclass(frozen=True)
class Release:
    name: str  # the target name
    version: str
    length: int
    sha256: str
    percent: int
    stations: tuple[str, ...]
    published_at: str
    mandatory_after: str


def _json(md: Metadata) -> bytes:
    return md.to_bytes(JSONSerializer(compact=False))


class UpdateRepository:
    def __init__(self, data_dir: Path, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.root = data_dir / UPDATES_DIR
        self.keys = self.root / "keys"
        self.metadata = self.root / "metadata"
        self.targets = self.root / "targets"
        self.clock = clock

    # -- keys ---------------------------------------------------------------------------------------------
    def _signer(self, name: str) -> CryptoSigner:
        path = self.keys / f"{name}.key"
        if not path.is_file():
            raise ReleaseError(f"no {name} key in {self.keys}")
        return CryptoSigner(load_pem_private_key(path.read_bytes(), None))

    def _new_key(self, name: str) -> CryptoSigner:
        signer = CryptoSigner.generate_ed25519()
        path = self.keys / f"{name}.key"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(signer.private_bytes)
        return signer

    @property
    def initialised(self) -> bool:
        return (self.metadata / "root.json").is_file()

    def init(self) -> Path:
        """Make the keys and the first metadata set; returns the root.json stations must trust."""
        if self.initialised:
            raise ReleaseError(f"a repository already exists in {self.root}")
        for d in (self.keys, self.metadata, self.targets):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        now = self.clock()
        root = Root(expires=now + EXPIRY["root"], consistent_snapshot=True)
        root_signers = [self._new_key(n) for n in ROOT_KEYS]
        for s in root_signers:
            root.add_key(s.public_key, "root")
        root.roles["root"].threshold = ROOT_THRESHOLD
        for role in ONLINE_ROLES:
            root.add_key(self._new_key(role).public_key, role)
        md = Metadata(root)
        for s in root_signers:
            md.sign(s, append=True)
        self._write("1.root.json", _json(md))
        self._write("root.json", _json(md))
        self._sign_set(Targets(version=1, expires=now + EXPIRY["targets"]), snapshot_version=1)
        return self.metadata / "root.json"

    # -- metadata -----------------------------------------------------------------------------------------
    def _write(self, name: str, data: bytes) -> None:
        tmp = self.metadata / f".{name}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self.metadata / name)

    def _load(self, name: str) -> Metadata:
        return Metadata.from_file(str(self.metadata / name))

    def _current_targets(self) -> Metadata[Targets]:
        snapshot = self._load(f"{self._load('timestamp.json').signed.snapshot_meta.version}.snapshot.json")
        return self._load(f"{snapshot.signed.meta['targets.json'].version}.targets.json")

    def _sign_set(self, targets: Targets, snapshot_version: int) -> None:
        """Write targets, then the snapshot naming it, then the timestamp naming that: a station reading
        during a publication sees the old set or the new one, never half of each."""
        targets.expires = self.clock() + EXPIRY["targets"]
        tmd = Metadata(targets)
        tmd.sign(self._signer("targets"))
        self._write(f"{targets.version}.targets.json", _json(tmd))
        self._sign_snapshot(targets.version, snapshot_version)

    def _sign_snapshot(self, targets_version: int, snapshot_version: int) -> None:
        snapshot = Snapshot(version=snapshot_version, expires=self.clock() + EXPIRY["snapshot"],
                            meta={"targets.json": MetaFile(version=targets_version)})
        smd = Metadata(snapshot)
        smd.sign(self._signer("snapshot"))
        self._write(f"{snapshot_version}.snapshot.json", _json(smd))
        self._sign_timestamp(snapshot_version)

    def _sign_timestamp(self, snapshot_version: int) -> None:
        previous = self._load("timestamp.json").signed.version if (self.metadata / "timestamp.json").is_file() else 0
        timestamp = Timestamp(version=previous + 1, expires=self.clock() + EXPIRY["timestamp"],
                              snapshot_meta=MetaFile(version=snapshot_version))
        md = Metadata(timestamp)
        md.sign(self._signer("timestamp"))
        self._write("timestamp.json", _json(md))

    def refresh_timestamp(self) -> int:
        """Re-sign the timestamp (a new version, a new expiry): run at least daily, or stations refuse the
        repository as expired. The snapshot and the targets are re-signed too, each under a new version, when
        they would expire before the next run. Returns the new timestamp version."""
        self._require()
        horizon = self.clock() + 2 * EXPIRY["timestamp"]
        snapshot_version = self._load("timestamp.json").signed.snapshot_meta.version
        snapshot = self._load(f"{snapshot_version}.snapshot.json")
        targets = self._current_targets().signed
        if targets.expires <= horizon:
            self._next_set(lambda _: None)
        elif snapshot.signed.expires <= horizon:
            self._sign_snapshot(targets.version, snapshot_version + 1)
        else:
            self._sign_timestamp(snapshot_version)
        return self._load("timestamp.json").signed.version

    def _require(self) -> None:
        if not self.initialised:
            raise ReleaseError(f"no update repository in {self.root} (cert-server release init)")

    def _next_set(self, change: Callable[[Targets], None]) -> None:
        self._require()
        targets = self._current_targets().signed
        change(targets)
        targets.version += 1
        snapshot_version = self._load("timestamp.json").signed.snapshot_meta.version + 1
        self._sign_set(targets, snapshot_version)

    # -- releases -----------------------------------------------------------------------------------------
    def publish(self, archive: Path, version: str, percent: int = 100, stations: tuple[str, ...] = (),
                grace_days: int = DEFAULT_GRACE_DAYS) -> Release:
        """Add a release: the archive is copied under its hash and signed into targets with its rollout."""
        self._require()
        match = ARCHIVE_NAME.fullmatch(archive.name)
        if match is None:
            raise ReleaseError("the archive must be named recueil-station-<version>-linux-<arch>.tar.gz")
        if match["version"] != version:
            raise ReleaseError(f"the archive is version {match['version']}, not {version}")
        if not 0 <= percent <= 100:
            raise ReleaseError("the percentage must be between 0 and 100")
        if grace_days < 0:
            raise ReleaseError("the grace period cannot be negative")
        target = TargetFile.from_file(archive.name, str(archive), ["sha256"])
        now = self.clock()
        target.unrecognized_fields["custom"] = {CUSTOM_KEY: {
            "version": version,
            "percent": percent,
            "stations": sorted(stations),
            "published_at": now.isoformat(timespec="seconds"),
            "mandatory_after": (now + timedelta(days=grace_days)).isoformat(timespec="seconds"),
        }}
        stored = self.targets / f"{target.hashes['sha256']}.{archive.name}"
        tmp = stored.with_name(f".{stored.name}.tmp")
        shutil.copyfile(archive, tmp)
        os.replace(tmp, stored)

        def add(targets: Targets) -> None:
            if archive.name in targets.targets:
                raise ReleaseError(f"{archive.name} is already published")
            targets.targets[archive.name] = target

        self._next_set(add)
        return _release(target)

    def rollout(self, version: str, percent: int) -> list[Release]:
        """Widen (or narrow) a published release's rollout: the station list is kept, the dates too."""
        if not 0 <= percent <= 100:
            raise ReleaseError("the percentage must be between 0 and 100")
        changed: list[TargetFile] = []

        def widen(targets: Targets) -> None:
            for target in targets.targets.values():
                custom = target.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
                if custom.get("version") == version:
                    custom["percent"] = percent
                    changed.append(target)
            if not changed:
                raise ReleaseError(f"no published release {version}")

        self._next_set(widen)
        return [_release(t) for t in changed]

    def releases(self) -> list[Release]:
        self._require()
        return sorted((_release(t) for t in self._current_targets().signed.targets.values()),
                      key=lambda r: (tuple(int(p) for p in r.version.split(".")), r.name))

    def trusted_root(self) -> bytes:
        self._require()
        return (self.metadata / "1.root.json").read_bytes()


def _release(target: TargetFile) -> Release:
    custom = target.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
    return Release(target.path, str(custom.get("version", "?")), target.length, target.hashes["sha256"],
                   int(custom.get("percent", 0)), tuple(custom.get("stations", ())),
                   str(custom.get("published_at", "")), str(custom.get("mandatory_after", "")))

