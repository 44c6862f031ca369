"""How the station reaches its devices, whatever their kind.

- `usb/`: the USB layer of the USB drivers (fingerprint scanner, signature pad): pyusb's libusb backend for
  real hardware, or the remote backend that carries the same calls to the emulated devices of hw-mocks.
- `simlink`: the simulated device link (JSON lines over TCP) of the simulated-only drivers.
"""
