"""The in-memory shape of an ANSI/NIST-ITL 1-2011 transaction: records of numbered fields, and its error.

A tagged field's value is kept as subfields of information items (`list[list[str]]`), the structure the
traditional encoding writes with RS and US; the image field (x.999, or 8.008 in the binary Type-8) is raw
bytes. The record length (x.001) is not stored: `encode` computes it, `parse` checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SyncError
from ..strings import message

# Separators of the traditional encoding (NIST SP 500-290 §7.2, "Traditional encoding").
FS = b"\x1c"  # ends a record
GS = b"\x1d"  # between fields
RS = b"\x1e"  # between subfields
US = b"\x1f"  # between information items
SEPARATORS = FS + GS + RS + US

DATA_FIELD = 999  # the image data of a tagged image record (Type-10, Type-14): last field, raw bytes
BINARY_RECORD_TYPES = frozenset({8})  # 500-290 keeps Type-8 a binary record in traditional encoding

Items = list[list[str]]
Value = Items | bytes


class AnsiNistError(SyncError):
    """A transaction that cannot be built or read back. `detail` (English, no personal data) goes to logs;
    the agent reads the catalogue message."""

    def __init__(self, detail: str) -> None:
        super().__init__("ansi_nist.malformed", message("ansi_nist.malformed"), retryable=False)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}"


@dataclass
class Record:
    """One logical record: its type, its IDC and its fields by number (x.001 LEN excluded)."""

    type: int
    fields: dict[int, Value] = field(default_factory=dict)

    def set(self, number: int, *subfields: str | tuple[str, ...] | list[str]) -> Record:
        """Set a text field: each argument is a subfield, a plain str being a one-item subfield."""
        self.fields[number] = [[s] if isinstance(s, str) else [str(i) for i in s] for s in subfields]
        return self

    def items(self, number: int) -> Items:
        value = self.fields.get(number)
        if not isinstance(value, list):
            raise AnsiNistError(f"type-{self.type} record has no text field {self.type}.{number:03d}")
        return value

    def text(self, number: int) -> str:
        """The first item of the first subfield: the whole value of a single-valued field."""
        return self.items(number)[0][0]

    def get(self, number: int, default: str = "") -> str:
        return self.text(number) if number in self.fields else default

    @property
    def idc(self) -> int:
        """Information designation character (x.002), which links the record to its CNT entry."""
        return int(self.text(2))

    @property
    def data(self) -> bytes:
        value = self.fields.get(8 if self.type in BINARY_RECORD_TYPES else DATA_FIELD)
        if not isinstance(value, bytes):
            raise AnsiNistError(f"type-{self.type} record has no image data")
        return value


@dataclass
class Transaction:
    """Type-1 first, then the other records in file order. Type-1's CNT (1.003) is written by `encode`
    from the records present, and checked against them by `parse`."""

    records: list[Record]

    @property
    def type1(self) -> Record:
        return self.records[0]

    def of_type(self, record_type: int) -> list[Record]:
        return [r for r in self.records if r.type == record_type]
