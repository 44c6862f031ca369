"""Check the CERT's signed releases and fetch one, verified by TUF (python-tuf's ngclient).

The station trusts one root.json, installed with it at provisioning ([updates] trusted_root); every other
metadata file must chain to it. TUF refuses, and this module reports as a `SyncError`: metadata signed by
unknown keys or too few of them, an older set than one already seen (a replay), expired metadata, and an
archive whose length or SHA-256 differs from the signed one. Above that, this module refuses a release
older than or equal to the running version (a downgrade is never offered, however well signed) and one whose
signed rollout does not include this station yet.

The metadata cache and the staged archives live in the station's data folder (`updates/`)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..errors import SyncError
from .rollout import ARCHIVE_NAME, Rollout, parse_version

if TYPE_CHECKING:
    from tuf.ngclient import Updater

    from ..transport import CertClient

log = logging.getLogger(__name__)

METADATA_PATH = "/v1/updates/metadata/"
TARGETS_PATH = "/v1/updates/targets/"


@dataclass(frozen=True)
class Offer:
    """A verified release this station should install."""

    name: str
    version: str
    length: int
    rollout: Rollout
    mandatory: bool


@dataclass(frozen=True)
class Refusal:
    """A signed release this station leaves aside, and why (a code of sync/strings/updates.py)."""

    version: str
    code: str


@dataclass(frozen=True)
class CheckResult:
    offer: Offer | None
    refusals: tuple[Refusal, ...]


@dataclass(frozen=True)
class UpdatePaths:
    folder: Path  # <data_dir>/updates
    trusted_root: Path

    @property
    def metadata(self) -> Path:
        return self.folder / "metadata"

    @property
    def staged(self) -> Path:
        return self.folder / "staged"


def _tuf_error(exc: Exception) -> SyncError:
    from tuf.api import exceptions as tuf

    if isinstance(exc, tuf.LengthOrHashMismatchError | tuf.DownloadLengthMismatchError):
        code = "update.tampered"
    elif isinstance(exc, tuf.BadVersionNumberError):
        code = "update.replayed"
    elif isinstance(exc, tuf.ExpiredMetadataError):
        code = "update.expired"
    elif isinstance(exc, tuf.UnsignedMetadataError):
        code = "update.unsigned"
    elif isinstance(exc, tuf.DownloadError):
        return SyncError.of("update.unreachable", retryable=True)
    else:
        code = "update.unverified"
    return SyncError.of(code, retryable=False)


class UpdateClient:
    def __init__(self, client: CertClient, station_id: str, paths: UpdatePaths, arch: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.client = client
        self.station_id = station_id
        self.paths = paths
        self.arch = arch
        self.clock = clock

    def _updater(self) -> Updater:
        from tuf.ngclient import Updater

        bootstrap = None
        if not (self.paths.metadata / "root.json").is_file():
            if not self.paths.trusted_root.is_file():
                raise SyncError.of("update.no_trusted_root", retryable=False, path=self.paths.trusted_root)
            bootstrap = self.paths.trusted_root.read_bytes()
        for d in (self.paths.metadata, self.paths.staged):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        from .fetcher import CertFetcher

        base = self.client.settings.base_url.rstrip("/")
        try:
            return Updater(str(self.paths.metadata), base + METADATA_PATH, str(self.paths.staged),
                           base + TARGETS_PATH, fetcher=CertFetcher(self.client), bootstrap=bootstrap)
        except Exception as exc:  # a corrupt trusted root: nothing can be verified
            raise _tuf_error(exc) from exc

    def _refreshed(self) -> Updater:
        from tuf.api.exceptions import DownloadError, RepositoryError

        updater = self._updater()
        try:
            updater.refresh()
        except (RepositoryError, DownloadError) as exc:
            log.warning("update metadata refused", extra={"event": "update.metadata", "code": type(exc).__name__})
            raise _tuf_error(exc) from exc
        return updater

    def _names(self) -> list[str]:
        """The release names of the targets metadata TUF has just verified and cached."""
        from tuf.api.metadata import Metadata

        return list(Metadata.from_file(str(self.paths.metadata / "targets.json")).signed.targets)

    def check(self, running_version: str) -> CheckResult:
        """Refresh the signed metadata and pick the newest release for this station (SyncError when the
        metadata cannot be fetched or is refused)."""
        updater = self._refreshed()
        now = self.clock()
        running = parse_version(running_version)
        refusals: list[Refusal] = []
        best: Offer | None = None
        for name in self._names():
            match = ARCHIVE_NAME.fullmatch(name)
            if match is None or match["arch"] != self.arch:
                continue
            info = updater.get_targetinfo(name)
            if info is None:
                continue
            version = match["version"]
            try:
                rollout = Rollout.from_custom(info.custom)
            except (ValueError, KeyError, TypeError):
                refusals.append(Refusal(version, "update.no_rollout"))
                continue
            if rollout.version != version:
                refusals.append(Refusal(version, "update.no_rollout"))
                continue
            if parse_version(version) <= running:
                if parse_version(version) < running:
                    refusals.append(Refusal(version, "update.downgrade"))
                continue
            if not rollout.offers(self.station_id, now):
                refusals.append(Refusal(version, "update.not_offered"))
                continue
            if best is None or parse_version(version) > parse_version(best.version):
                best = Offer(name, version, info.length, rollout, rollout.mandatory(now))
        return CheckResult(best, tuple(refusals))

    def download(self, offer: Offer) -> Path:
        """The release archive, verified against the signed length and SHA-256, kept under staged/."""
        from tuf.api.exceptions import DownloadError, RepositoryError

        updater = self._refreshed()
        info = updater.get_targetinfo(offer.name)
        if info is None:
            raise SyncError.of("update.unverified", retryable=False)
        try:
            cached = updater.find_cached_target(info)
            path = cached or updater.download_target(info)
        except (RepositoryError, DownloadError) as exc:
            log.warning("update archive refused", extra={"event": "update.archive", "code": type(exc).__name__})
            raise _tuf_error(exc) from exc
        return Path(path)

    def staged(self, offer: Offer) -> Path:
        return self.paths.staged / quote(offer.name, "")

    def discard_staged(self) -> None:
        shutil.rmtree(self.paths.staged, ignore_errors=True)
