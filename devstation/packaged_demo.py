"""What the DEMO VARIANT of the packaged station adds (`make package-demo`, dist/station-demo/station): the
same frozen station, plus two hidden commands that drive its window in-process. The production build
(`make package`) carries none of this.

  station demo-scripted --config station.toml --sim-port P --cert-data DIR --printed DIR --screens DIR
      the scripted offscreen enrollment of devstation/demo.py, against services already running (the test
      starts the reference CERT and hw-mocks from the source tree with devstation.demo.station_services);
      the stand-ins' commands run with $RECUEIL_DEMO_TOOLS_PYTHON (devstation/services.py)
  station login-probe station.toml
      open the window offscreen up to its painted login screen, print the time (bench/package.py), as
      bench/cold_start.py does from the source tree
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

COMMANDS = ("demo-scripted", "login-probe")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="station")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo-scripted")
    d.add_argument("--config", required=True)
    d.add_argument("--sim-port", type=int, required=True)
    d.add_argument("--cert-data", required=True)
    d.add_argument("--printed", required=True)
    d.add_argument("--screens", required=True)
    probe = sub.add_parser("login-probe")
    probe.add_argument("config")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from station import config as config_mod

    cfg = config_mod.load(Path(args.config))
    if args.command == "login-probe":
        return _login_probe(cfg)
    from .demo import _scripted

    return _scripted(cfg, Path(args.screens).resolve(), args.sim_port, Path(args.cert_data), Path(args.printed))


def _login_probe(cfg) -> int:
    from .login_probe import open_to_painted_login

    app, ctx, window = open_to_painted_login(cfg)
    print(time.time(), flush=True)
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
