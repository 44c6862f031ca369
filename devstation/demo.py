"""`python -m devstation.demo` (`make demo`): a whole station on this machine, with simulated devices
and a local CERT service.

With a display it opens the window for a person to use (the agent card is inserted, PIN 1234). Without
one it plays the scripted enrollment offscreen, saves a screenshot of each screen, waits for the CERT's
acknowledgement and the purge, and prints one line per dossier."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from cert.audit_log import AuditStore
from cert.fleet import FleetStore
from cert.fleet_health import assess
from cert.rdv_status import DEMO_TOKEN
from devices.smartcard.pkcs11_module import DEFAULT_MODULE
from enrollment.store import AuditState
from hw_mocks.document_scanner.escl import write_sane_config
from installer.pki import PkiPaths, make_test_pki
from installer.station_config import StationSetup, write_station
from station import config as config_mod
from station.strings import label, message
from sync.provisioning import ProvisionedStation, provision

from .cups import PrivateCupsd
from .reference_sets import publish_initial
from .services import (
    cert_server_command,
    free_port,
    free_port_pair,
    hw_mocks_command,
    start_cert_server,
    start_hw_mocks,
)

DEMO_PIN = "1234"
DEMO_STATION = "DR-21231-01"
DEMO_INSEE = "21231"
DEMO_MAIRIE = "Mairie de Dijon"
VPCD_READER = "Virtual PCD 00 00"  # vpcd's first reader, where hw-mocks inserts the emulated card


PRINTER_QUEUE = "Guichet"  # the demo's CUPS queue: hw-mocks' network printer


def prepare(workdir: Path, cert_port: int, sim_port: int, usb_port: int, camera_port: int, scanner_port: int,
            provisioned: ProvisionedStation | None = None, cups: PrivateCupsd | None = None,
            sbi_port: int | None = None) -> Path:
    """PKI kept between runs; station data and CERT data fresh for each demo (`provisioned`: the
    station certificate the CERT issued, written into the configuration in place of the PKI's)."""
    pki = make_test_pki(workdir / "pki", DEMO_STATION, DEMO_INSEE, DEMO_MAIRIE)
    scanner_url = f"http://127.0.0.1:{scanner_port}"
    if provisioned is None:
        for d in ("station-data", "cert-data"):
            shutil.rmtree(workdir / d, ignore_errors=True)
    setup = StationSetup(
        client_cert=provisioned.certificate if provisioned else None,
        client_key=provisioned.key if provisioned else None,
        station_id=DEMO_STATION, mairie_insee=DEMO_INSEE, mairie_name=DEMO_MAIRIE,
        data_dir=workdir / "station-data", cert_url=f"https://127.0.0.1:{cert_port}", pki=pki,
        simulator_port=sim_port, outbox_base_delay_s=1.0, outbox_max_delay_s=10.0,
        smartcard_reader=VPCD_READER, smartcard_module=DEFAULT_MODULE,  # OpenSC reads the emulated PIV card
        usb_backend=f"sim://127.0.0.1:{usb_port}",
        camera_source=f"http://127.0.0.1:{camera_port}/camera.mjpg",  # hw-mocks' virtual camera
        # hw-mocks' network scanner (eSCL), through the real libsane with a configuration naming it alone.
        document_scanner_device=f"escl:{scanner_url}",
        sane_config_dir=str(write_sane_config(workdir / "sane", scanner_url)),
        # hw-mocks' network printer, a queue of the demo's private cupsd.
        printer_name=PRINTER_QUEUE if cups else None, cups_server=str(cups.socket_path) if cups else None,
        rdv_token=DEMO_TOKEN,  # the reference CERT's stand-in for the rendez-vous platform
        # `--sbi`: the fingerprint scanner and the camera behind hw-mocks' SBI service (MOSIP's interface).
        devices={"fingerprint": "sbi", "camera": "sbi"} if sbi_port else {},
        sbi_port=sbi_port, sbi_env="Developer" if sbi_port else None,
    )
    return write_station(setup, workdir / "station.toml")


@contextmanager
def station_services(workdir: Path, sbi: bool = False) -> Iterator[tuple[Path, int]]:
    """A provisioned station's configuration with its simulated devices and the reference CERT running:
    (the station.toml, the hw-mocks control port); everything stopped on leaving. `sbi`: the fingerprint
    scanner and the camera are hw-mocks' SBI devices."""
    workdir = workdir.resolve()
    cert_port, sim_port, usb_port, camera_port = free_port(), free_port(), free_port(), free_port()
    scanner_port, printer_port = free_port(), free_port()
    sbi_port = free_sbi_port() if sbi else None
    prepare(workdir, cert_port, sim_port, usb_port, camera_port, scanner_port, sbi_port=sbi_port)
    log_dir = workdir / "logs"
    shutil.rmtree(workdir / "printed", ignore_errors=True)
    hw = start_hw_mocks(workdir / "pki", sim_port, log_dir, workdir / "pcscd", free_port_pair(), usb_port,
                        camera_port, scanner_port, printer_port, workdir / "printed", sbi_port)
    cert = cups = None
    try:
        cups = PrivateCupsd(workdir / "cups").start()
        cups.add_queue(PRINTER_QUEUE, f"socket://127.0.0.1:{printer_port}")
        publish_initial(PkiPaths(workdir / "pki"), workdir / "cert-data")  # the lists the station fetches
        cert = start_cert_server(workdir / "pki", workdir / "cert-data", cert_port, log_dir)
        # The demo station trusts the demo CERT's update root, where a packaged station finds it.
        trusted = workdir / "station-data" / "updates" / "root.json"
        trusted.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(workdir / "cert-data" / "updates" / "metadata" / "1.root.json", trusted)
        provisioned = _provision(workdir, cert_port)
        yield prepare(workdir, cert_port, sim_port, usb_port, camera_port, scanner_port, provisioned, cups,
                      sbi_port), sim_port
    finally:
        if cert is not None:
            cert.stop()
        if cups is not None:
            cups.stop()
        hw.stop()


def free_sbi_port() -> int:
    """A free port of SBI's range (4501-4600), where a station discovering devices would look."""
    import socket

    for port in range(4501, 4601):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 4501-4600 for the SBI devices")


def run(workdir: Path, screens_dir: Path | None, offscreen: bool, sbi: bool = False) -> int:
    workdir = workdir.resolve()
    print(f"Demo folder: {workdir}")
    with station_services(workdir, sbi) as (config_path, sim_port):
        if offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        cfg = config_mod.load(config_path)
        if offscreen:
            screens = screens_dir or Path("demo-screens") / datetime.now().strftime("%Y%m%d-%H%M%S")
            return _scripted(cfg, screens.resolve(), sim_port, workdir / "cert-data", workdir / "printed")
        hw_mocks_command(sim_port, "card", "insert", "agent")
        print(message("demo.card_inserted", pin=DEMO_PIN, port=sim_port))
        from station.app import run_gui

        return run_gui(cfg)


def _audit_line(state: AuditState, intact: bool, cert_data: Path, station_id: str) -> str:
    """The station's audit trail and the CERT's copy of it (cert/audit_log.py), in one line."""
    held = AuditStore(cert_data)
    try:
        alerts = len(held.alerts(station_id))
        count = len(held.entries(station_id))
    finally:
        held.close()
    return message("demo.audit", count=state.ends.head_seq, held=count, alerts=alerts,
                   chain=message("demo.audit.intact" if intact else "demo.audit.broken"))


def _fleet_line(cert_data: Path, station_id: str, skew_s: float | None) -> str:
    """What the CERT's `cert-server fleet` says of the demo station, and the clock skew the station measured."""
    fleet = FleetStore(cert_data)
    try:
        beat = next((b for b in fleet.last() if b.station_id == station_id), None)
    finally:
        fleet.close()
    if beat is None:
        return message("demo.fleet.none")
    reasons = assess(beat, datetime.now(UTC))
    h = beat.heartbeat
    verdict = (message("demo.fleet.unhealthy", reasons=", ".join(r.code for r in reasons)) if reasons
               else message("demo.fleet.healthy"))
    return message("demo.fleet", version=h.software_version, depth=h.outbox.depth,
                   skew=f"{skew_s:+.2f}" if skew_s is not None else "—", verdict=verdict)


def _provision(workdir: Path, cert_port: int) -> ProvisionedStation:
    """Provision the demo station as a real one is: the CERT operator issues a one-time token, the station
    sends its CSR and gets its certificate (the key never leaves station-data/)."""
    token = cert_server_command("station", "add", DEMO_STATION, "--data-dir", str(workdir / "cert-data"),
                                "--mairie-insee", DEMO_INSEE, "--mairie-name", DEMO_MAIRIE).strip()
    done = provision(f"https://127.0.0.1:{cert_port}", token, DEMO_STATION, workdir / "pki" / "cert-ca.pem",
                     workdir / "station-data" / "certificate")
    print(message("demo.provisioned", station=DEMO_STATION, serial=done.serial_hex))
    return done


def _scripted(cfg: config_mod.Config, screens: Path, sim_port: int, cert_data: Path, printed: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from enrollment.model import State, TitleType
    from enrollment.workflow import STATE_LABELS
    from station import context
    from station.ui.main_window import MainWindow

    from . import scenario

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = context.build(cfg)
    window = MainWindow(ctx)
    window.show()
    screens.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        QApplication.processEvents()
        window.grab().save(str(screens / f"{name}.png"))

    handed_over = ""
    try:
        scenario.login(window, lambda: hw_mocks_command(sim_port, "card", "insert", "agent"), DEMO_PIN, shot)
        # A couplée application: a passport and an identity card from one interview, sealed as two dossiers.
        scenario.enroll(window, scenario.Applicant(coupled=True),
                        lambda text: hw_mocks_command(sim_port, "barcode", "scan", text), shot,
                        lambda pages: hw_mocks_command(sim_port, "scanner", "feeder", "--pages", str(pages)))
        shot("13-transmissions-envoi")
        scenario.wait_until(lambda: len(ctx.store.dossiers.summaries()) == 2 and all(
            s.state is State.PURGED for s in ctx.store.dossiers.summaries()), 90, "acknowledgements and purges")
        window.transmissions.refresh()
        shot("14-transmissions-accuse")
        number = next(s.cert_number for s in ctx.store.dossiers.summaries() if s.title is TitleType.PASSPORT) or ""
        # IN Groupe prints the title and posts it to the mairie; the agent scans the envelope when it comes.
        produced = cert_server_command("title", "produce", number, "--data-dir", str(cert_data))
        title_number, barcode = produced.split()[:2]
        print(message("demo.title_produced", number=title_number, barcode=barcode))
        scenario.receive_envelope(window, lambda: hw_mocks_command(sim_port, "barcode", "scan", barcode,
                                                                   "--symbology", "CODE128"), barcode, shot)
        print(message("demo.envelope_received", number=title_number))
        scenario.list_waiting_titles(window, title_number, shot)
        print(message("demo.title_waiting", number=title_number))
        # The holder comes back: a later impression of the same fingers than the one enrolled.
        scenario.hand_over(window, barcode, lambda: hw_mocks_command(sim_port, "finger", "impression", "--take", "3"),
                           shot)
        handed_over = message("demo.title_handed_over", number=title_number, date=f"{datetime.now():%d/%m/%Y}")
        hw_mocks_command(sim_port, "card", "remove")  # the agent leaves the counter with the card
        scenario.wait_until(lambda: ctx.session is None, 5, "station locked")
        shot("15-poste-verrouille")
    except scenario.ScenarioError as exc:
        shot("99-echec")
        print(f"Demo failed: {exc}", file=sys.stderr)
        return 1
    finally:
        summaries = ctx.store.dossiers.summaries()
        ctx.outbox.wake()  # the last entries, before the summary reads what the CERT holds
        try:
            scenario.wait_until(lambda: ctx.store.audit.state().unsent == 0, 20, "audit trail sent")
        except scenario.ScenarioError:
            pass  # the summary says how many the CERT holds
        audit = ctx.store.audit.state(), ctx.store.audit.verify() is None
        measured = ctx.clock.last()  # the skew the first heartbeat's reply gave (the next heartbeat reports it)
        window.close()
        ctx.close()
        del app
    print(f"Screenshots: {screens}")
    # What the printer received, beside the screenshots: the récépissé at sealing, the attestation at hand-over.
    for job, name, what in (("job-001.pdf", "recepisse.pdf", "recepisse"),
                            ("job-002.pdf", "attestation-remise.pdf", "attestation")):
        if (printed / job).exists():
            shutil.copyfile(printed / job, screens / name)
            print(message("demo.printed", what=message(f"demo.printed.{what}"), path=screens / name))
    print(_audit_line(*audit, cert_data, cfg.station_id))
    print(_fleet_line(cert_data, cfg.station_id, measured.skew_s if measured else None))
    failed = 0
    for s in summaries:
        title = label(f"demande.{s.title.value}") if s.title else "—"
        print(message("demo.dossier", title=title, dossier=s.id, number=s.cert_number or "—",
                      state=STATE_LABELS[s.state], value=s.state.value))
        failed += s.state is not State.PURGED
    print(handed_over)  # the last line: the whole cycle, from the counter back to the counter
    return 1 if failed else 0


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and \
        os.environ.get("QT_QPA_PLATFORM") != "offscreen"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devstation.demo",
                                description="run a whole station with simulated devices and a local CERT service")
    p.add_argument("--workdir", default=".local/demo", help="where the demo PKI, data and logs go")
    p.add_argument("--screens", help="folder for the offscreen screenshots (default: demo-screens/<time>)")
    p.add_argument("--offscreen", action="store_true", help="play the scripted enrollment without a display")
    p.add_argument("--sbi", action="store_true",
                   help="fingerprint scanner and camera behind MOSIP's SBI interface (hw-mocks' SBI devices)")
    args = p.parse_args(argv)
    offscreen = args.offscreen or not has_display()
    return run(Path(args.workdir), Path(args.screens) if args.screens else None, offscreen, args.sbi)


if __name__ == "__main__":
    sys.exit(main())
