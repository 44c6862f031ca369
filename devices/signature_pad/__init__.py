"""The signature pad on which the applicant signs: a USB pad (docs/signature-pad.md), or any pen tablet the
operating system knows, through the station's window (docs/signature-pad.md, "The system's pen tablet")."""

from devices.signature_pad.driver import PenListener, SignaturePad
from devices.signature_pad.model import PadInfo, PenEvent, PenPoint, PenTrace
from devices.signature_pad.tablet import TabletSignaturePad, TabletState
from devices.signature_pad.tablet_input import TabletSample, TabletSurface
from devices.signature_pad.usb import UsbSignaturePad

IMPLEMENTATIONS = {"usb": UsbSignaturePad.from_settings, "tablet": TabletSignaturePad.from_settings}

__all__ = ["IMPLEMENTATIONS", "PadInfo", "PenEvent", "PenListener", "PenPoint", "PenTrace", "SignaturePad",
           "TabletSample", "TabletSignaturePad", "TabletState", "TabletSurface", "UsbSignaturePad"]
