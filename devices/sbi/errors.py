"""The DeviceError of an SBI device, worded for its kind ("le lecteur d'empreintes", "la caméra")."""

from __future__ import annotations

from devices import strings
from devices.errors import DeviceError


def sbi_error(code: str, kind: str, /, **fields: object) -> DeviceError:
    return DeviceError(code, strings.message(code, kind=kind, **fields), {"kind": kind, **fields})
