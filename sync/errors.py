"""The one error type of the sync layer: what the agent reads, a code for logs, and whether to retry."""

from __future__ import annotations

from .strings import message


class SyncError(Exception):
    """Every failure to seal, send or verify ends up as one of these, converted where it happens.

    `retryable` says whether waiting may fix it (network down, CERT busy). The worker retries the others
    too, at the longest interval, since the dossier must never be dropped, but an agent-facing screen can
    tell the agent to call support instead of waiting."""

    def __init__(self, code: str, message: str, retryable: bool) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.retryable = retryable

    @classmethod
    def of(cls, code: str, retryable: bool, **fields: object) -> SyncError:
        """Build from the catalogue, where the message key is the code."""
        return cls(code, message(code, **fields), retryable)

    def __str__(self) -> str:  # a traceback shows the code, never personal data
        return self.code
