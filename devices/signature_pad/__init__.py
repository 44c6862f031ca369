"""The signature pad on which the applicant signs: a USB pad (docs/signature-pad.md)."""

from devices.signature_pad.driver import PenListener, SignaturePad
from devices.signature_pad.model import PadInfo, PenEvent, PenPoint, PenTrace
from devices.signature_pad.usb import UsbSignaturePad

IMPLEMENTATIONS = {"usb": UsbSignaturePad.from_settings}

__all__ = ["IMPLEMENTATIONS", "PadInfo", "PenEvent", "PenListener", "PenPoint", "PenTrace", "SignaturePad",
           "UsbSignaturePad"]
