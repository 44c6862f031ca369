"""From the pen's time series to what the dossier keeps: checked, rendered, exported."""

from __future__ import annotations

from datetime import datetime

from ..errors import EnrollmentError
from .checks import problems
from .iso19794_7 import export
from .model import Signature
from .render import render_signature
from .series import SignatureSeries
from .thresholds import DEFAULT_THRESHOLDS, SignatureThresholds


def signed(series: SignatureSeries, captured_at: datetime,
           limits: SignatureThresholds = DEFAULT_THRESHOLDS) -> Signature:
    """The dossier's signature; EnrollmentError with the first problem's French message if it is not one."""
    found = problems(series, limits)
    if found:
        raise EnrollmentError(found[0].code, found[0].message)
    return Signature(png=render_signature(series), iso_19794_7=export(series, captured_at))
