"""What the virtual camera films: the scene's parameters, their ranges, and the named presets.

A scene is changed by the link control op ("camera", "scene", {...}) and by `hw-mocks camera scene`. The
op takes any subset of the fields below; with "preset" the scene starts again from that preset and the
other fields are applied on top, without it they change the current scene.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from hw_mocks.protocol import SimError

BACKGROUNDS = ("light-blue", "light-grey", "white", "patterned")


@dataclass(frozen=True)
class Scene:
    person: bool = True  # False: the empty backdrop
    eyes_closed: bool = False  # the subject becomes the one source photo with both eyes closed
    second_person: bool = False  # someone else behind, beside the applicant
    yaw: float = 0.0  # head turned, degrees, + = towards the image's right
    pitch: float = 0.0  # head raised (+) or lowered (-), degrees
    roll: float = 0.0  # head tilted in the image plane, degrees, + = clockwise
    face_size: float = 0.50  # chin-to-crown height / frame height (subject distance: smaller = farther)
    offset_x: float = 0.0  # face centre shift / frame width (-0.5..0.5)
    brightness: float = 1.0  # gain on the whole frame (0.3 = underexposed, 1.6 = overexposed)
    shadow: float = 0.0  # one-sided light: 0 = even, 0.8 = the left half of the face 80 % darker
    blur: float = 0.0  # Gaussian blur sigma in pixels of a 720-line frame (out of focus / motion)
    noise: float = 2.0  # sensor noise, standard deviation in grey levels, new every frame
    background: str = "light-blue"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# (min, max) of each numeric field: the scene op refuses values outside, so a typo is not a silent no-op.
RANGES: dict[str, tuple[float, float]] = {
    "yaw": (-60.0, 60.0), "pitch": (-45.0, 45.0), "roll": (-90.0, 90.0),
    "face_size": (0.05, 0.95), "offset_x": (-0.5, 0.5), "brightness": (0.05, 3.0),
    "shadow": (0.0, 0.95), "blur": (0.0, 30.0), "noise": (0.0, 40.0),
}

PRESETS: dict[str, Scene] = {
    # A compliant photo: one person, frontal, even light, sharp, plain light blue backdrop.
    "good": Scene(),
    "no-person": Scene(person=False),
    "two-people": Scene(second_person=True),
    "white-background": Scene(background="white"),
    "patterned-background": Scene(background="patterned"),
    "eyes-closed": Scene(eyes_closed=True),
    "dark": Scene(brightness=0.3),
    "overexposed": Scene(brightness=1.8),
    "blurred": Scene(blur=6.0),
    "turned": Scene(yaw=30.0),
    "tilted": Scene(roll=15.0),
    "shadow": Scene(shadow=0.7),
    "too-far": Scene(face_size=0.15),
    "too-close": Scene(face_size=0.85),
}

_BOOLS = {f.name for f in fields(Scene) if f.type in ("bool", bool)}


def updated(current: Scene, args: dict[str, Any]) -> Scene:
    """The scene after a "scene" op: preset first, then each given field, each checked."""
    args = dict(args)
    preset = args.pop("preset", None)
    base = current
    if preset is not None:
        if preset not in PRESETS:
            raise SimError("link.bad_args", f"preset must be one of {sorted(PRESETS)}")
        base = PRESETS[preset]
    known = {f.name for f in fields(Scene)}
    unknown = sorted(set(args) - known)
    if unknown:
        raise SimError("link.bad_args", f"unknown scene fields {unknown}; known: {sorted(known)}")
    changes: dict[str, Any] = {}
    for name, value in args.items():
        if name in _BOOLS:
            if not isinstance(value, bool):
                raise SimError("link.bad_args", f"{name} must be true or false")
        elif name == "background":
            if value not in BACKGROUNDS:
                raise SimError("link.bad_args", f"background must be one of {BACKGROUNDS}")
        else:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SimError("link.bad_args", f"{name} must be a number")
            low, high = RANGES[name]
            if not low <= value <= high:
                raise SimError("link.bad_args", f"{name} must be between {low} and {high}")
            value = float(value)
        changes[name] = value
    return replace(base, **changes)
