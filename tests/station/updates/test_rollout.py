"""Which station a signed rollout includes: named stations, a stable share by station id, everyone after
the grace period; and version order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sync.updates.rollout import Rollout, bucket, parse_version

PUBLISHED = datetime(2026, 1, 1, tzinfo=UTC)


def rollout(percent: int = 0, stations: list[str] | None = None, grace_days: int = 14) -> Rollout:
    return Rollout.from_custom({"recueil": {
        "version": "1.1.0", "percent": percent, "stations": stations or [],
        "published_at": PUBLISHED.isoformat(),
        "mandatory_after": (PUBLISHED + timedelta(days=grace_days)).isoformat()}})


def test_a_station_keeps_its_bucket_and_buckets_spread() -> None:
    assert bucket("DR-21231-01") == bucket("DR-21231-01")
    buckets = {bucket(f"DR-21231-{n:02}") for n in range(200)}
    assert len(buckets) > 80 and min(buckets) >= 0 and max(buckets) <= 99


def test_a_percentage_offers_the_release_to_stations_below_it_only() -> None:
    soon = PUBLISHED + timedelta(days=1)
    ids = [f"DR-21231-{n:02}" for n in range(50)]
    inside = [i for i in ids if rollout(percent=30).offers(i, soon)]
    assert inside == [i for i in ids if bucket(i) < 30]
    assert not any(rollout(percent=0).offers(i, soon) for i in ids)
    assert all(rollout(percent=100).offers(i, soon) for i in ids)


def test_a_named_station_is_offered_and_everyone_after_the_grace_period() -> None:
    r = rollout(stations=["DR-A"])
    soon = PUBLISHED + timedelta(days=1)
    assert r.offers("DR-A", soon) and not r.offers("DR-B", soon)
    later = PUBLISHED + timedelta(days=14)
    assert r.offers("DR-B", later) and r.mandatory(later) and not r.mandatory(soon)


@pytest.mark.parametrize("custom", [None, {}, {"recueil": "all"}, {"recueil": {"version": "1.1.0"}},
                                    {"recueil": {"version": "1", "published_at": "2026-01-01T00:00:00",
                                                 "mandatory_after": "2026-01-02T00:00:00"}}])
def test_a_release_without_a_well_formed_rollout_is_never_offered(custom: object) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        Rollout.from_custom(custom)  # type: ignore[arg-type]


def test_versions_compare_as_numbers() -> None:
    assert parse_version("1.10.0") > parse_version("1.9.3") > parse_version("1.9")
    assert parse_version("2") == parse_version("2.0.0")
    for bad in ("1.2-rc1", "../1", "", "v1.0"):
        with pytest.raises(ValueError):
            parse_version(bad)
