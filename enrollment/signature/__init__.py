"""The applicant's signature: the pen's time series, its checks, the image for the title, the ISO/IEC
19794-7 record, and the exemptions."""

from .checks import SignatureMeasures, SignatureProblem, measure, problems
from .exemptions import exempted, exemption_problem, mention, too_young_to_sign
from .iso19794_7 import export
from .model import Signature, SignatureExemption
from .record import signed
from .render import RENDER_DPI, RENDER_HEIGHT_PX, RENDER_WIDTH_PX, render_signature
from .series import PenSample, SignatureSeries
from .thresholds import DEFAULT_THRESHOLDS, SignatureThresholds

__all__ = [
    "DEFAULT_THRESHOLDS", "RENDER_DPI", "RENDER_HEIGHT_PX", "RENDER_WIDTH_PX", "PenSample", "Signature",
    "SignatureExemption", "SignatureMeasures", "SignatureProblem", "SignatureSeries", "SignatureThresholds",
    "exempted", "exemption_problem", "export", "measure", "mention", "problems", "render_signature", "signed",
    "too_young_to_sign",
]
