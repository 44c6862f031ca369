"""Reading a JSON request body into its model: one strict reading for every CERT endpoint.

Strict: a field of the wrong JSON type is refused, not coerced ("12" is not a size, true is not a
number), and a field the model does not know is refused by name rather than ignored, so a station that
misspells a field learns it at once instead of having it silently dropped. Bodies nested
thousands deep, not UTF-8 or not JSON are refusals too: pydantic's parser bounds its own recursion.
"""

from __future__ import annotations

from typing import TypeVar

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, ValidationError

M = TypeVar("M", bound=BaseModel)


class StrictBody(BaseModel):
    """Base of every request body model."""

    model_config = ConfigDict(extra="forbid", strict=True)


def fault(exc: ValidationError) -> str:
    """What is wrong with a body, in English, naming fields and never echoing their values."""
    unknown = sorted({str(e["loc"][0]) for e in exc.errors() if e["type"] == "extra_forbidden" and e["loc"]})
    invalid = sorted({str(e["loc"][0]) for e in exc.errors() if e["type"] != "extra_forbidden" and e["loc"]})
    if unknown:
        return f"unknown field(s): {', '.join(unknown)}"
    if invalid:
        return f"missing or invalid field(s): {', '.join(invalid)}"
    return "the body is not a JSON object"


def parse(raw: bytes, model: type[M]) -> M | str:
    """The body as `model`, or what is wrong with it."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        return fault(exc)


def read_body(raw: bytes, model: type[M], code: str, expected: str) -> M | JSONResponse:
    """The body as `model`, or a 400 `code` saying what is wrong and what was `expected`."""
    parsed = parse(raw, model)
    if isinstance(parsed, str):
        return JSONResponse({"error": code, "detail": f"{parsed}; the body must be {expected}"}, status_code=400)
    return parsed
