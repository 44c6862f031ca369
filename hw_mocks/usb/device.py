"""The base of every emulated USB device: its descriptors, its endpoints, plugging and unplugging.

A device emulator subclasses `EmulatedUsbDevice`, declares its descriptors and implements `bulk_out`
(what the host sends) and pushes what the host will read with `send_in`. Standard requests that every
device answers the same way (string descriptors) are handled here.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Any


class UsbFault(Exception):
    """Raised by an emulator to fail a transfer the way the bus would: "timeout", "pipe", "io", "no_device"."""

    def __init__(self, error: str, detail: str = "") -> None:
        super().__init__(error)
        self.error = error
        self.detail = detail or error


@dataclass
class Endpoint:
    address: int  # bit 7 set = IN (device to host)
    attributes: int = 0x02  # bulk
    max_packet: int = 512

    def descriptor(self) -> dict[str, Any]:
        return {"bLength": 7, "bDescriptorType": 5, "bEndpointAddress": self.address,
                "bmAttributes": self.attributes, "wMaxPacketSize": self.max_packet, "bInterval": 0,
                "bRefresh": 0, "bSynchAddress": 0}


@dataclass
class Identity:
    vendor_id: int
    product_id: int
    manufacturer: str
    product: str
    serial: str
    bcd_device: int = 0x0100
    interface_class: int = 0xFF  # vendor-specific: our own command set


@dataclass
class EmulatedUsbDevice:
    identity: Identity
    endpoints: list[Endpoint] = field(default_factory=list)
    plugged: bool = True

    def __post_init__(self) -> None:
        self._in: dict[int, queue.Queue[bytes]] = {e.address: queue.Queue() for e in self.endpoints
                                                   if e.address & 0x80}
        self.lock = threading.RLock()
        self.strings = {1: self.identity.manufacturer, 2: self.identity.product, 3: self.identity.serial}

    # What subclasses implement --------------------------------------------------------------------------

    def bulk_out(self, ep: int, data: bytes) -> None:
        raise UsbFault("pipe", "this device takes no data")

    def vendor_control(self, request_type: int, request: int, value: int, index: int,
                       data: bytes, length: int) -> bytes:
        raise UsbFault("pipe", "unsupported control request")

    def reset(self) -> None:
        self.flush()

    # What the bus calls -----------------------------------------------------------------------------------

    def send_in(self, ep: int, data: bytes) -> None:
        """Queue bytes the host will read on IN endpoint `ep` (one host read takes one queued packet)."""
        self._in[ep].put(data)

    def flush(self) -> None:
        for q in self._in.values():
            while not q.empty():
                q.get_nowait()

    def bulk_in(self, ep: int, size: int, timeout_s: float | None) -> bytes:
        if ep not in self._in:
            raise UsbFault("pipe", f"no IN endpoint 0x{ep:02X}")
        try:
            data = self._in[ep].get(timeout=timeout_s)
        except queue.Empty:
            raise UsbFault("timeout", "no data before the timeout") from None
        if not self.plugged:
            raise UsbFault("no_device", "device unplugged")
        if len(data) > size:  # keep the rest for the next read, as a short host buffer would
            self._in[ep].queue.appendleft(data[size:])
            data = data[:size]
        return data

    def control(self, request_type: int, request: int, value: int, index: int, data: bytes, length: int) -> bytes:
        if request_type == 0x80 and request == 6 and value >> 8 == 3:  # GET_DESCRIPTOR(string)
            return self._string_descriptor(value & 0xFF)[:length]
        return self.vendor_control(request_type, request, value, index, data, length)

    def _string_descriptor(self, index: int) -> bytes:
        if index == 0:
            return bytes([4, 3, 0x09, 0x04])  # language: en-US
        text = self.strings.get(index)
        if text is None:
            raise UsbFault("pipe", "no such string")
        encoded = text.encode("utf-16-le")
        return bytes([2 + len(encoded), 3]) + encoded

    def unplug(self) -> None:
        """Pull the cable: transfers in flight fail with ENODEV and the device leaves the bus."""
        self.plugged = False
        for ep in self._in:
            self._in[ep].put(b"")  # wake a blocked reader so it sees the unplug

    def plug(self) -> None:
        self.flush()
        self.plugged = True

    # Descriptors ---------------------------------------------------------------------------------------------

    def descriptor_tree(self, device_id: str, address: int) -> dict[str, Any]:
        i = self.identity
        device = {"bLength": 18, "bDescriptorType": 1, "bcdUSB": 0x0200, "bDeviceClass": 0,
                  "bDeviceSubClass": 0, "bDeviceProtocol": 0, "bMaxPacketSize0": 64, "idVendor": i.vendor_id,
                  "idProduct": i.product_id, "bcdDevice": i.bcd_device, "iManufacturer": 1, "iProduct": 2,
                  "iSerialNumber": 3, "bNumConfigurations": 1, "address": address, "bus": 1,
                  "port_number": address, "speed": 3}
        interface = {"bLength": 9, "bDescriptorType": 4, "bInterfaceNumber": 0, "bAlternateSetting": 0,
                     "bNumEndpoints": len(self.endpoints), "bInterfaceClass": i.interface_class,
                     "bInterfaceSubClass": 0, "bInterfaceProtocol": 0, "iInterface": 0,
                     "endpoints": [e.descriptor() for e in self.endpoints]}
        config = {"bLength": 9, "bDescriptorType": 2, "wTotalLength": 9 + 9 + 7 * len(self.endpoints),
                  "bNumInterfaces": 1, "bConfigurationValue": 1, "iConfiguration": 0, "bmAttributes": 0x80,
                  "bMaxPower": 250, "interfaces": [interface]}
        return {"id": device_id, "device": device, "configurations": [config]}
