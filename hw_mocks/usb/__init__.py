"""Emulated USB devices on a bus the station reaches through its `sim://` pyusb backend."""

from hw_mocks.usb.bus import UsbBus, UsbBusServer
from hw_mocks.usb.device import EmulatedUsbDevice, Endpoint, Identity, UsbFault

DEFAULT_USB_PORT = 47802

__all__ = ["DEFAULT_USB_PORT", "EmulatedUsbDevice", "Endpoint", "Identity", "UsbBus", "UsbBusServer", "UsbFault"]
