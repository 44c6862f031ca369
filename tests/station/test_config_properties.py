"""Properties of the configuration reader: any text in the file, any value under any key, gives a
Config or a ConfigError with its French message; never another exception."""

from __future__ import annotations

import json
import math
import tomllib
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from station import config as config_mod
from station.errors import ConfigError

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

BASE = """
station_id = "DR-21231-01"
mairie_insee = "21231"
data_dir = "data"
[cert]
url = "https://127.0.0.1:8443"
trust_anchor = "pki/cert-ca.pem"
client_cert = "pki/station.pem"
client_key = "pki/station.key"
encryption_cert = "pki/cert-encryption.pem"
[auth]
agent_ca = "pki/agent-ca.pem"
[devices]
camera_fps = 15.0
[face]
max_roll_deg = 8.0
[outbox]
base_delay_s = 2.0
[logging]
level = "INFO"
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("config")
    (root / "pki").mkdir()
    for name in ("cert-ca.pem", "station.pem", "station.key", "cert-encryption.pem", "agent-ca.pem"):
        (root / "pki" / name).write_text("-")
    return root


def _load(folder: Path, text: str | bytes) -> None:
    path = folder / "station.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        config_mod.load(path)
    except ConfigError as exc:
        assert exc.code.startswith("config.") and exc.message


def test_the_base_configuration_loads(folder):
    (folder / "station.toml").write_text(BASE)
    assert config_mod.load(folder / "station.toml").station_id == "DR-21231-01"


@FAST
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_is_a_configuration_or_a_config_error(folder, text):
    _load(folder, text)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def _document(raw: dict) -> str:
    lines = [f"{json.dumps(k)} = {_toml(v)}" for k, v in raw.items() if not isinstance(v, dict)]
    for name, table in raw.items():
        if isinstance(table, dict):
            lines.append(f"[{json.dumps(name)}]")
            lines.extend(f"{json.dumps(k)} = {_toml(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"


SCALAR = (st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.sampled_from(
    ["", "~", "~nobody-here/x", "~/x", "/", "..", "a\x00b", "sim://h:1", "libusb", "https://x", "DEBUG"])
    | st.text(max_size=10) | st.datetimes() | st.dates())
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=6)
BASE_RAW = tomllib.loads(BASE)
KEYS = [(None, k) for k, v in BASE_RAW.items() if not isinstance(v, dict)] + [
    (section, k) for section, table in BASE_RAW.items() if isinstance(table, dict) for k in table] + [
    ("cert", "upload_chunk_kib"), ("devices", "usb_backend"), ("store", "key_file"), ("store", "key_provider"),
    ("face", "min_face_height_ratio"), ("face", "nonsense"), ("auth", "inactivity_timeout_s"), (None, "extra")]


@FAST
@given(st.lists(st.tuples(st.sampled_from(KEYS), VALUE), min_size=1, max_size=3))
@example([((None, "data_dir"), "~nobody-here/recueil")])  # a home folder that does not exist
@example([(("face", "max_roll_deg"), -1.0)])
@example([(("face", "max_roll_deg"), math.nan)])
def test_any_value_under_any_key_is_a_configuration_or_a_config_error(folder, changes):
    raw = json.loads(json.dumps(BASE_RAW))
    for (section, key), value in changes:
        target = raw if section is None else raw.setdefault(section, {})
        if isinstance(target, dict):
            target[key] = value
    _load(folder, _document(raw))


def test_a_folder_or_an_unreadable_name_is_a_config_error(folder):
    for path in (folder, folder / "a\x00b.toml"):
        with pytest.raises(ConfigError):
            config_mod.load(path)
