"""`hw-mocks camera ...`: play the scene in front of the virtual camera, pull its cable, plug it back.

    hw-mocks camera scene [--preset NAME] [--yaw DEG] [--pitch DEG] [--roll DEG] [--blur SIGMA] ...
    hw-mocks camera show TEXT [--symbology QR|DATAMATRIX|CODE128|PDF417] | hide [--port]
    hw-mocks camera unplug | plug | info [--port]

Only the scene module is imported here, so the CLI stays light (no numpy/OpenCV to answer a command).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields
from typing import Any

from hw_mocks.camera.scene import BACKGROUNDS, PRESETS, RANGES, Scene
from hw_mocks.client import call

DEFAULT_CAMERA_PORT = 47801

_HELP = {
    "yaw": "head turned, degrees (+ = to the image's right)", "pitch": "head raised (+) or lowered (-), degrees",
    "roll": "head tilted in the image plane, degrees", "face_size": "chin-to-crown height / frame height",
    "offset_x": "face shift / frame width", "brightness": "gain (0.3 dark, 1.8 overexposed)",
    "shadow": "one-sided shadow strength 0..0.95", "blur": "Gaussian blur sigma (pixels of 720 lines)",
    "noise": "sensor noise, grey levels",
}


def add_parser(sub: Any, port: argparse.ArgumentParser) -> None:
    camera = sub.add_parser("camera", help="drive the virtual camera").add_subparsers(dest="action", required=True)
    scene = camera.add_parser("scene", parents=[port], help="change what the camera films")
    scene.add_argument("--preset", choices=sorted(PRESETS), help="start from this scene")
    for name, (low, high) in RANGES.items():
        scene.add_argument(f"--{name.replace('_', '-')}", dest=name, type=float, default=None,
                           help=f"{_HELP[name]} [{low:g}..{high:g}]")
    scene.add_argument("--background", choices=BACKGROUNDS, default=None)
    for name in (f.name for f in fields(Scene) if f.name in ("person", "eyes_closed", "second_person")):
        flag = name.replace("_", "-")
        scene.add_argument(f"--{flag}", dest=name, action=argparse.BooleanOptionalAction, default=None)
    show = camera.add_parser("show", parents=[port], help="hold a barcode up before the camera")
    show.add_argument("text")
    show.add_argument("--symbology", default="QR", choices=["QR", "DATAMATRIX", "CODE128", "PDF417"])
    camera.add_parser("hide", parents=[port], help="take the barcode away")
    camera.add_parser("unplug", parents=[port], help="pull the camera's cable (its stream stops)")
    camera.add_parser("plug", parents=[port], help="plug the camera back")
    camera.add_parser("info", parents=[port], help="stream URL and current scene")


def run(args: argparse.Namespace) -> None:
    if args.action == "scene":
        names = ["preset", "background", "person", "eyes_closed", "second_person", *RANGES]
        scene = {n: getattr(args, n) for n in names if getattr(args, n) is not None}
        result = call("camera", "scene", scene, port=args.port)
        print(json.dumps(result["scene"], sort_keys=True))
    elif args.action == "show":
        call("camera", "show", {"text": args.text, "symbology": args.symbology}, port=args.port)
        print("shown")
    elif args.action == "hide":
        call("camera", "hide", port=args.port)
        print("hidden")
    elif args.action == "info":
        print(json.dumps(call("camera", "info", port=args.port), sort_keys=True))
    else:
        result = call("camera", args.action, port=args.port)
        print("camera plugged: " + result.get("url", "") if result.get("plugged") else "camera unplugged")
