"""The README's configuration block against the configuration model: every key the model has is in it,
every key in it is the model's, and each value shown is the model's default. A default changed in
its layer without the README, or typed again in the README with another value, fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from enrollment.face.thresholds import FaceThresholds
from station.config import Config

README = Path(__file__).resolve().parents[2] / "README.md"
# Values the README shows as an example of one station rather than as the default: the mairie's name
# (no default but "") and the data folder (the default depends on the machine: platformdirs).
EXAMPLES = {("", "mairie_name"), ("", "data_dir")}
FREE_TABLES = {"face"}  # keys are the face thresholds' names, checked by the loader (test_config.py)


def _block() -> str:
    [block] = re.findall(r"^```toml\n(.*?)^```$", README.read_text(encoding="utf-8"), re.S | re.M)
    return block


def _commented(block: str) -> dict[tuple[str, str], object]:
    """`# key = value` lines: keys shown without a fixed default (a path derived from data_dir, say), and
    the free tables' examples."""
    section, keys = "", {}
    for line in block.splitlines():
        if m := re.match(r"^\[(\w+)\]", line):
            section = m.group(1)
        elif m := re.match(r"^#\s*(\w+ = \S+)", line):
            [(key, value)] = tomllib.loads(m.group(1)).items()
            keys[(section, key)] = value
    return keys


def _commented_keys(block: str) -> set[tuple[str, str]]:
    return {(t, k) for t, k in _commented(block) if t not in FREE_TABLES}


def _fields() -> dict[tuple[str, str], object]:
    """(section, key) -> the model's default (PydanticUndefined when the key is required)."""
    out: dict[tuple[str, str], object] = {}
    for name, info in Config.model_fields.items():
        model = info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            for key, sub in model.model_fields.items():
                out[(name, key)] = sub.get_default(call_default_factory=True)
        elif name not in FREE_TABLES:
            out[("", name)] = info.get_default(call_default_factory=True)
    return out


def _shown(block: str) -> dict[tuple[str, str], object]:
    raw = tomllib.loads(block)
    out: dict[tuple[str, str], object] = {}
    for name, value in raw.items():
        if isinstance(value, dict):
            if name not in FREE_TABLES:
                out.update({(name, k): v for k, v in value.items()})
        else:
            out[("", name)] = value
    return out


def test_the_readme_block_is_a_valid_configuration() -> None:
    Config.model_validate(tomllib.loads(_block()))


def test_every_key_of_the_model_is_in_the_readme_and_no_other() -> None:
    block = _block()
    shown, commented, fields = set(_shown(block)), _commented_keys(block), set(_fields())
    assert fields - shown - commented == set(), "keys of the model missing from the README"
    assert (shown | commented) - fields == set(), "keys in the README the model does not have"


def test_each_value_shown_is_the_models_default() -> None:
    fields = _fields()
    for key, value in _shown(_block()).items():
        default = fields[key]
        if default is PydanticUndefined or key in EXAMPLES:
            continue
        assert value == (str(default) if isinstance(default, Path) else default), key


def test_commented_keys_are_those_without_a_fixed_default() -> None:
    fields = _fields()
    for key in _commented_keys(_block()):
        assert fields[key] is None, key


def test_the_face_example_is_a_face_threshold_at_its_default() -> None:
    examples = {k: v for (t, k), v in _commented(_block()).items() if t == "face"}
    assert examples
    for name, value in examples.items():
        assert getattr(FaceThresholds(), name) == value, name
