"""The signature pad on which the applicant signs."""

from devices.signature_pad.driver import SignaturePad
from devices.signature_pad.model import PadInfo, PenPoint, PenTrace
from devices.signature_pad.simulated import SimulatedSignaturePad

IMPLEMENTATIONS = {"simulated": SimulatedSignaturePad.from_settings}

__all__ = ["IMPLEMENTATIONS", "PadInfo", "PenPoint", "PenTrace", "SignaturePad", "SimulatedSignaturePad"]
