"""The one error type of the device layer: the station shows `message` to the agent and nothing else."""

from __future__ import annotations

from typing import Any


class DeviceError(Exception):
    """A device could not do what was asked.

    `code` is stable (logs, tests, branching in the station), `message` is French and tells the agent what to
    do next, `details` holds small machine-readable facts (e.g. {"tries_left": 2}). None of the three ever
    holds personal data or a secret such as a PIN: callers build them from the catalogue only.
    """

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __repr__(self) -> str:
        return f"DeviceError({self.code!r}, details={self.details!r})"
