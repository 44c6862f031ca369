"""The emulated SBI devices (MOSIP SBI, spec 0.9.5, certification L0, purpose Registration): a single-finger
scanner, a two-thumb/slap scanner and a face camera, answering discovery, info and registration captures.

The fingers come from the same applicant as the USB scanner's (hw_mocks/fingerprint/applicant.py), the face
from the virtual camera's scene (hw_mocks/camera/control.py). Faults a test can set, each where a real device
shows it: a status (Busy, Not Ready, Not Registered), a delay before the capture answers, no finger before the
timeout, a capture whose signature is wrong, one whose hash breaks the chain.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hw_mocks.camera.control import CameraSim
from hw_mocks.fingerprint.applicant import Applicant
from hw_mocks.sbi import records
from hw_mocks.sbi.signing import DeviceKeys, b64url, timestamp

SPEC = "0.9.5"
SERVICE_VERSION = "0.9.5"
PROVIDER, PROVIDER_ID = "Recueil test devices", "RECUEIL-TEST"
ENVS = ("Staging", "Developer", "Pre-Production", "Production")
STATUSES = ("Ready", "Busy", "Not Ready", "Not Registered")
FINGERS = {"Right Thumb": 1, "Right IndexFinger": 2, "Right MiddleFinger": 3, "Right RingFinger": 4,
           "Right LittleFinger": 5, "Left Thumb": 6, "Left IndexFinger": 7, "Left MiddleFinger": 8,
           "Left RingFinger": 9, "Left LittleFinger": 10}
# deviceSubId of a slap scanner -> the fingers it images.
SLAP_FINGERS = {"1": ("Left IndexFinger", "Left MiddleFinger", "Left RingFinger", "Left LittleFinger"),
                "2": ("Right IndexFinger", "Right MiddleFinger", "Right RingFinger", "Right LittleFinger"),
                "3": ("Left Thumb", "Right Thumb")}
ERRORS = {"0": "Success", "100": "Device not registered", "101": "Unable to detect a biometric object",
          "109": "Requested number of biometric (Finger/IRIS) not supported", "110": "Device is not ready",
          "111": "Device is Busy", "112": "Invalid Transaction ID", "114": "Device Type mismatch",
          "115": "Env values mismatch", "119": "Bio SubType value mismatch", "121": "Purpose mismatch",
          "123": "Invalid request", "701": "RCapture Failed because Capture Timeout has happened",
          "705": "Device not connected or not registered"}
STATUS_ERROR = {"Ready": "0", "Busy": "111", "Not Ready": "110", "Not Registered": "100"}
_TRANSACTION = re.compile(r"[A-Za-z0-9-]{4,50}")
PPI = 500


class SbiError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def error(code: str) -> dict[str, str]:
    return {"errorCode": code, "errorInfo": ERRORS.get(code, "Unknown Error")}


@dataclass
class SbiDevice:
    device_id: str
    type: str  # "Finger" | "Face"
    sub_type: str  # "Single" | "Slap" | "Full face"
    sub_ids: tuple[str, ...]
    serial: str
    model: str
    status: str = "Ready"
    faults: dict[str, Any] = field(default_factory=dict)


class SbiDevices:
    def __init__(self, applicant: Applicant, camera: CameraSim, keys: DeviceKeys, env: str = "Developer") -> None:
        self.applicant, self.camera, self.keys, self.env = applicant, camera, keys, env
        self.port = 0  # set by the service once bound
        self.devices = {d.device_id: d for d in (
            SbiDevice("1", "Finger", "Single", ("0",), "RCL-FP1-000000001", "FP-1 SBI (émulé)"),
            SbiDevice("2", "Finger", "Slap", ("1", "2", "3"), "RCL-FP4-000000002", "FP-4 SBI (émulé)"),
            SbiDevice("3", "Face", "Full face", ("0",), "RCL-CAM-000000003", "CAM-1 SBI (émulée)"))}
        self.lock = threading.Lock()
        self.captures = {"Finger": 0, "Face": 0}  # biometrics returned, per type

    # -- discovery and info ----------------------------------------------------------------------------------

    def digital_id(self, d: SbiDevice) -> dict[str, str]:
        return {"serialNo": d.serial, "make": "Recueil", "model": d.model, "type": d.type,
                "deviceSubType": d.sub_type, "deviceProvider": PROVIDER, "deviceProviderId": PROVIDER_ID,
                "dateTime": timestamp()}

    def _common(self, d: SbiDevice) -> dict[str, Any]:
        registered = d.status != "Not Registered"
        return {"deviceId": d.device_id if registered else "", "deviceStatus": d.status, "certification": "L0",
                "serviceVersion": SERVICE_VERSION, "deviceSubId": list(d.sub_ids),
                "callbackId": f"http://127.0.0.1:{self.port}/", "deviceCode": d.serial if registered else "",
                "specVersion": [SPEC], "purpose": "Registration" if registered else ""}

    def discover(self, kind: str) -> list[dict[str, Any]]:
        if kind not in ("Biometric Device", "Finger", "Face", "Iris"):
            raise SbiError("502")
        out = []
        for d in self.devices.values():
            if kind in ("Biometric Device", d.type):
                out.append({**self._common(d), "digitalId": b64url(_json(self.digital_id(d))),
                            "error": error(STATUS_ERROR[d.status])})
        return out

    def info(self) -> list[dict[str, Any]]:
        out = []
        for d in self.devices.values():
            info = {**self._common(d), "firmware": SERVICE_VERSION,
                    "env": self.env if d.status != "Not Registered" else "None"}
            if d.status == "Not Registered":
                info["digitalId"] = b64url(_json(self.digital_id(d)))
                out.append({"deviceInfo": b64url(_json(info)), "error": error("100")})
            else:
                info["digitalId"] = self.keys.sign(self.digital_id(d))
                out.append({"deviceInfo": self.keys.sign(info), "error": error(STATUS_ERROR[d.status])})
        return out

    # -- registration capture --------------------------------------------------------------------------------

    def rcapture(self, request: dict[str, Any]) -> list[dict[str, Any]]:
        bio = _bio(request)
        d = self.devices.get(str(bio.get("deviceId", "")))
        if d is None:
            raise SbiError("705")
        if bio.get("type") != d.type:
            raise SbiError("114")
        if request.get("env") != self.env:
            raise SbiError("115")
        if request.get("purpose") != "Registration":
            raise SbiError("121")
        if not _TRANSACTION.fullmatch(str(request.get("transactionId", ""))):
            raise SbiError("112")
        with self.lock:
            if d.status != "Ready":
                raise SbiError(STATUS_ERROR[d.status])
            if d.faults.get("busy", 0) > 0:
                d.faults["busy"] -= 1
                raise SbiError("111")
            d.status = "Busy"
        try:
            return self._capture(d, request, bio)
        finally:
            with self.lock:
                if d.status == "Busy":
                    d.status = "Ready"

    def _capture(self, d: SbiDevice, request: dict[str, Any], bio: dict[str, Any]) -> list[dict[str, Any]]:
        timeout_s = _number(request.get("timeout"), "123") / 1000
        delay = float(d.faults.get("delay_s", 0.0))
        started = time.monotonic()
        if delay:
            time.sleep(min(delay, timeout_s))
        items = self._images(d, bio, started + timeout_s)
        corrupt, broken = self._take(d, "bad_signature"), self._take(d, "broken_chain")
        previous = bytes.fromhex(bio["previousHash"]) if bio.get("previousHash") else hashlib.sha256(b"").digest()
        out = []
        for sub_type, record, quality in items:
            data = {"digitalId": self.keys.sign(self.digital_id(d)), "deviceCode": d.serial,
                    "deviceServiceVersion": SERVICE_VERSION, "bioType": d.type, "bioSubType": sub_type,
                    "purpose": "Registration", "env": self.env, "bioValue": b64url(record),
                    "transactionId": request["transactionId"], "timestamp": timestamp(),
                    "requestedScore": f"{float(bio.get('requestedScore') or 0):.1f}", "qualityScore": f"{quality:.1f}"}
            if sub_type is None:
                del data["bioSubType"]
            digest = hashlib.sha256(previous + hashlib.sha256(record).digest()).digest()
            if broken:
                digest = hashlib.sha256(digest).digest()
            previous = digest
            out.append({"specVersion": request.get("specVersion", SPEC), "data": self.keys.sign(data, corrupt=corrupt),
                        "hash": digest.hex().upper(), "error": error("0")})
            self.captures[d.type] += 1
        return out

    def _images(self, d: SbiDevice, bio: dict[str, Any], deadline: float) -> list[tuple[str | None, bytes, float]]:
        if d.type == "Face":
            frame = self.camera.frame(self.camera.width, self.camera.height)
            return [(None, records.face_record(frame), 90.0)]
        fingers = self._fingers(d, bio)
        out = []
        for name in fingers:
            image = None if self._take(d, "no_finger") else self.applicant.finger_for(str(FINGERS[name]))
            if image is None:  # nobody puts that finger down: the device waits out its timeout
                time.sleep(max(0.0, deadline - time.monotonic()))
                raise SbiError("701")
            time.sleep(self.applicant.place_delay_s)
            quality = _quality(image)
            out.append((name, records.finger_record(image, FINGERS[name], PPI, round(quality)), quality))
        return out

    def _fingers(self, d: SbiDevice, bio: dict[str, Any]) -> list[str]:
        asked = bio.get("bioSubType") or []
        exceptions = bio.get("exception") or []
        if not all(isinstance(n, str) and n in FINGERS for n in [*asked, *exceptions]):
            raise SbiError("119")
        count = int(_number(bio.get("count"), "109"))
        if d.sub_type == "Single":
            if len(asked) != 1 or count != 1:
                raise SbiError("109")
            return list(asked)
        slap = SLAP_FINGERS.get(str(bio.get("deviceSubId")))
        if slap is None or not set(asked) | set(exceptions) <= set(slap) or count + len(exceptions) != len(slap):
            raise SbiError("109")
        return [n for n in slap if n not in exceptions and (not asked or n in asked)]

    def _take(self, d: SbiDevice, fault: str) -> bool:
        with self.lock:
            left = int(d.faults.get(fault, 0))
            if left > 0:
                d.faults[fault] = left - 1
            return left > 0


def _bio(request: dict[str, Any]) -> dict[str, Any]:
    bio = request.get("bio")
    if not isinstance(bio, list) or not bio or not isinstance(bio[0], dict):
        raise SbiError("123")
    return bio[0]


def _number(value: Any, code: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SbiError(code) from None


def _quality(image: np.ndarray) -> float:
    """The device's own guess (ridge contrast), as cheap firmware makes it: shown, never trusted alone."""
    return float(min(100.0, max(1.0, np.std(image.astype(np.float32)) * 1.4)))


def _json(value: Any) -> bytes:
    import json

    return json.dumps(value, separators=(",", ":")).encode()
