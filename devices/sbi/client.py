"""The station's SBI client: find the device on loopback, read its signed info, capture, stream.

Discovery asks MOSIPDINFO on the configured port, or on every port from 4501 to 4600 when none is set (as
MOSIP's registration client does), and keeps the devices of the wanted type; the configured serial number
picks one when several answer. A device's info counts only if signed by a trusted provider's key: one that
is unsigned (Not Registered) or signed by an unknown key is shown, never used. Each capture goes through
capture_check.py and continues the hash chain of this client's captures.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
import urllib3
from cryptography import x509

from devices.errors import DeviceError
from devices.sbi import jws
from devices.sbi.capture_check import check_reply, device_error
from devices.sbi.errors import sbi_error
from devices.sbi.model import ACCEPTED_SPECS, FIRST_PORT, LAST_PORT, SPEC_VERSION, Capture, SbiDevice
from devices.sbi.stream import jpeg_frames
from devices.status import DeviceState

log = logging.getLogger(__name__)

HOST = "127.0.0.1"  # SBI binds 127.0.0.1, never "localhost"
PROBE_TIMEOUT_S = 1.0
MAX_REPLY = 32 * 1024 * 1024  # a face record in JPEG 2000 lossless is a few MB


def load_anchors(path: str) -> list[x509.Certificate]:
    """The trusted device providers' CA certificates (a PEM bundle); none when unset or unreadable."""
    if not path:
        return []
    try:
        return x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError):
        log.warning("SBI trust bundle unreadable")
        return []


class SbiClient:
    def __init__(self, kind: str, bio_type: str, port: int, preferred: str, anchors: list[x509.Certificate],
                 env: str, timeout_s: float = 5.0) -> None:
        self.kind, self.bio_type, self.port, self.preferred = kind, bio_type, port, preferred
        self.anchors, self.env, self.timeout_s = anchors, env, timeout_s
        self.previous_hash = ""  # the last verified capture's hash ("" = none yet: SHA-256 of nothing)
        self._http = requests.Session()
        self._http.trust_env = False  # loopback: never through a proxy
        self._lock = threading.Lock()

    # -- discovery -------------------------------------------------------------------------------------------

    def devices(self) -> list[SbiDevice]:
        """Every device of our type that answers, trusted or not (the diagnosis shows them all)."""
        ports = [self.port] if self.port else list(range(FIRST_PORT, LAST_PORT + 1))
        if len(ports) == 1:
            found = self._info(ports[0], must_answer=True)
        else:
            with ThreadPoolExecutor(16, thread_name_prefix="sbi-scan") as pool:
                found = [d for batch in pool.map(self._info, ports) for d in batch]
        return [d for d in found if d.bio_type == self.bio_type]

    def find(self) -> SbiDevice:
        """The device to use: the preferred one if set, else the first ready; DeviceError if none is usable."""
        devices = self.devices()
        if self.preferred:
            devices = [d for d in devices if d.serial == self.preferred]
        if not devices:
            raise sbi_error("sbi.no_device", self.kind)
        ready = [d for d in devices if d.state is DeviceState.READY]
        device = ready[0] if ready else devices[0]
        self._refuse_unusable(device)
        return device

    def _refuse_unusable(self, device: SbiDevice) -> None:
        if device.distrust:
            raise sbi_error(device.distrust, self.kind)
        code = {DeviceState.BUSY: "sbi.busy", DeviceState.NOT_READY: "sbi.not_ready",
                DeviceState.NOT_REGISTERED: "sbi.not_registered"}.get(device.state)
        if code:
            raise sbi_error(code, self.kind)

    def _info(self, port: int, must_answer: bool = False) -> list[SbiDevice]:
        try:
            reply = self._call("MOSIPDINFO", port, "info", None, PROBE_TIMEOUT_S if not must_answer else None)
        except DeviceError:
            if must_answer:
                raise
            return []
        if not isinstance(reply, list):
            if must_answer:
                raise sbi_error("device.bad_reply", self.kind)
            return []
        return [d for d in (self._device(port, item) for item in reply) if d is not None]

    def _device(self, port: int, item: Any) -> SbiDevice | None:
        token = item.get("deviceInfo") if isinstance(item, dict) else None
        if not isinstance(token, str):
            return None
        distrust = ""
        now = dt.datetime.now(dt.UTC)
        try:
            info = jws.verify(token, self.anchors, now).json()
            digital = jws.verify(str(info.get("digitalId", "")), self.anchors, now).json()
        except jws.JwsError as exc:
            # Unsigned (Not Registered), or signed by a key no trusted provider issued: shown, never used.
            distrust = "sbi.not_registered" if token.count(".") != 2 else (
                "sbi.untrusted" if exc.kind == "trust" else "sbi.bad_signature")
            try:
                info = _json(jws.unverified_payload(token))
                digital = _json(jws.unverified_payload(str(info.get("digitalId", ""))))
            except (jws.JwsError, ValueError, AttributeError):
                return None
        if not isinstance(info, dict) or not isinstance(digital, dict):
            return None
        specs = info.get("specVersion") or []
        if not distrust and not any(s in ACCEPTED_SPECS for s in specs):
            distrust = "sbi.device_error"
        if not distrust and info.get("env") != self.env:
            distrust = "sbi.not_registered"  # registered for another environment (a test device in production)
        return SbiDevice(port, str(info.get("deviceId", "")), str(digital.get("type", "")),
                         str(digital.get("deviceSubType", "")), tuple(str(s) for s in info.get("deviceSubId") or []),
                         str(info.get("deviceStatus", "")), str(digital.get("serialNo", "")),
                         str(digital.get("make", "")), str(digital.get("model", "")),
                         str(digital.get("deviceProvider", "")), str(info.get("firmware", "")),
                         str(info.get("env", "")), str(info.get("certification", "")), distrust)

    # -- capture and stream ----------------------------------------------------------------------------------

    def capture(self, device: SbiDevice, bio: dict[str, Any], timeout_s: float) -> list[Capture]:
        """RCAPTURE one `bio` entry (type, count, bioSubType, exception, requestedScore, deviceSubId) and
        return its verified captures; the chain moves on only when every one of them verified."""
        with self._lock:
            request = {"env": self.env, "purpose": "Registration", "specVersion": SPEC_VERSION,
                       "timeout": str(int(timeout_s * 1000)),
                       "captureTime": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "transactionId": str(uuid.uuid4()),
                       "bio": [{"deviceId": device.device_id, "previousHash": self.previous_hash, **bio}],
                       "customOpts": None}
            # The device answers at its timeout at the latest: allow for the reply's transfer on top.
            reply = self._call("RCAPTURE", device.port, "capture", request, timeout_s + self.timeout_s)
            captures = check_reply(self.kind, reply, request, device, self.anchors, self.previous_hash)
            self.previous_hash = captures[-1].hash
            return captures

    def stream(self, device: SbiDevice, sub_id: str, timeout_s: float) -> Iterator[bytes]:
        """The device's live preview, JPEG after JPEG, until `timeout_s` or the caller stops reading."""
        url = f"http://{HOST}:{device.port}/stream"
        body = {"deviceId": device.device_id, "deviceSubId": sub_id, "timeout": str(int(timeout_s * 1000))}
        try:
            response = self._http.request("STREAM", url, json=body, stream=True, timeout=(self.timeout_s, 5.0))
        except requests.RequestException:
            raise sbi_error("sbi.unreachable", self.kind, port=device.port) from None
        if not response.headers.get("Content-Type", "").startswith("multipart/"):
            try:
                failure = device_error(self.kind, _json(response.content[:4096]).get("error"))
            except (ValueError, AttributeError):
                failure = None
            response.close()
            raise failure or sbi_error("device.bad_reply", self.kind)
        return jpeg_frames(response)

    def close(self) -> None:
        self._http.close()

    def _call(self, verb: str, port: int, path: str, body: Any, timeout_s: float | None = None) -> Any:
        try:
            response = self._http.request(verb, f"http://{HOST}:{port}/{path}", json=body,
                                          timeout=timeout_s or self.timeout_s, stream=True)
            content = response.raw.read(MAX_REPLY + 1, decode_content=True)
        except (requests.Timeout, urllib3.exceptions.ReadTimeoutError):
            raise sbi_error("sbi.timeout", self.kind) from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
            raise sbi_error("sbi.unreachable", self.kind, port=port) from None
        if response.status_code != 200 or len(content) > MAX_REPLY:
            raise sbi_error("device.bad_reply", self.kind)
        try:
            return _json(content)
        except ValueError:
            raise sbi_error("device.bad_reply", self.kind) from None


def _json(data: bytes) -> Any:
    import json

    return json.loads(data)
