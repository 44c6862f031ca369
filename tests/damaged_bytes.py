"""A hypothesis strategy for files damaged the way disks, copies and transfers damage them: a genuine
sample with one to three bytes changed or short runs cut out. Shared by the property tests of every reader
of outside files (images, revocation lists)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


def damaged(samples: Sequence[bytes], max_cut: int) -> st.SearchStrategy[bytes]:
    """One of `samples`, with 1–3 edits: a byte set to any value, or up to `max_cut` bytes removed."""

    @st.composite
    def strategy(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(list(samples))))
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data) - 1))
            if draw(st.booleans()):
                data[at] = draw(st.integers(0, 255))
            else:
                del data[at:at + draw(st.integers(1, max_cut))]
        return bytes(data)

    return strategy()
