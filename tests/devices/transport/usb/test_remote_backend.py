"""The sim:// pyusb backend against the emulated bus: the driver-facing pyusb API behaves as over libusb."""

from __future__ import annotations

import errno
import threading
import time

import pytest
import usb.core
import usb.util

from devices.transport.usb import usb_backend
from hw_mocks.usb import EmulatedUsbDevice, Endpoint, Identity, UsbBus, UsbBusServer


class EchoDevice(EmulatedUsbDevice):
    """Answers every OUT packet with the same bytes reversed on the IN endpoint."""

    def bulk_out(self, ep: int, data: bytes) -> None:
        self.send_in(0x81, data[::-1])


@pytest.fixture
def bus():
    b = UsbBus()
    device = EchoDevice(Identity(0x1209, 0x0001, "Recueil", "Echo", "SN-1"), [Endpoint(0x01), Endpoint(0x81)])
    b.attach("echo", device)
    server = UsbBusServer(b)
    server.start()
    yield server, device
    server.stop()


def find(server):
    return usb.core.find(idVendor=0x1209, idProduct=0x0001, backend=usb_backend(f"sim://127.0.0.1:{server.port}"))


def test_device_is_found_with_its_strings_and_endpoints(bus):
    server, _ = bus
    dev = find(server)
    assert dev is not None
    assert usb.util.get_string(dev, dev.iProduct) == "Echo"
    assert dev.serial_number == "SN-1"
    dev.set_configuration()
    intf = dev.get_active_configuration()[(0, 0)]
    assert sorted(e.bEndpointAddress for e in intf) == [0x01, 0x81]


def test_bulk_round_trip_and_short_host_buffer(bus):
    server, _ = bus
    dev = find(server)
    dev.set_configuration()
    assert dev.write(0x01, b"abcdef") == 6
    assert bytes(dev.read(0x81, 4, timeout=500)) == b"fedc"
    assert bytes(dev.read(0x81, 64, timeout=500)) == b"ba"  # the rest stays for the next read


def test_read_with_nothing_to_read_times_out_like_libusb(bus):
    server, _ = bus
    dev = find(server)
    with pytest.raises(usb.core.USBTimeoutError) as err:
        dev.read(0x81, 64, timeout=100)
    assert err.value.errno == errno.ETIMEDOUT


def test_unplug_during_a_blocked_read_gives_enodev_and_the_device_leaves_the_bus(bus):
    server, device = bus
    dev = find(server)
    threading.Timer(0.2, device.unplug).start()
    started = time.monotonic()
    with pytest.raises(usb.core.USBError) as err:
        dev.read(0x81, 64, timeout=5000)
    assert err.value.errno == errno.ENODEV
    assert time.monotonic() - started < 4
    assert find(server) is None
    device.plug()
    assert find(server) is not None


def test_no_bus_means_no_device_and_a_dead_bus_means_enodev(bus):
    server, _ = bus
    dev = find(server)
    server.stop()
    with pytest.raises(usb.core.USBError) as err:
        dev.write(0x01, b"x")
    assert err.value.errno == errno.ENODEV
    assert find(server) is None


def test_unknown_backend_spec_is_refused():
    with pytest.raises(ValueError):
        usb_backend("bluetooth://x")
    assert usb_backend("libusb") is None and usb_backend("") is None
