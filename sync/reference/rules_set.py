"""The "rules" reference set (docs/reference-data.md): the numbers of the norms a ministry may change (fees,
ages, validity; `enrollment.rules.PUBLISHED_RULES`) and face-photo thresholds, turned into the domain's
values. Only a verified payload comes here; anything it does not name keeps the software's value, and a name
or a value the software does not know refuses the whole set (a half-read fee table is no fee table)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation

from enrollment.face.thresholds import FaceThresholds
from enrollment.rules import DEFAULT_RULES, PUBLISHED_RULES, Rules

from .envelope import ReferenceSet, refusal


@dataclass(frozen=True)
class PublishedRules:
    rules: Rules = DEFAULT_RULES
    face: dict[str, float] = field(default_factory=dict)  # FaceThresholds overrides


def _value(money: bool, raw: object) -> object:
    if money:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ValueError(raw)
        value = Decimal(raw)
        if not value.is_finite() or not 0 <= value <= 10_000 or value != value.quantize(Decimal("0.01")):
            raise ValueError(raw)
        return value
    if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= 150:
        raise ValueError(raw)
    return raw


def published_rules(reference: ReferenceSet) -> PublishedRules:
    """The domain's values from a verified "rules" set; SyncError reference.invalid if it holds anything else."""
    body = reference.json_payload()
    raw_rules, raw_face = body.get("rules", {}), body.get("face", {})
    if not isinstance(raw_rules, dict) or not isinstance(raw_face, dict) or set(body) - {"rules", "face"}:
        raise refusal(reference.name, "content")
    kinds = {f.name: f.type for f in fields(Rules)}
    try:
        if set(raw_rules) - set(PUBLISHED_RULES):
            raise ValueError("unknown rule")
        changes = {k: _value("Decimal" in str(kinds[k]), v) for k, v in raw_rules.items()}
        face = {k: float(v) for k, v in raw_face.items() if not isinstance(v, bool)}
        if len(face) != len(raw_face):
            raise ValueError("face")
        FaceThresholds.with_overrides(face)
        rules = replace(DEFAULT_RULES, **changes)
        if rules.passport_teen_age > rules.passport_adult_age:
            raise ValueError("age bands")
    except (ValueError, TypeError, InvalidOperation) as exc:
        raise refusal(reference.name, "content") from exc
    return PublishedRules(rules, face)


def rules_payload(rules: Rules = DEFAULT_RULES) -> dict:
    """The payload the software's own values make: what the CERT publishes at first (devstation) and the
    shape a new fee table follows."""
    return {"rules": {k: (str(v) if isinstance(v, Decimal) else v) for k in PUBLISHED_RULES
                      for v in [getattr(rules, k)]}, "face": {}}

