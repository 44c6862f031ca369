"""The software version a station runs: the installed distribution's own (`recueil` in pyproject.toml, carried
into a packaged build by its metadata). One place for `station --version`, the heartbeat, the support bundle
and the updater, which compares it with a release's signed version."""

from __future__ import annotations

UNKNOWN = "unknown"


def software_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("recueil")
    except PackageNotFoundError:  # a build made without the distribution's metadata
        return UNKNOWN
