"""The configuration's TOML writer: what it writes, tomllib reads back as the same values."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from installer import toml_writer

SCALAR = (st.text() | st.integers(-(2**63), 2**63 - 1) | st.booleans()
          | st.floats(allow_nan=False, allow_infinity=False))
KEY = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)


@given(st.dictionaries(KEY, SCALAR, max_size=4), st.dictionaries(KEY, st.dictionaries(KEY, SCALAR, max_size=4),
                                                                  max_size=3))
def test_any_flat_document_reads_back_the_same(top: dict, sections: dict) -> None:
    sections = {name: table for name, table in sections.items() if name not in top}
    read = tomllib.loads(toml_writer.dumps(top, sections, header="a header\non two lines"))
    assert read == top | {name: table for name, table in sections.items() if table}


def test_paths_are_written_as_strings() -> None:
    assert tomllib.loads(toml_writer.dumps({"data_dir": Path("/var/lib/recueil")}, {})) == {
        "data_dir": "/var/lib/recueil"}


def test_a_list_of_strings_reads_back_the_same() -> None:
    assert tomllib.loads(toml_writer.dumps({}, {"reference": {"required": ["rules", "twoddoc-trust"]}})) == {
        "reference": {"required": ["rules", "twoddoc-trust"]}}


@pytest.mark.parametrize("bad", [math.inf, math.nan, [1], ["a", 1], {"a": 1}, None])
def test_values_outside_the_shape_are_refused(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        toml_writer.dumps({"k": bad}, {})


def test_a_key_that_needs_quoting_is_refused() -> None:
    with pytest.raises(ValueError):
        toml_writer.dumps({"a key": 1}, {})
