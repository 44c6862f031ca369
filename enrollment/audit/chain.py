"""Walking the audit trail: does every entry still match its hash, point at the one before, and follow it
without a missing number? The first entry that does not is reported, with why.

The retention purge removes the oldest entries, once the CERT holds them: the chain then starts from the
anchor, the last purged entry's number and hash, which the store keeps. The head, the last entry appended,
is kept too: an entry deleted from the end shows as a gap, and the last entry edited, with no successor to
betray it, no longer matches the head's hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .entry import AuditEntry


class BreakKind(StrEnum):
    GAP = "gap"  # an entry is missing: its number is skipped (deleted)
    EDITED = "edited"  # the entry no longer matches its hash (changed after it was written)
    BROKEN_LINK = "broken_link"  # its previous hash is not the hash of the entry before it


@dataclass(frozen=True)
class ChainBreak:
    seq: int  # the first entry number where the chain does not hold
    kind: BreakKind


@dataclass(frozen=True)
class ChainEnds:
    """What the store keeps beside the entries: where the chain starts (after a purge) and ends."""

    anchor_seq: int
    anchor_hash: str
    head_seq: int
    head_hash: str


def first_break(entries: Iterable[AuditEntry], ends: ChainEnds) -> ChainBreak | None:
    """The first place where the chain of `entries` (in order of number) does not hold, or None."""
    expected, prev = ends.anchor_seq + 1, ends.anchor_hash
    for entry in entries:
        if entry.seq != expected:
            return ChainBreak(expected, BreakKind.GAP)
        if not entry.intact:
            return ChainBreak(entry.seq, BreakKind.EDITED)
        if entry.prev_hash != prev:
            return ChainBreak(entry.seq, BreakKind.BROKEN_LINK)
        expected, prev = entry.seq + 1, entry.hash
    last = expected - 1
    if last < ends.head_seq:
        return ChainBreak(expected, BreakKind.GAP)
    if last > ends.head_seq:  # written around the store's append, which moves the head with each entry
        return ChainBreak(ends.head_seq + 1, BreakKind.EDITED)
    if prev != ends.head_hash:
        # The last entry was rewritten with a hash of its own: only the head remembers the one it had.
        return ChainBreak(last, BreakKind.EDITED)
    return None
