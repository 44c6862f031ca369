"""`cert-server`: run the reference CERT service, or list what it has received.

  cert-server run --pki DIR --data-dir DIR [--host 127.0.0.1] [--port 8443] [--cert-code 21] [--data DIR]
                 [--rdv-token TOKEN]
  cert-server list --data-dir DIR
  cert-server dump NUMBER --data-dir DIR --out DIR
  cert-server ephoto list --data-dir DIR
  cert-server sms list --data-dir DIR
  cert-server station add STATION_ID --data-dir DIR [--mairie-insee CODE] [--mairie-name NAME] [--valid-hours 72]
  cert-server station list --data-dir DIR
  cert-server station revoke STATION_ID --reason TEXT --data-dir DIR
  cert-server title produce DOSSIER_NUMBER --data-dir DIR [--mairie-name NAME]
  cert-server stamp issue --amount 86 [--purchased YYYY-MM-DD] --data-dir DIR
  cert-server audit [STATION_ID] --data-dir DIR
  cert-server fleet --data-dir DIR [--json] [--interval-minutes N] [--max-skew-seconds N]
  cert-server release init|publish|list|rollout|refresh ... --data-dir DIR   (signed updates: cert/updates/)
  cert-server reference publish NAME FILE --data-dir DIR --pki DIR [--max-age-days 30]
  cert-server reference list --data-dir DIR
  cert-server openapi > docs/cert-openapi.json

`run` prints exactly one line on stdout, "cert-server listening on https://HOST:PORT", once it accepts
connections (scripts and tests wait for it); SIGTERM or Ctrl-C stop it after in-flight requests finish.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from .audit_commands import register as register_audit_commands
from .fleet_commands import register as register_fleet_commands
from .private_files import make_private, restrict_process
from .rdv_status import DEMO_TOKEN
from .read_store import read_store
from .reference_commands import register as register_reference_commands
from .server import ServerSettings, build_server
from .stamp_commands import register as register_stamp_commands
from .station_commands import register as register_station_commands
from .storage import DB_NAME, ReceivedDossier, Storage
from .title_commands import register as register_title_commands
from .updates.commands import register as register_release_commands


def _run(args: argparse.Namespace) -> int:
    faces = Path(args.data) / "faces"
    settings = ServerSettings(Path(args.pki), Path(args.data_dir), args.host, args.port, args.cert_code,
                              faces_dir=faces if faces.is_dir() else None, rdv_token=args.rdv_token,
                              clock_offset_s=args.clock_offset_seconds)

    def ready(host: str, port: int) -> None:
        print(f"cert-server listening on https://{host}:{port}", flush=True)

    make_private(settings.data_dir)
    server, storage = build_server(settings, ready)
    # uvicorn re-raises the signal that stopped it once shut down; with SIG_DFL that would end the
    # process as "killed by SIGTERM". A no-op handler turns a clean shutdown into exit status 0.
    signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        server.run()
    finally:
        storage.close()
    return 0 if server.started else 1


def _list(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    rows = read_store(data_dir, DB_NAME, Storage, Storage.all, f"no CERT database in {data_dir}")
    if rows is None:
        return 1
    # Deliberately no package content: the CERT operator's listing shows identifiers only.
    print(f"{'number':<16} {'station':<16} {'received_at':<26} sha256")
    for r in rows:
        print(f"{r.dossier_number:<16} {r.station_id:<16} {r.received_at.isoformat():<26} {r.package_sha256}")
    print(f"{len(rows)} dossier(s)")
    return 0


def _dump(args: argparse.Namespace) -> int:
    """Write one received dossier's verified files for inspection: dossier.json, the ANSI/NIST-ITL file,
    templates and documents under <out>/<number>/, plus the package as received and its signed receipt."""
    def held(storage: Storage) -> tuple[ReceivedDossier | None, dict[str, bytes], bytes | None]:
        stored = storage.by_number(args.number)
        if stored is None:
            return None, {}, None
        return stored, storage.files(args.number), storage.package(stored.idempotency_key)

    data_dir = Path(args.data_dir)
    found = read_store(data_dir, DB_NAME, Storage, held, f"no CERT database in {data_dir}")
    if found is None:
        return 1
    stored, files, package = found
    if stored is None:
        print(f"no dossier numbered {args.number}", file=sys.stderr)
        return 1
    target = Path(args.out) / stored.dossier_number
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # applicant data: readable by the operator only
    for name, data in {**files, "package.sealed": package or b"", "receipt.json": stored.receipt}.items():
        path = target / name  # names were checked at intake ([a-z0-9._-], one optional folder)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        path.write_bytes(data)
        path.chmod(0o600)
    print(f"{stored.dossier_number}: {len(files)} file(s) written to {target}")
    return 0


def _ephoto_list(args: argparse.Namespace) -> int:
    from .ephoto import DB_NAME as EPHOTO_DB
    from .ephoto import EphotoStore

    data_dir = Path(args.data_dir)
    rows = read_store(data_dir, EPHOTO_DB, EphotoStore, EphotoStore.all,
                 f"no ePhoto database in {data_dir} (it is seeded when cert-server run starts)")
    if rows is None:
        return 1
    print(f"{'code':<24} {'label':<8} {'captured_at':<26} {'expires_at':<26} used_by")
    for r in rows:
        print(f"{r.code:<24} {r.label:<8} {r.captured_at.isoformat():<26} {r.expires_at.isoformat():<26} "
              f"{r.used_by or '-'}")
    return 0


def _sms_list(args: argparse.Namespace) -> int:
    from .lookups.sms import SMS_FILE, read_file

    messages = read_file(Path(args.data_dir) / SMS_FILE)
    # The operator's view of what the default gateway "sent": it is the gateway's own file, numbers included.
    for m in messages:
        print(f"{m.id:>5} {m.queued_at:<26} {m.to:<14} {m.text}")
    print(f"{len(messages)} SMS")
    return 0


def openapi_document() -> dict:
    """The service's OpenAPI document, from an app over empty stores in a throwaway folder: generating the
    schema never calls a handler, so no PKI is needed (the receipt signer is left out)."""
    import tempfile

    from .app import create_app
    from .audit_log import AuditStore
    from .ephoto import EphotoStore
    from .fleet import FleetStore
    from .lookups import open_stores
    from .provisioning import Provisioning, StationRegistry
    from .rdv_status import RdvStatus
    from .reference_data import ReferenceStore
    from .updates.repository import UpdateRepository

    with tempfile.TemporaryDirectory() as tmp:
        storage, ephoto = Storage(Path(tmp)), EphotoStore(Path(tmp))
        lookups = open_stores(Path(tmp), with_seed=False)
        registry, audit, fleet = StationRegistry(Path(tmp)), AuditStore(Path(tmp)), FleetStore(Path(tmp))
        try:
            return create_app(storage, None, ephoto=ephoto, lookups=lookups,  # type: ignore[arg-type]
                              provisioning=Provisioning(registry, None), rdv=RdvStatus(lookups.db),
                              audit=audit, fleet=fleet, updates=UpdateRepository(Path(tmp)),
                              reference=ReferenceStore(Path(tmp))).openapi()
        finally:
            fleet.close()
            audit.close()
            registry.close()
            lookups.close()
            ephoto.close()
            storage.close()


def _openapi(args: argparse.Namespace) -> int:
    import json

    print(json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cert-server", description="Reference CERT service (test/demo).")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the CERT API over HTTPS with client certificates")
    run.add_argument("--pki", required=True, help="folder made by installer.pki.make_test_pki")
    run.add_argument("--data-dir", required=True, help="where the CERT keeps received dossiers")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8443, help="0 picks a free port (printed when ready)")
    run.add_argument("--cert-code", default="21", help="prefix of issued dossier numbers")
    run.add_argument("--rdv-token", default=DEMO_TOKEN,
                     help="x-rdv-opt-auth-token of the rendez-vous stand-in under /ants (default: the demo's)")
    run.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"),
                     help="developer data (faces/) the seeded ePhoto codes are made from")
    run.add_argument("--clock-offset-seconds", type=float, default=0.0,
                     help="shift the time the heartbeat replies carry (tests and demos of clock skew)")
    run.set_defaults(func=_run)
    lst = sub.add_parser("list", help="list received dossiers (identifiers only)")
    lst.add_argument("--data-dir", required=True)
    lst.set_defaults(func=_list)
    dump = sub.add_parser("dump", help="write a received dossier's files (JSON, ANSI/NIST-ITL, documents)")
    dump.add_argument("number", help="the dossier number, e.g. 21-2026-000001")
    dump.add_argument("--data-dir", required=True)
    dump.add_argument("--out", required=True, help="folder to write <number>/ into")
    dump.set_defaults(func=_dump)
    eph = sub.add_parser("ephoto", help="ePhoto codes held by this CERT").add_subparsers(dest="action",
                                                                                         required=True)
    eph_list = eph.add_parser("list", help="the codes, their capture date and use (no image)")
    eph_list.add_argument("--data-dir", required=True)
    eph_list.set_defaults(func=_ephoto_list)
    sms = sub.add_parser("sms", help="SMS queued by the default gateway").add_subparsers(dest="action",
                                                                                       required=True)
    sms_list = sms.add_parser("list", help="the SMS written to <data-dir>/sms.jsonl")
    sms_list.add_argument("--data-dir", required=True)
    sms_list.set_defaults(func=_sms_list)
    register_station_commands(sub)
    register_title_commands(sub)
    register_stamp_commands(sub)
    register_audit_commands(sub)
    register_fleet_commands(sub)
    register_release_commands(sub)
    register_reference_commands(sub)
    sub.add_parser("openapi", help="print the OpenAPI document (docs/cert-openapi.json)").set_defaults(
        func=_openapi)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    restrict_process()  # before anything is opened: the data folder's files are private from creation
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
