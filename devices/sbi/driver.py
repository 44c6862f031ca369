"""What the SBI fingerprint scanner and camera drivers share: their client, the device they use, and its
status in the station's one model."""

from __future__ import annotations

from devices.errors import DeviceError
from devices.sbi.client import SbiClient, load_anchors
from devices.sbi.errors import sbi_error
from devices.sbi.model import SbiDevice
from devices.settings import DeviceSettings
from devices.status import Condition, DeviceState, DeviceStatus, status_of
from devices.worker import assert_not_gui_thread

# After these, the device is looked up again before the next capture (it may have moved port, been
# replaced or registered).
_FORGET_ON = ("sbi.unreachable", "sbi.not_registered", "sbi.untrusted", "sbi.no_device", "sbi.not_ready")


def client_for(kind: str, bio_type: str, settings: DeviceSettings) -> SbiClient:
    preferred = settings.sbi_camera_device if kind == "camera" else settings.sbi_fingerprint_device
    return SbiClient(kind, bio_type, settings.sbi_port, preferred, load_anchors(settings.sbi_trust),
                     settings.sbi_env, settings.link_timeout_s)


class SbiDriverBase:
    """Mixed into the SBI drivers of each kind (they keep their kind's interface)."""

    kind: str
    implementation = "sbi"

    def __init__(self, client: SbiClient) -> None:
        self.client = client
        self._device: SbiDevice | None = None

    def device(self) -> SbiDevice:
        assert_not_gui_thread()
        if self._device is None:
            self._device = self.client.find()
        return self._device

    def forget_on(self, error: DeviceError) -> None:
        if error.code in _FORGET_ON:
            self._device = None

    def status(self) -> DeviceStatus:
        """The device's status, asked afresh: its own word, and whether the station may trust it."""
        assert_not_gui_thread()
        try:
            devices = self.client.devices()
        except DeviceError as exc:
            return status_of(self.kind, self.implementation, [Condition("service", False, exc.message)])
        if self.client.preferred:
            devices = [d for d in devices if d.serial == self.client.preferred]
        if not devices:
            error = sbi_error("sbi.no_device", self.kind)
            return status_of(self.kind, self.implementation, [Condition("service", False, error.message)])
        device = next((d for d in devices if d.state is DeviceState.READY), devices[0])
        trusted = Condition("trust", not device.distrust,
                            sbi_error(device.distrust, self.kind).message if device.distrust else "")
        ready = Condition("status", device.state is DeviceState.READY, "" if device.state is DeviceState.READY else
                          sbi_error(_STATE_CODES[device.state], self.kind).message)
        return status_of(self.kind, self.implementation, [trusted, ready], device.state)

    def close(self) -> None:
        self._device = None
        self.client.close()


_STATE_CODES = {DeviceState.BUSY: "sbi.busy", DeviceState.NOT_READY: "sbi.not_ready",
                DeviceState.NOT_REGISTERED: "sbi.not_registered"}
