"""Reading an image file named by a technician (photo-check, finger-quality, finger-match): every way the
file can be wrong ends in one StationError with a French message and the next step, never a traceback.

The header is read first and the pixel count bounded before anything is decoded, so a file declaring
100000 x 100000 pixels (a decompression bomb) is refused at once instead of filling the memory."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StationError
from ..strings import label

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image as PILImage

# A technician's file comes from a camera, a booth or a scanner: 40 million pixels is above any of them
# (a 24 MP camera, a 500 ppi flat scanner's 0.5 MP) and decodes to at most 120 MB of RGB.
MAX_PIXELS = 40_000_000
# A file above this size is no photo or print the station would take; reading it whole would cost memory.
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ImageFile:
    data: bytes  # the file's bytes, for decoders that read them themselves (OpenCV)
    image: PILImage  # decoded


def _refuse(code: str, path: Path, **fields: object) -> StationError:
    return StationError(f"image_file.{code}", label(f"image_file.{code}", **fields), detail=str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes; refuses a missing file, a folder, an empty or oversize file, an unreadable one."""
    try:
        if path.is_dir():
            raise _refuse("directory", path)
        if not path.exists():
            raise _refuse("missing", path)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse("too_heavy", path, size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError as exc:  # permissions, a special file, a name the system refuses
        raise _refuse("unreadable", path) from exc
    if not data:
        raise _refuse("empty", path)
    return data


def read_image(path: Path) -> ImageFile:
    """The file, decoded by Pillow after its declared size was checked; raises StationError otherwise."""
    from PIL import Image
    from PIL import ImageFile as PilImageFile

    from enrollment.fingerprint import wsq_codec  # noqa: F401  (registers WSQ with Pillow)

    data = read_bytes(path)
    with warnings.catch_warnings():
        # Pillow warns (DecompressionBombWarning) before it errs; our own, lower bound decides.
        warnings.simplefilter("ignore")
        try:
            image = Image.open(io.BytesIO(data))  # reads the header only
        except Image.DecompressionBombError as exc:  # declared over twice Pillow's own limit
            raise _refuse("too_large", path, limit=MAX_PIXELS // 1_000_000) from exc
        except Exception as exc:  # UnidentifiedImageError, or a plugin choking on a malformed header
            raise _refuse("not_image", path) from exc
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _refuse("too_large", path, limit=MAX_PIXELS // 1_000_000)
        if image.format == "WSQ":  # NBIS's C decoder can crash on a crafted file: decoded apart
            return ImageFile(data=data, image=Image.fromarray(_decode_wsq(data, path)))
        # face_recognition, imported by photo-check, sets Pillow's process-wide LOAD_TRUNCATED_IMAGES at
        # import: a truncated file would then load with grey rows and be judged. Here it is refused.
        tolerant, PilImageFile.LOAD_TRUNCATED_IMAGES = PilImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            image.load()
        except Exception as exc:  # truncated data, a corrupt stream: Pillow's plugins raise many types
            raise _refuse("damaged", path) from exc
        finally:
            PilImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    if min(image.size) <= 0:
        raise _refuse("damaged", path)
    return ImageFile(data=data, image=image)


def _decode_wsq(data: bytes, path: Path) -> np.ndarray:
    from enrollment.errors import EnrollmentError
    from enrollment.fingerprint.wsq_isolated import decode_untrusted_wsq

    try:
        return decode_untrusted_wsq(data)
    except EnrollmentError as exc:
        raise _refuse("damaged", path) from exc


def error_entry(exc: Exception) -> dict[str, str]:
    """{error, message} for a file the batch could not judge. The station's and the domain's errors carry
    their French message; anything else (a native decoder or NBIS failing on a crafted file) is named by its
    type only, so that one bad file never ends the batch with a traceback."""
    from enrollment.errors import EnrollmentError

    if isinstance(exc, StationError | EnrollmentError):
        return {"error": exc.code, "message": exc.message}
    return {"error": "image_file.unexpected", "message": label("image_file.unexpected", kind=type(exc).__name__)}
