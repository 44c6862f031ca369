"""The one error type of the domain layer: it carries the French message the agent reads."""

from __future__ import annotations


class EnrollmentError(Exception):
    """A domain rule refused something. `message` is for the agent (French), `code` for logs and tests."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:  # what a technician sees in a traceback: the code, never personal data
        return self.code


class StoreError(EnrollmentError):
    """The encrypted store cannot be opened or written."""
