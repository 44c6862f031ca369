"""Installing a verified release on a packaged station's layout (real tar archives, real child processes
running the new build's `--version` and `self-test`): the switch, the refusals, the rollbacks."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from devstation.fake_release import install_version, make_release
from station.updates.apply import InstallRefused, confirm_first_start, install, rollback
from station.updates.layout import InstallLayout
from station.updates.unpack import UnsafeArchive, unpack


@pytest.fixture
def layout(tmp_path: Path) -> InstallLayout:
    install_version(tmp_path / "root", "1.0.0")
    return InstallLayout(tmp_path / "root")


def test_a_release_that_passes_its_self_test_becomes_current_and_the_old_one_is_kept(
        layout: InstallLayout, tmp_path: Path) -> None:
    done = install(layout, make_release(tmp_path, "1.1.0"), "1.1.0")
    assert (done.version, done.previous) == ("1.1.0", "1.0.0")
    assert (layout.current, layout.previous) == ("1.1.0", "1.0.0")
    assert (layout.root / "current").readlink() == Path("versions/1.1.0")  # relative: the root may move
    assert layout.marker.is_file()  # its first start has yet to confirm it


def test_a_failing_self_test_leaves_the_old_version_running_and_removes_the_new_one(
        layout: InstallLayout, tmp_path: Path) -> None:
    with pytest.raises(InstallRefused) as refused:
        install(layout, make_release(tmp_path, "1.1.0", self_test_rc=1), "1.1.0")
    assert refused.value.code == "update.refused.self_test"
    assert layout.current == "1.0.0" and layout.installed() == ["1.0.0"]
    assert not layout.marker.exists()


def test_a_build_that_says_another_version_is_refused(layout: InstallLayout, tmp_path: Path) -> None:
    archive = make_release(tmp_path, "1.2.0")
    with pytest.raises(InstallRefused):
        install(layout, archive.rename(tmp_path / "recueil-station-1.1.0-linux-x86_64.tar.gz"), "1.1.0")
    assert layout.current == "1.0.0"


def test_an_older_or_equal_version_is_never_installed(layout: InstallLayout, tmp_path: Path) -> None:
    for version in ("0.9.0", "1.0.0"):
        with pytest.raises(InstallRefused) as refused:
            install(layout, make_release(tmp_path, version), version)
        assert refused.value.code == "update.refused.downgrade"
    assert layout.current == "1.0.0"


def test_the_first_start_confirms_a_version_whose_self_test_still_passes(layout: InstallLayout, tmp_path: Path) -> None:
    install(layout, make_release(tmp_path, "1.1.0"), "1.1.0")
    assert confirm_first_start(layout) == ("installed", "1.1.0")
    assert not layout.marker.exists() and layout.current == "1.1.0"
    assert confirm_first_start(layout) is None  # later starts check nothing


def test_a_first_start_whose_self_test_fails_rolls_back(layout: InstallLayout, tmp_path: Path) -> None:
    install(layout, make_release(tmp_path, "1.1.0"), "1.1.0")
    (layout.folder("1.1.0") / "selftest-rc").write_text("1")  # fine at install, broken on the real start
    assert confirm_first_start(layout) == ("rolled_back", "1.0.0")
    assert layout.current == "1.0.0" and layout.installed() == ["1.0.0"] and layout.previous is None
    assert not layout.marker.exists()


def test_a_new_version_that_crashed_before_confirming_is_rolled_back_at_its_next_start(
        layout: InstallLayout, tmp_path: Path) -> None:
    install(layout, make_release(tmp_path, "1.1.0"), "1.1.0")
    marker = layout.marker.read_text()
    layout.marker.write_text(marker.replace('"starts": 0', '"starts": 1'))  # a start that never confirmed
    assert confirm_first_start(layout) == ("rolled_back", "1.0.0")


def test_a_technician_rollback_goes_back_to_the_previous_version(layout: InstallLayout, tmp_path: Path) -> None:
    install(layout, make_release(tmp_path, "1.1.0"), "1.1.0")
    assert rollback(layout) == "1.0.0"
    assert layout.current == "1.0.0" and layout.installed() == ["1.0.0"]
    with pytest.raises(InstallRefused):
        rollback(layout)  # nothing older is kept


TOP = "recueil-station-1.1.0"  # the release's folder, as `make package` names it


def _archive(tmp_path: Path, *members: tarfile.TarInfo) -> Path:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        top = tarfile.TarInfo(TOP)
        top.type, top.mode = tarfile.DIRTYPE, 0o755
        tar.addfile(top)
        exe = tarfile.TarInfo(f"{TOP}/station/station")
        exe.mode, data = 0o755, b"#!/bin/sh\n"
        exe.size = len(data)
        tar.addfile(exe, io.BytesIO(data))
        for m in members:
            tar.addfile(m, io.BytesIO(b"x" * m.size) if m.isfile() else None)
    return path


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    m = tarfile.TarInfo(name)
    m.type, m.linkname, m.size = kind, link, 1 if kind == tarfile.REGTYPE else 0
    return m


@pytest.mark.parametrize("member", [
    _member("/etc/evil"),
    _member(f"{TOP}/station/../../evil"),
    _member("other/evil"),
    _member(f"{TOP}/lib/evil"),
    _member(f"{TOP}/station/link", tarfile.SYMTYPE, "../../etc/passwd"),
    _member(f"{TOP}/station/abs", tarfile.SYMTYPE, "/etc/passwd"),
    _member(f"{TOP}/station/up", tarfile.SYMTYPE, "../install.sh"),
    _member(f"{TOP}/station/hard", tarfile.LNKTYPE, f"{TOP}/station/station"),
    _member(f"{TOP}/station/dev", tarfile.CHRTYPE),
], ids=["absolute", "dotdot", "outside-top", "beside-the-build", "symlink-out", "symlink-absolute",
        "symlink-out-of-the-build", "hardlink", "device"])
def test_an_archive_that_would_write_outside_its_folder_is_refused_before_anything_is_written(
        tmp_path: Path, member: tarfile.TarInfo) -> None:
    with pytest.raises(UnsafeArchive):
        unpack(_archive(tmp_path, member), tmp_path / "versions" / "1.1.0")
    assert not (tmp_path / "versions" / "1.1.0").exists()
    assert not (tmp_path / "evil").exists() and not list(tmp_path.glob("versions/.*"))


def test_the_installers_files_beside_the_build_stay_packed(tmp_path: Path) -> None:
    unpack(_archive(tmp_path, _member(f"{TOP}/install.sh"), _member(f"{TOP}/VERSION")), tmp_path / "v")
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == ["station"]


def test_a_link_inside_the_release_is_kept(tmp_path: Path) -> None:
    unpack(_archive(tmp_path, _member(f"{TOP}/station/lib", tarfile.SYMTYPE, "station")), tmp_path / "v")
    assert (tmp_path / "v" / "lib").is_symlink()
