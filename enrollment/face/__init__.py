"""Face image: capture quality (ICAO 9303 / ISO/IEC 19794-5) and the token image.

Public interface:
- `analyse(image, mode)` → `FaceReport` (every named check, face box, framed 35 × 45 image);
- `face_photo(report, source)` → `FacePhoto` for the dossier (JPEG under the size limit, with metadata);
- `with_override(photo, reason, note, agent_id)` → the photo accepted despite failing checks;
- `extract_paper_photo(page)` → the print found on a scanned page, upright;
- `renewal.compare(new, previous)` → `RenewalComparison` (a warning, never a refusal);
- `FaceThresholds`: the one table of norms and limits.

The names are loaded on first use: the station's configuration reads `FaceThresholds` at start-up, and
OpenCV with the face models (the detection and image modules) would otherwise double the time to the
login screen.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .detection import Mode, load_models
    from .model import CheckResult, FacePhoto, Override, OverrideReason, PhotoSource, RenewalComparison
    from .paper import extract_paper_photo
    from .quality import FaceReport, analyse
    from .thresholds import DEFAULT_THRESHOLDS, FaceThresholds
    from .token import encode_jpeg, face_photo, face_photo_from_frame, with_override

_HOME = {
    "Mode": "detection", "load_models": "detection",
    "CheckResult": "model", "FacePhoto": "model", "Override": "model", "OverrideReason": "model",
    "PhotoSource": "model", "RenewalComparison": "model",
    "extract_paper_photo": "paper",
    "FaceReport": "quality", "analyse": "quality",
    "DEFAULT_THRESHOLDS": "thresholds", "FaceThresholds": "thresholds",
    "encode_jpeg": "token", "face_photo": "token", "face_photo_from_frame": "token", "with_override": "token",
}
_SUBMODULES = {"checks", "detection", "geometry", "model", "paper", "quality", "renewal", "thresholds", "token"}

__all__ = [
    "DEFAULT_THRESHOLDS", "CheckResult", "FacePhoto", "FaceReport", "FaceThresholds", "Mode", "Override",
    "OverrideReason", "PhotoSource", "RenewalComparison", "analyse", "encode_jpeg", "extract_paper_photo",
    "face_photo", "face_photo_from_frame", "load_models", "with_override",
]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:  # `face.renewal` without importing it first, as `from enrollment.face import renewal` does
        value = import_module(f".{name}", __name__)
    elif name in _HOME:
        value = getattr(import_module(f".{_HOME[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
