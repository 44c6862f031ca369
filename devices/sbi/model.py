"""What the station learns from an SBI device: who it is, its status, and each verified capture."""

from __future__ import annotations

from dataclasses import dataclass

from devices.status import DeviceState

SPEC_VERSION = "0.9.5"
ACCEPTED_SPECS = ("0.9.5", "1.0.0")
FIRST_PORT, LAST_PORT = 4501, 4600

# SBI deviceStatus -> the station's one status model.
STATES = {"Ready": DeviceState.READY, "Busy": DeviceState.BUSY, "Not Ready": DeviceState.NOT_READY,
          "Not Registered": DeviceState.NOT_REGISTERED}

# ISO/IEC 19794-4 finger position code -> SBI bioSubType.
BIO_SUB_TYPES = {"1": "Right Thumb", "2": "Right IndexFinger", "3": "Right MiddleFinger", "4": "Right RingFinger",
                 "5": "Right LittleFinger", "6": "Left Thumb", "7": "Left IndexFinger", "8": "Left MiddleFinger",
                 "9": "Left RingFinger", "10": "Left LittleFinger"}
# A slap scanner's deviceSubId -> the finger positions it images (1 left slap, 2 right slap, 3 the thumbs).
SLAPS = {"1": ("7", "8", "9", "10"), "2": ("2", "3", "4", "5"), "3": ("6", "1")}


@dataclass(frozen=True)
class SbiDevice:
    port: int
    device_id: str
    bio_type: str  # "Finger", "Face", "Iris"
    sub_type: str  # "Single", "Slap", "Touchless", "Full face"
    sub_ids: tuple[str, ...]
    status: str  # as the device says it ("Ready", "Busy"…)
    serial: str = ""
    make: str = ""
    model: str = ""
    provider: str = ""
    firmware: str = ""
    env: str = ""
    certification: str = ""
    # Why the station cannot trust what the device says of itself (a DeviceError code), "" when it can.
    distrust: str = ""

    @property
    def state(self) -> DeviceState:
        if self.distrust:
            return DeviceState.NOT_REGISTERED
        return STATES.get(self.status, DeviceState.NOT_READY)


@dataclass(frozen=True)
class Capture:
    """One biometric of an RCAPTURE reply, its signature, chain, time and fields checked."""

    bio_type: str
    bio_sub_type: str  # "" for a face
    record: bytes  # the ISO/IEC 19794 record (bioValue decoded)
    quality: float  # the device's own score, 0..100: shown to the agent, never trusted alone
    requested: float
    timestamp: str
    hash: str
