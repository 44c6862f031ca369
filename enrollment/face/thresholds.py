"""Face photo norms in one table: the frame geometry, every quality limit, and where each number comes from.

Sources, cited by short name beside each value:
- ICAO 9303 p3: ICAO Doc 9303 part 3 (MRTD specifications, portrait) and its photo guidelines.
- ISO 19794-5: ISO/IEC 19794-5:2005 (face image data), §7–8 full-frontal and token image, and its
  2011 amendment (conditions for taking photographs for face image data).
- ISO 39794-5: ISO/IEC 39794-5:2019 Annex D, which restates the portrait rules of 19794-5 (pose angles).
- ISO 29794-5: ISO/IEC TR/IS 29794-5 (face image quality: sharpness, illumination symmetry, exposure).
- domain.md: the project's domain reference (French rules; values marked "(verify)" there are defaults that
  configuration may change).
- Measured: tuned on the developer face set (../shared/data/faces) where the norm gives a rule but no number
  for our measurement; each says what it was tuned against. These are the first to revisit with real
  counter photos.

Every field is a default; `FaceThresholds(**overrides)` (e.g. from the station configuration) changes them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class FaceThresholds:
    # --- The printed frame (token image) -------------------------------------------------------------------
    # 35 × 45 mm portrait (ICAO 9303 p3; domain.md "Face photo").
    frame_width_mm: float = 35.0
    frame_height_mm: float = 45.0
    # Stored at the ICAO print resolution, 300 dpi → 413 × 531 px (ICAO 9303 p3 print guidance; the size the
    # dossier has always kept). See docs/face-quality.md for why not the 480 × 640 ISO token.
    token_dpi: int = 300
    # Chin-to-crown height aimed for when framing: 34 mm, the middle of the 32–36 mm band (domain.md).
    head_target_mm: float = 34.0
    # Crown to the top edge of the frame (ICAO 9303 p3 specimen framing; domain.md gives none) (verify).
    crown_margin_mm: float = 4.0
    # The crown is not a landmark: it is placed above the eye line at this multiple of the eye-to-chin
    # distance (eyes at mid-height of the head: anthropometric canon, Farkas 1994; hair excluded as
    # domain.md asks). Measured: 1.0 matches the head tops of the frontal photos of the set within ~5 %.
    crown_above_eyes_ratio: float = 1.0

    # --- Encoding -----------------------------------------------------------------------------------------
    # Chip storage: a DG2 portrait typically takes 15–20 KB (ICAO 9303 p10 LDS sizing practice); 20 KB is
    # the ceiling, the quality steps down until the image fits.
    max_jpeg_bytes: int = 20_000
    jpeg_quality_start: int = 92
    jpeg_quality_floor: int = 50

    # --- Geometry checks ----------------------------------------------------------------------------------
    # Inter-eye distance in the final image: at least 90 px (ISO 19794-5 full frontal); 120 px recommended
    # (ICAO 9303 p3). Counted on the information really present: an upscaled source counts at its own size.
    min_eye_distance_px: float = 90.0
    recommended_eye_distance_px: float = 120.0
    # Chin to crown: 71–80 % of the frame height (32–36 mm of 45 mm, domain.md; ICAO 9303 p3).
    head_height_min: float = 0.71
    head_height_max: float = 0.80
    # Face centre within 45–55 % of the width, i.e. ±5 % off centre (ISO 19794-5 §8.3.2).
    max_centre_offset: float = 0.05
    # Eye line 50–70 % of the height above the bottom edge (ISO 19794-5 §8.3.3).
    eye_height_min: float = 0.50
    eye_height_max: float = 0.70
    # Part of the head box (crown to chin, ear to ear) allowed outside the source image: none but rounding.
    max_head_outside: float = 0.01

    # --- Pose (degrees) -----------------------------------------------------------------------------------
    # ISO 19794-5 / ISO 39794-5 Annex D: ±5° yaw and pitch, ±8° roll. A generic-model PnP estimate carries a
    # few degrees of error (faces differ from the generic one), so yaw and pitch are widened. Measured: the
    # frontal photos of the set read yaw 1–8°, pitch up to ±12°; turned faces 13–36° yaw, the raised and
    # lowered heads 13.8° and 27° pitch (verify with the station's camera).
    max_yaw_deg: float = 10.0
    max_pitch_deg: float = 12.0
    max_roll_deg: float = 8.0  # from the eye line, which is exact: the norm's value (ISO 39794-5 Annex D)

    # --- Expression ---------------------------------------------------------------------------------------
    # Eyes open: eye aspect ratio of the 6 eye landmarks (Soukupová & Čech 2016: a blink below ~0.2). Each
    # eye must reach it (ICAO 9303 p3: both eyes open). Measured: open eyes of the set 0.20–0.46, closed
    # eyes 0.09, squinting 0.14–0.15.
    min_eye_aspect_ratio: float = 0.19
    # Mouth closed: inner-lip gap over mouth width (ICAO 9303 p3 neutral expression, mouth closed).
    # Measured: closed neutral mouths of the set ≤ 0.03, parted lips and smiles 0.06–0.35.
    max_mouth_open_ratio: float = 0.06

    # --- Background (grey levels 0–255 of the region around the head) ------------------------------------
    # Plain: spread between the 10th and 90th percentile (ICAO 9303 p3: plain, no pattern, no shadow).
    # Measured: the plain backdrops of the set spread ≤ 12, a studio gradient 28, the concrete wall 35.
    max_background_spread: float = 25.0
    # Light: ICAO asks a light background; domain.md names light blue or light grey (verify).
    min_background_level: float = 150.0
    # Not white (domain.md: white is refused): a mean at or above this reads as white (verify).
    max_background_level: float = 240.0

    # --- Light on the face ---------------------------------------------------------------------------------
    # Exposure: mean grey level of the face (ISO 29794-5 exposure; ICAO 9303 p3 well exposed) and the share
    # of clipped pixels (burnt or black).
    min_face_level: float = 70.0
    max_face_level: float = 210.0
    max_clipped_share: float = 0.05
    # Contrast: standard deviation of the face's grey levels (ISO 29794-5). Measured: ≥ 30 on the set.
    min_face_contrast: float = 20.0
    # Shadow: left/right luminance asymmetry |L−R|/max(L,R) (ISO 29794-5 illumination symmetry; ICAO
    # uniform light), measured on the upper cheeks. Measured: evenly lit faces ≤ 0.23 (studio key light
    # included); visible one-sided shadows 0.30–0.74.
    max_shadow_asymmetry: float = 0.25
    # Sharpness: variance of the Laplacian of the face in the final image, where the eyes are always the same
    # distance apart, so the figure does not depend on the source's scale (ISO 29794-5 sharpness).
    # Measured: sharp faces of the set 40–1800; motion-blurred or upscaled tiny faces 4–21.
    min_sharpness: float = 35.0

    # --- Renewal ------------------------------------------------------------------------------------------
    # Face-encoding distance above which two photos are likely different people: 0.6 (face_recognition
    # documentation, "tolerance" of compare_faces). A warning for the agent, never a refusal.
    renewal_max_distance: float = 0.6

    @property
    def token_size(self) -> tuple[int, int]:
        """(width, height) in pixels of the stored frame."""
        px_per_mm = self.token_dpi / 25.4
        return round(self.frame_width_mm * px_per_mm), round(self.frame_height_mm * px_per_mm)

    @classmethod
    def with_overrides(cls, values: dict[str, float]) -> FaceThresholds:
        """Defaults changed by configuration; an unknown key is an error, not a silent no-op."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown face threshold(s): {', '.join(unknown)}")
        return cls(**values)


DEFAULT_THRESHOLDS = FaceThresholds()
