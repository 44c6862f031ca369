"""Face image: capture quality (ICAO 9303 / ISO/IEC 19794-5) and the token image.

Public interface:
- `analyse(image, mode)` → `FaceReport` (every named check, face box, framed 35 × 45 image);
- `face_photo(report, source)` → `FacePhoto` for the dossier (JPEG under the size limit, with metadata);
- `with_override(photo, reason, note, agent_id)` → the photo accepted despite failing checks;
- `extract_paper_photo(page)` → the print found on a scanned page, upright;
- `renewal.compare(new, previous)` → `RenewalComparison` (a warning, never a refusal);
- `FaceThresholds`: the one table of norms and limits.
"""

from .detection import Mode, load_models
from .model import CheckResult, FacePhoto, Override, OverrideReason, PhotoSource, RenewalComparison
from .paper import extract_paper_photo
from .quality import FaceReport, analyse
from .thresholds import DEFAULT_THRESHOLDS, FaceThresholds
from .token import encode_jpeg, face_photo, face_photo_from_frame, with_override

__all__ = [
    "DEFAULT_THRESHOLDS", "CheckResult", "FacePhoto", "FaceReport", "FaceThresholds", "Mode", "Override",
    "OverrideReason", "PhotoSource", "RenewalComparison", "analyse", "encode_jpeg", "extract_paper_photo",
    "face_photo", "face_photo_from_frame", "load_models", "with_override",
]
