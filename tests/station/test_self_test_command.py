"""`station self-test` (the build's native parts; the signed update runs it on a new version before switching
to it) and what a station without configuration says at first start."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from station import config as config_mod
from station.cli import main
from station.commands import self_test

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_in_the_development_environment(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != config_mod.ENV_VAR}
    done = subprocess.run([sys.executable, "-m", "station.cli", "self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == self_test.EXIT_OK, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(self_test.CHECKS) + 1
    assert all(line.startswith("OK ") for line in lines[:-1])
    assert "Empreintes (NBIS, NFIQ 2)" in done.stdout and "Base chiffrée (SQLCipher)" in done.stdout
    assert lines[-1] == f"Auto-test réussi : les {len(self_test.CHECKS)} vérifications sont passées."


def test_a_missing_native_part_fails_the_self_test_with_its_reason(monkeypatch, capsys) -> None:
    def missing() -> str:
        raise ImportError("libnbis.so: cannot open shared object file")

    monkeypatch.setattr(self_test, "CHECKS", (("opencv", self_test._opencv), ("fingerprint", missing)))
    assert self_test.run(argparse.Namespace()) == self_test.EXIT_FAILED
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("OK     OpenCV : ")
    assert out[1] == "ÉCHEC  Empreintes (NBIS, NFIQ 2) : ImportError: libnbis.so: cannot open shared object file"
    assert out[2] == "Auto-test en échec : 1 vérification(s) sur 2 ont échoué."


@pytest.mark.parametrize("command", [["check-config"], []], ids=["check-config", "window"])
def test_a_station_without_configuration_says_how_to_set_it_up(command, tmp_path, capsys) -> None:
    absent = tmp_path / "station.toml"
    assert main(["--config", str(absent), *command]) == 2
    err = capsys.readouterr().err
    assert f"Fichier de configuration introuvable : {absent}" in err
    assert "station provision --url" in err and "station check-config" in err
