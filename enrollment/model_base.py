"""What every dossier model shares: bytes as base64 in JSON, validation on assignment, UTC times."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict


def now_utc() -> datetime:
    return datetime.now(UTC)


class Model(BaseModel):
    model_config = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64", validate_assignment=True)
