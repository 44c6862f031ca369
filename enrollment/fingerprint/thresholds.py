"""Fingerprint norms and limits in one table, each with its source.

NFIQ 2 is the reference quality measure (ISO/IEC 29794-4); its actionable-feedback limits are NIST's own.
The station's additions (instruction hints, the same-finger threshold) were calibrated on the development
set `../shared/data/fingers/` (96 plain impressions, 12 fingers x 8) and say so; `make bench` re-measures
them (bench/fingerprint.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FingerprintThresholds:
    # -- Capture norms (domain.md "Fingerprints": 500 ppi, 8-bit grey, flat impressions).
    ppi: int = 500
    # NFIQ 2 is trained on 500 ppi images only (NIST NFIQ 2 documentation): other resolutions are resampled.
    nfiq2_ppi: int = 500
    # Resolutions an image may declare and still be resampled to 500 ppi: ANSI/NIST-ITL 1-2011 knows 500 and
    # 1000 ppi classes; below 250 ppi a ridge (about 0.5 mm) spans under 5 pixels and cannot be measured, above
    # 2000 ppi the figure is a mistake (XResolution 1e9), not a scanner.
    min_ppi: int = 250
    max_ppi: int = 2000

    # -- Quality: the NFIQ 2 unified score, 0-100.
    # Default acceptance: 40. NFIQ 2 practice reads 0-20 as very poor and 21-40 as poor (NIST NFIQ 2
    # "quality scores" bands, ISO/IEC 29794-1:2024 scale); 40 is also the mean the issue sets for synthetic
    # prints. On the development set 83 of 96 live-scan impressions reach it (SOURCES.md bands), so a best of
    # three tries rarely ends below it. Configurable: station `[devices] fingerprint_min_quality`.
    min_quality: int = 40
    # Best of up to three tries per finger, the best kept (domain.md).
    max_tries: int = 3

    # -- NFIQ 2 actionable feedback (NIST NFIQ2 nfiq2_interfacedefinitions.hpp, ActionableQualityFeedbackThreshold).
    uniform_image_below: float = 1.0  # grey-level standard deviation: nothing on the glass
    empty_or_low_contrast_above: float = 250.0  # mean grey level: the image is (almost) white
    min_minutiae: float = 5.0  # FingerJet minutiae count
    min_foreground_px: float = 50_000.0  # foreground pixels of the segmented finger

    # -- Station hints, used only once a try is below `min_quality`, to choose the instruction.
    # Development-set mean grey levels span 145-242 (median 206); the low-scoring light impressions sit at
    # 231-242, impressions darkened like a wet finger fall to 80-95 (bench/fingerprint.py "hint" figures).
    light_mean_above: float = 225.0  # too light: pressure too weak or dry skin
    dark_mean_below: float = 120.0  # too dark: wet finger or pressed too hard
    # Centre of the MINDTCT finger area farther than this fraction of the image size from the image centre:
    # a finger half off the glass. Partial impressions of the development set sit at 0.19-0.21, whole ones
    # at most 0.07 once degraded otherwise (tests/enrollment/fingerprint/test_quality.py).
    off_centre_fraction: float = 0.15

    # -- Same finger presented twice: Bozorth3 score of the two kept templates.
    # Development set, 336 genuine pairs (same finger, other impression) and 4224 impostor pairs (different
    # fingers): impostor scores reach at most 32, genuine median 85. At 40: FMR 0/4224 (< 0.071 % at 95 %
    # confidence, rule of three), FNMR 54/336 = 16.1 %. A false match would refuse an honest applicant's
    # second finger, so the threshold sits above every impostor score with a margin; the check catches a
    # mistake at the counter, the CERT's own deduplication remains the fraud defence.
    same_finger_score: int = 40
    same_finger_fmr: float = 0.0
    same_finger_fnmr: float = 0.161

    # -- 1:1 verification at title hand-over (enrollment/fingerprint/verification.py): the two enrolled
    # fingers presented again, up to three presentations. A presentation's score is the sum of its fingers'
    # Bozorth3 scores against the enrolled template(s); the holder matches when the best presentation reaches
    # the threshold. Chosen on ../shared/data/fingers/ by leave-one-person-out (six persons = pairs of
    # fingers; training persons = every pair of the ten other fingers): threshold = 1.2 x the highest impostor
    # score of the training persons, rounded up. Held out, first impression enrolled, three of the later ones
    # presented: two fingers, best of three FNMR 0/210, FMR 0/2100; one presentation FNMR 3/210 (1.4 %). The
    # figure below is the same rule on all twelve fingers (impostor maximum 51); bench/finger_verify.py
    # re-measures it and docs/fingerprints.md gives the variants tried (CLAHE, two enrolled impressions).
    verify_fused_score: int = 62
    # One finger enrolled (the other impossible): its own score alone, same rule (impostor maximum 32).
    verify_single_finger_score: int = 39
    verify_margin: float = 1.2
    verify_max_presentations: int = 3
    # Impressions kept per enrolled finger: the best of a finger's tries, and at most one more.
    verify_max_enrolled_impressions: int = 2


THRESHOLDS = FingerprintThresholds()
