"""What every device driver has in common, whatever its kind or implementation."""

from __future__ import annotations

from abc import ABC
from typing import TYPE_CHECKING

from devices import strings
from devices.errors import DeviceError

if TYPE_CHECKING:
    import numpy as np


class Driver(ABC):  # noqa: B024 - no method of its own is abstract; ABC makes the kinds' abstract ones bind
    """Base of the per-kind interfaces. Blocking methods must run on a DeviceWorker, never the GUI thread."""

    kind: str = ""
    implementation: str = ""

    def close(self) -> None:  # noqa: B027 - optional hook: most drivers hold nothing to release
        """Release the connection or handle; the driver may reopen it on next use."""


def decode_image(data: bytes, kind: str, *, grey: bool = False) -> np.ndarray:
    """Decode a PNG/JPEG from a device into BGR (or single-channel) uint8, or report a bad reply."""
    import cv2  # loaded with the first image, not with the station: OpenCV and numpy weigh on the cold start
    import numpy as np

    buffer = np.frombuffer(data, dtype=np.uint8)
    flags = cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR
    image = cv2.imdecode(buffer, flags) if buffer.size else None
    if image is None:
        raise DeviceError("device.bad_reply", strings.message("device.bad_reply", kind=kind))
    return image
