"""`hw-mocks`: start, stop and drive the simulated devices from a terminal.

    hw-mocks start [--port 47800] [--pki DIR] [--data DIR] [--card NAME] [--foreground]
                   [--vpcd-port 35963] [--pcscd-dir DIR]
    hw-mocks stop | status [--port]
    hw-mocks card insert NAME | card remove [--port]
    hw-mocks barcode scan TEXT [--symbology QR] [--port]
    hw-mocks camera scene [--preset good|no-person|two-people|...] [--yaw 20] [--blur 3] ... [--port]
    hw-mocks camera unplug | plug | info [--port]
    hw-mocks pad sign [--seed N] [--gesture G] | pad fault no-data|garbage|unplug | pad plug|unplug|state
    hw-mocks sbi info | sbi status DEVICE STATUS | sbi fault DEVICE FAULT | sbi delay DEVICE S | sbi clear

`start` runs in the background by default: it re-launches itself with --foreground as a detached process,
records its pid, and returns once the simulator answers a ping.

The agent card is emulated behind pcscd's vpcd virtual reader, listening on --vpcd-port. With
--pcscd-dir DIR, hw-mocks also runs a private pcscd for that reader (files in DIR, stopped with hw-mocks);
the station must then export PCSCLITE_CSOCK_NAME=DIR/run/pcscd/pcscd.comm (printed at start).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from hw_mocks.barcode import cli as barcode_cli
from hw_mocks.camera import cli as camera_cli
from hw_mocks.client import LinkError, call, is_up
from hw_mocks.document_scanner import cli as scanner_cli
from hw_mocks.fingerprint import cli as finger_cli
from hw_mocks.printer import cli as printer_cli
from hw_mocks.protocol import DEFAULT_PORT
from hw_mocks.sbi import cli as sbi_cli
from hw_mocks.signature_pad import cli as pad_cli
from hw_mocks.smartcard import cli as card_cli
from hw_mocks.smartcard.pcscd import DEFAULT_VPCD_PORT, SOCKET_ENV
from hw_mocks.usb import DEFAULT_USB_PORT

# Each device's commands: `hw-mocks <name> <action> [...] [--port]`, parsed and run by its kind's cli.py.
KIND_CLIS = {"card": card_cli, "barcode": barcode_cli, "finger": finger_cli, "camera": camera_cli, "pad": pad_cli,
             "scanner": scanner_cli, "printer": printer_cli, "sbi": sbi_cli}

START_WAIT_S = 20.0
STOP_WAIT_S = 10.0


def state_dir() -> Path:
    """Where pid and log files go: the user's runtime dir when the session has one, else the temp dir."""
    if not os.environ.get("XDG_RUNTIME_DIR"):
        return Path(tempfile.gettempdir())  # platformdirs would warn and invent /tmp/runtime-UID
    try:
        import platformdirs

        path = Path(platformdirs.user_runtime_dir("recueil-hw-mocks"))
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except (ImportError, OSError):
        pass
    return Path(tempfile.gettempdir())


def pid_file(port: int) -> Path:
    return state_dir() / f"recueil-hw-mocks-{port}.pid"


def default_pki_dir() -> Path:
    env = os.environ.get("RECUEIL_PKI")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("recueil")) / "pki"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hw-mocks", description="Simulated devices of the Recueil station.")
    sub = parser.add_subparsers(dest="command", required=True)
    port = argparse.ArgumentParser(add_help=False)
    port.add_argument("--port", type=int, default=DEFAULT_PORT)

    start = sub.add_parser("start", parents=[port], help="start the simulated devices")
    start.add_argument("--pki", type=Path, default=None, help="test PKI folder (agents/NAME.pem/.key)")
    start.add_argument("--data", type=Path, default=None, help="developer data (faces/, fingers/)")
    start.add_argument("--card", default=None, help="insert this agent card at start")
    start.add_argument("--foreground", action="store_true", help="stay attached; SIGTERM/Ctrl-C stops")
    start.add_argument("--vpcd-port", type=int, default=DEFAULT_VPCD_PORT,
                       help="TCP port of pcscd's vpcd virtual reader, where the emulated card plugs in")
    start.add_argument("--usb-port", type=int, default=DEFAULT_USB_PORT,
                       help="TCP port of the emulated USB bus (station setting usb_backend = sim://HOST:PORT)")
    start.add_argument("--camera-port", type=int, default=camera_cli.DEFAULT_CAMERA_PORT,
                       help="HTTP port of the virtual camera's MJPEG stream (station camera_source URL)")
    start.add_argument("--scanner-port", type=int, default=0,
                       help="HTTP port of the document scanner's eSCL service (0: a free one, printed at start)")
    start.add_argument("--printer-port", type=int, default=0,
                       help="TCP port of the network printer (AppSocket; 0: a free one, printed at start)")
    start.add_argument("--printer-out", type=Path, default=None, help="save each job the printer receives here")
    start.add_argument("--sbi-port", type=int, default=4501,
                       help="SBI devices (MOSIP): the first port tried, up to 4600 (the first free one is served)")
    start.add_argument("--pcscd-dir", type=Path, default=None,
                       help="run a private pcscd with a vpcd reader, its files (and socket) in this folder")
    sub.add_parser("stop", parents=[port], help="stop the simulated devices")
    sub.add_parser("status", parents=[port], help="say whether they run")

    for kind_cli in KIND_CLIS.values():
        kind_cli.add_parser(sub, port)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "start":
            return _foreground(args) if args.foreground else _background(args)
        if args.command == "stop":
            return _stop(args.port)
        if args.command == "status":
            return _status(args.port)
        KIND_CLIS[args.command].run(args)
    except LinkError as exc:
        hint = " (is it started? try: hw-mocks start)" if exc.code == "unreachable" else ""
        print(f"hw-mocks: {exc}{hint}", file=sys.stderr)
        return 1
    return 0


def _foreground(args: argparse.Namespace) -> int:
    from hw_mocks.protocol import SimError
    from hw_mocks.server import SimServer  # imported here: `status` and friends need no numpy/OpenCV

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    pcscd = None
    if args.pcscd_dir:
        from hw_mocks.smartcard.pcscd import PcscdError, PrivatePcscd

        pcscd = PrivatePcscd(args.pcscd_dir.resolve(), args.vpcd_port)
        try:
            pcscd.start()
        except PcscdError as exc:
            print(f"hw-mocks: private pcscd not started: {exc}", file=sys.stderr, flush=True)
            return 1
        print(f"private pcscd: export {SOCKET_ENV}={pcscd.socket_path}", flush=True)
    server = SimServer(port=args.port, pki_dir=args.pki or default_pki_dir(), data_dir=args.data,
                       vpcd_port=args.vpcd_port, usb_port=args.usb_port, camera_port=args.camera_port,
                       scanner_port=args.scanner_port, printer_port=args.printer_port,
                       printer_out=args.printer_out, sbi_port=args.sbi_port)
    if args.card:
        try:
            server.sims.dispatch("smartcard", "insert", {"name": args.card})
        except SimError as exc:
            # The devices still serve without a card; say why none is inserted.
            print(f"hw-mocks: card {args.card!r} not inserted: {exc.detail}", file=sys.stderr, flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    # Serve from a thread: shutdown() must not run on the thread inside serve_forever().
    server.start()
    print(f"hw-mocks listening on 127.0.0.1:{server.port}", flush=True)
    print(f"virtual camera: {server.camera_url}", flush=True)
    print(f"document scanner (eSCL): {server.scanner_url}", flush=True)
    print(f"printer (AppSocket): {server.printer_uri}", flush=True)
    print(f"SBI devices (MOSIPDISC): http://127.0.0.1:{server.sbi_port}/", flush=True)
    while not stop.is_set() and not server.stopped.is_set():
        stop.wait(0.2)
    server.stop()
    if pcscd is not None:
        pcscd.stop()
    pid_path = pid_file(args.port)
    if pid_path.exists() and pid_path.read_text().strip() == str(os.getpid()):
        pid_path.unlink(missing_ok=True)
    return 0


def _background(args: argparse.Namespace) -> int:
    if is_up(args.port):
        print(f"hw-mocks already listening on 127.0.0.1:{args.port}")
        return 0
    command = [sys.executable, "-m", "hw_mocks.cli", "start", "--foreground", "--port", str(args.port)]
    for flag in ("pki", "data", "card", "vpcd_port", "usb_port", "camera_port", "scanner_port", "printer_port",
                 "printer_out", "pcscd_dir", "sbi_port"):
        value = getattr(args, flag)
        if value:
            value = value.resolve() if isinstance(value, Path) else value  # the child may not share our cwd
            command += [f"--{flag.replace('_', '-')}", str(value)]
    log_path = state_dir() / f"recueil-hw-mocks-{args.port}.log"
    with open(log_path, "ab") as log:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True, close_fds=True)
    pid_file(args.port).write_text(str(child.pid))
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if is_up(args.port):
            print(f"hw-mocks listening on 127.0.0.1:{args.port}")
            if args.pcscd_dir:
                print(f"private pcscd: export {SOCKET_ENV}={args.pcscd_dir.resolve()}/run/pcscd/pcscd.comm")
            return 0
        if child.poll() is not None:
            break
        time.sleep(0.1)
    print(f"hw-mocks did not start; see {log_path}", file=sys.stderr)
    return 1


def _stop(port: int) -> int:
    path = pid_file(port)
    if is_up(port):
        # Ask the server itself first: a pid file can be stale and its number reused by another process.
        try:
            call("system", "shutdown", port=port)
        except LinkError:
            pass
        _wait_down(port)
    if is_up(port) and path.exists() and path.read_text().strip().isdigit():
        try:
            os.kill(int(path.read_text().strip()), signal.SIGTERM)  # a server too stuck to answer
        except ProcessLookupError:
            pass
        _wait_down(port)
    path.unlink(missing_ok=True)
    if is_up(port):
        print(f"hw-mocks on port {port} did not stop", file=sys.stderr)
        return 1
    print(f"hw-mocks stopped on port {port}")
    return 0


def _wait_down(port: int) -> None:
    deadline = time.monotonic() + STOP_WAIT_S
    while time.monotonic() < deadline and is_up(port, timeout_s=0.5):
        time.sleep(0.1)


def _status(port: int) -> int:
    try:
        info = call("system", "info", port=port, timeout_s=2.0)
    except LinkError:
        print(f"hw-mocks not running on port {port}")
        return 3
    card = info.get("card") or "none"
    data = "real" if info.get("real_data") else "synthetic"
    print(f"hw-mocks listening on 127.0.0.1:{port} (card: {card}; vpcd port {info.get('vpcd_port')}; "
          f"images: {data})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
