"""The station layer's error type: what went wrong, in French, for the agent or the technician."""

from __future__ import annotations


class StationError(Exception):
    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.detail = detail  # technical context safe to show a technician (paths, never personal data)

    def __str__(self) -> str:
        return self.code


class ConfigError(StationError):
    """The configuration file is missing, unreadable or invalid."""


class AuthError(StationError):
    """The agent could not be authenticated. `agent_id`: the card's agent, when its certificate was issued by
    the agent CA (an expired, revoked or other mairie's card), for the audit trail; None otherwise."""

    agent_id: str | None = None
