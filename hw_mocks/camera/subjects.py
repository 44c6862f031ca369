"""The people the virtual camera films: real photographs cut out of their own background, once.

Each subject is a BGR image, an alpha mask (the person) and where its face is (the face box found by
dlib's face detector). The composer scales and places it from the face box, so every source lands at the
same head size whatever its framing. Cutting out uses GrabCut seeded from the face box: the head and the
shoulders below it are "probably person", a strip along the top and side edges is "surely background".
It takes a fraction of a second per photo, done on first use and kept.

Sources (see ../shared/data/faces/SOURCES.md and labels.csv; read in place, never copied):
- applicant: `deepface_img30.jpg`: frontal, neutral, eyes on the camera, whole head in frame, plain wall;
  fallbacks `facenet_paul_rudd_1.jpg`, `hivision_test0.jpg`, then scikit-image's `astronaut`.
- eyes closed: `insightface_close_eyes.jpeg`, the only photo of the set with both eyes closed.
- second person: scikit-image's `astronaut` (always installed), else `deepface_img62.jpg`.
Without the data folder the applicant is the astronaut, and if even that fails, a drawn bust.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

log = logging.getLogger(__name__)

APPLICANT = ("deepface_img30.jpg", "facenet_paul_rudd_1.jpg", "hivision_test0.jpg")
EYES_CLOSED = ("insightface_close_eyes.jpeg",)
SECOND = ("deepface_img62.jpg",)

# Sources are reduced to this height before cutting out: ample for a face of up to 95 % of 720 lines,
# and it keeps GrabCut well under a second.
WORK_HEIGHT = 900
GRABCUT_SIZE = 360


@dataclass(frozen=True)
class Subject:
    image: np.ndarray  # BGR uint8
    alpha: np.ndarray  # float32 0..1, same height and width
    face: tuple[int, int, int, int]  # x, y, w, h of the face box in `image`
    name: str  # file name or "astronaut"/"drawn", for logs and `info`

    @property
    def face_centre(self) -> tuple[float, float]:
        x, y, w, h = self.face
        return x + w / 2, y + h / 2


class Subjects:
    """Loads each kind of subject on first use and keeps it; safe to call from several threads."""

    def __init__(self, data_dir: Path | None) -> None:
        self._faces = data_dir / "faces" if data_dir is not None else None
        self._cache: dict[str, Subject] = {}
        self._lock = threading.Lock()

    def get(self, role: str) -> Subject:
        """role: "applicant", "eyes_closed" or "second"."""
        with self._lock:
            if role not in self._cache:
                self._cache[role] = self._load(role)
            return self._cache[role]

    def _load(self, role: str) -> Subject:
        names = {"applicant": APPLICANT, "eyes_closed": EYES_CLOSED, "second": ()}[role]
        for name in names:
            subject = self._from_file(name)
            if subject is not None:
                return subject
        if role == "second":
            astronaut = _astronaut()
            if astronaut is not None:
                return astronaut
            subject = next((s for n in SECOND if (s := self._from_file(n)) is not None), None)
            if subject is not None:
                return subject
        if role == "eyes_closed":
            log.warning("no eyes-closed photo: the applicant is shown instead")
            return self._cache.get("applicant") or self._load("applicant")
        return _astronaut() or drawn_subject()

    def _from_file(self, name: str) -> Subject | None:
        if self._faces is None:
            return None
        image = cv2.imread(str(self._faces / name), cv2.IMREAD_COLOR)
        if image is None:
            return None
        return cut_out(image, name)


def _astronaut() -> Subject | None:
    try:
        from skimage.data import astronaut
    except ImportError:
        return None
    return cut_out(np.ascontiguousarray(astronaut()[:, :, ::-1]), "astronaut")


_DETECTOR = None


def find_face(image: np.ndarray) -> tuple[int, int, int, int] | None:
    """The largest frontal face, by dlib's HOG detector (built into dlib: no model file to fetch; this
    OpenCV build ships no Haar cascades)."""
    global _DETECTOR
    import dlib  # face-recognition's dependency; imported here so the link server starts without it

    if _DETECTOR is None:
        _DETECTOR = dlib.get_frontal_face_detector()
    scale = 480 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found = _DETECTOR(np.ascontiguousarray(small[:, :, ::-1]), 1)
    if len(found) == 0:
        return None
    best = max(found, key=lambda r: r.width() * r.height())
    x, y, w, h = best.left(), best.top(), best.width(), best.height()
    return tuple(int(round(v / scale)) for v in (x, y, w, h))  # type: ignore[return-value]


def cut_out(image: np.ndarray, name: str) -> Subject | None:
    """The person of a photo with a soft-edged mask, or None when no face is found in it."""
    if image.shape[0] > WORK_HEIGHT:
        s = WORK_HEIGHT / image.shape[0]
        image = cv2.resize(image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    face = find_face(image)
    if face is None:
        log.warning("no face found in %s: not used", name)
        return None
    # GrabCut runs on a small copy (it is the slow part); the mask is scaled back and feathered.
    g = GRABCUT_SIZE / max(image.shape[:2])
    small = cv2.resize(image, None, fx=g, fy=g, interpolation=cv2.INTER_AREA)
    h, w = small.shape[:2]
    x, y, fw, fh = (int(round(v * g)) for v in face)
    mask = np.full((h, w), cv2.GC_BGD, np.uint8)
    # Probably the person: the head (hair above the box, ears beside it) and the shoulders below.
    cv2.ellipse(mask, (x + fw // 2, y + fh // 2 - int(0.15 * fh)), (int(0.8 * fw), int(1.05 * fh)), 0, 0, 360,
                int(cv2.GC_PR_FGD), -1)
    cv2.rectangle(mask, (max(0, x - int(1.2 * fw)), y + int(1.1 * fh)), (min(w - 1, x + fw + int(1.2 * fw)), h - 1),
                  int(cv2.GC_PR_FGD), -1)
    # Surely the person: the inner face, the neck and the chest below it.
    cv2.rectangle(mask, (x + fw // 5, y + fh // 5), (x + 4 * fw // 5, y + fh), int(cv2.GC_FGD), -1)
    cv2.rectangle(mask, (x, y + int(1.6 * fh)), (x + fw, h - 1), int(cv2.GC_FGD), -1)
    # Uncertain band between the two, so GrabCut decides the hair and shoulder outline.
    outside = mask == cv2.GC_BGD
    near = cv2.dilate((~outside).astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    mask[outside & near] = cv2.GC_PR_BGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(small, mask, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
    person = ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)).astype(np.uint8)
    # Keep the blob holding the face: GrabCut leaves specks of background elsewhere.
    count, labels = cv2.connectedComponents(person)
    if count > 2:
        person = (labels == labels[y + fh // 2, x + fw // 2]).astype(np.uint8)
    person = cv2.morphologyEx(person, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    full = cv2.resize(person.astype(np.float32), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    alpha = cv2.GaussianBlur(full, (0, 0), 1.5 / g)
    # The photo ends at the chest; in front of a camera the body goes on below the frame. Repeating the
    # last rows gives the torso that, instead of a bust floating on the backdrop.
    pad = image.shape[0]
    image = cv2.copyMakeBorder(image, 0, pad, 0, 0, cv2.BORDER_REPLICATE)
    alpha = cv2.copyMakeBorder(alpha, 0, pad, 0, 0, cv2.BORDER_REPLICATE)
    return Subject(image=image, alpha=alpha, face=face, name=name)


def drawn_subject() -> Subject:
    """A plain drawn bust, so the camera works on a machine without any photo."""
    w, h = 600, 760
    image = np.zeros((h, w, 3), np.uint8)
    cx, cy = w // 2, 300
    skin, hair, cloth = (150, 180, 225), (40, 50, 60), (90, 60, 40)
    cv2.ellipse(image, (cx, h + 60), (280, 230), 0, 180, 360, cloth, -1)
    cv2.rectangle(image, (cx - 45, cy + 150), (cx + 45, cy + 230), skin, -1)
    cv2.ellipse(image, (cx, cy - 30), (150, 175), 0, 180, 360, hair, -1)
    cv2.ellipse(image, (cx, cy), (130, 175), 0, 0, 360, skin, -1)
    alpha = image.any(axis=2).astype(np.float32)  # every drawn colour is non-black
    for dx in (-50, 50):
        cv2.ellipse(image, (cx + dx, cy - 20), (22, 11), 0, 0, 360, (255, 255, 255), -1)
        cv2.circle(image, (cx + dx, cy - 20), 8, (60, 40, 30), -1)
        cv2.line(image, (cx + dx - 28, cy - 50), (cx + dx + 28, cy - 52), hair, 6)
    cv2.line(image, (cx, cy - 10), (cx - 10, cy + 45), (120, 150, 200), 4)
    cv2.line(image, (cx - 40, cy + 85), (cx + 40, cy + 85), (90, 90, 170), 6)
    return Subject(image=image, alpha=alpha, face=(cx - 130, cy - 110, 260, 280), name="drawn")
