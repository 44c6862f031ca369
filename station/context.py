"""What every screen needs: configuration, devices, store, outbox, agent CA, session.

The station opens in two steps so that the login screen is up fast (`station.cold_start_to_login` in
`make bench`): `open_for_login` makes what that screen needs (configuration, logging, devices: the card
reader watches for the agent's card), and `StationContext.finish_opening` the rest (store, outbox, agent
CA and revocation list), which the window calls once the login screen is drawn, while the agent takes the
card out. Whoever needs the rest earlier gets it opened on the spot. The modules of the rest (cryptography,
SQLCipher, requests) are imported then too, not with this one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from devices.registry import Devices, DeviceSettings, open_devices
from devices.settings import KINDS
from enrollment.errors import StoreError
from sync.errors import SyncError

from . import logging_setup
from .config import Config

if TYPE_CHECKING:
    from cryptography import x509

    from enrollment.rules import Rules
    from enrollment.store import Store
    from sync.delivery_queue import DeliveryQueue
    from sync.heartbeat import ClockWatch
    from sync.outbox import OutboxSettings, OutboxWorker
    from sync.package import SealedPackage, Sealer
    from sync.transport import CertClient, TransportSettings

    from .agent_signature import CardAgent
    from .audit_trail import AuditTrail
    from .auth import AgentSession
    from .fleet import DeviceHealthCache
    from .reference import StationReference
    from .revocation import RevocationList
    from .ui.device_calls import Calls
    from .ui.notifications import Notifications
    from .updates.worker import UpdateWorker

log = logging.getLogger(__name__)


# The context's Qt parts are made with the window's context only: the technician's terminal commands use
# the helpers below and must not load Qt (tests/station/test_commands_without_qt.py).
def _calls() -> Calls:
    from .ui.device_calls import Calls

    return Calls()


def _notifications() -> Notifications:
    from .ui.notifications import Notifications

    return Notifications()


@dataclass(frozen=True)
class _Rest:
    """What the login screen does not need (see the module's docstring)."""

    store: Store
    outbox: OutboxWorker
    deliveries: DeliveryQueue  # envelopes scanned at reception, sent by the outbox's thread
    audit: AuditTrail  # what agents did, sent by the outbox's thread too
    clock: ClockWatch  # the last clock skew the heartbeat (the outbox's thread too) measured
    device_health: DeviceHealthCache  # the devices' last statuses, for the heartbeat
    agent_ca: x509.Certificate
    revocation: RevocationList
    updates: UpdateWorker  # signed updates: its own thread and CERT session (station/updates/worker.py)
    reference: StationReference  # the verified reference lists, refreshed by the outbox's thread too


@dataclass
class StationContext:
    config: Config
    devices: Devices
    calls: Calls = field(default_factory=_calls)
    notifications: Notifications = field(default_factory=_notifications)
    session: AgentSession | None = None
    start_outbox: bool = True
    _rest: _Rest | None = field(default=None, repr=False)
    _sealer: Sealer | None = field(default=None, repr=False)

    @property
    def opened(self) -> bool:
        return self._rest is not None

    def finish_opening(self) -> None:
        """Open the store (its key), the outbox and the agent CA with its revocation list; a StoreError in
        French when the store cannot be opened. Idempotent; on the GUI thread (it takes milliseconds: the
        time is in the imports, which the login screen no longer waits for)."""
        if self._rest is None:
            self._rest = _open_rest(self.config, self.start_outbox, self.devices, lambda: self.session is None)

    def _opened(self) -> _Rest:
        self.finish_opening()
        assert self._rest is not None
        return self._rest

    @property
    def store(self) -> Store:
        return self._opened().store

    @property
    def outbox(self) -> OutboxWorker:
        return self._opened().outbox

    @property
    def deliveries(self) -> DeliveryQueue:
        return self._opened().deliveries

    @property
    def audit(self) -> AuditTrail:
        return self._opened().audit

    @property
    def clock(self) -> ClockWatch:
        return self._opened().clock

    @property
    def device_health(self) -> DeviceHealthCache:
        return self._opened().device_health

    @property
    def agent_ca(self) -> x509.Certificate:
        return self._opened().agent_ca

    @property
    def revocation(self) -> RevocationList:
        return self._opened().revocation

    @property
    def reference(self) -> StationReference:
        return self._opened().reference

    def rules(self) -> Rules:
        """The rules in force: the verified "rules" reference set's, else the software's own."""
        return self.reference.rules()

    def check_can_enroll(self, sealing: bool = False) -> None:
        """StationError in French when a reference list is past its limit (station/reference.py)."""
        from datetime import UTC

        self.reference.check_can_enroll(datetime.now(UTC), sealing)

    def refresh_reference(self) -> dict:
        """Fetch, verify and install the newer reference lists (blocking: off the GUI thread); per list, True
        installed, False already held, or the SyncError that refused it."""
        from sync.reference.fetch import refresh

        with cert_client(self.config) as client:
            return refresh(client, self.reference.cache)

    def today(self) -> date:
        return date.today()

    def refresh_revocation(self) -> datetime:
        """Fetch, verify and install the agent revocation list (blocking: run it off the GUI thread)."""
        return fetch_revocation(self.config, self.revocation)

    def sealer(self) -> Sealer:
        """The sealing keys, read and checked on first use (a SyncError in French if they are unusable:
        drafts stay possible, only sealing waits for the technician)."""
        if self._sealer is None:
            self._sealer = load_sealer(self.config)
        return self._sealer

    def agent(self, pin: str | None = None) -> CardAgent:
        """The logged-in agent, signing with their card (AuthError when nobody is logged in); `pin` for a
        card that asks it at every signature."""
        from .agent_signature import CardAgent
        from .errors import AuthError
        from .strings import message

        if self.session is None:
            raise AuthError("auth.insert_card", message("auth.insert_card"))
        return CardAgent(self.devices.smartcard, self.session, pin)

    def seal(self, dossier_id: str, pin: str | None = None) -> list[SealedPackage]:
        """Seal a complete dossier into the outbox, one package per title, and wake the sender (blocking: off
        the GUI thread)."""
        from enrollment.audit import AuditEvent
        from sync.package import seal_and_queue

        from .clock_rule import check_clock

        # A clock the heartbeat found off: nothing sealed, the draft kept as it is (docs/fleet.md).
        check_clock(self.clock.last(), self.config.fleet.max_clock_skew_seconds)
        self.check_can_enroll(sealing=True)  # a reference list past its limit: the same (docs/reference-data.md)
        self._settle_checks(dossier_id)
        session = self.session  # whose card signs: the agent of record of the seal
        sealed = seal_and_queue(self.store, dossier_id, self.sealer(), self.agent(pin))
        for package in sealed:  # a couplée application: one dossier per title, its id the package's key
            self.audit.record(AuditEvent.DOSSIER_SEALED, session.agent_id if session else None,
                              dossier_id=package.idempotency_key)
        self.outbox.wake()
        return sealed

    def _settle_checks(self, dossier_id: str) -> None:
        """The online checks left unsettled at the counter (the CERT was unreachable) are asked again; an
        answer that now requires something (a birth certificate, another stamp) sends the dossier back to
        the agent instead of sealing it."""
        from enrollment import workflow
        from enrollment.validation import validate
        from sync.errors import SyncError

        from .online_checks import check_before_sealing

        dossier = self.store.dossiers.load(dossier_id)
        with cert_client(self.config) as client:
            if not check_before_sealing(client, dossier, self.today(), self.rules()):
                return
        if validate(dossier, self.today(), self.rules()):
            workflow.edit(dossier)
            self.store.dossiers.save_draft(dossier)
            raise SyncError.of("seal.checks_changed", retryable=False)
        self.store.dossiers.save_draft(dossier)

    @property
    def updates(self) -> UpdateWorker:
        return self._opened().updates

    def close(self) -> None:
        self.calls.shutdown()
        if self._rest is not None:
            self._rest.updates.stop()
            self._rest.outbox.stop()
        self.devices.close()
        if self._rest is not None:
            self._rest.store.close()


def device_settings(config: Config) -> DeviceSettings:
    d = config.devices
    return DeviceSettings(
        simulator_host=d.simulator_host,
        simulator_port=d.simulator_port,
        implementations={kind: getattr(d, kind) for kind in KINDS},
        smartcard_reader=d.smartcard_reader,
        smartcard_module=d.smartcard_module,
        smartcard_key=d.smartcard_key,
        usb_backend=d.usb_backend,
        camera_source=d.camera_source,
        camera_width=d.camera_width,
        camera_height=d.camera_height,
        camera_fps=d.camera_fps,
        barcode_prefix=d.barcode_prefix,
        barcode_suffix=d.barcode_suffix,
        barcode_max_gap_ms=d.barcode_max_gap_ms,
        barcode_serial_port=d.barcode_serial_port,
        barcode_serial_baud=d.barcode_serial_baud,
        barcode_camera_source=d.barcode_camera_source,
        signature_allow_mouse=d.signature_allow_mouse,
        document_scanner_device=d.document_scanner_device,
        document_scanner_dpi=d.document_scanner_dpi,
        document_scanner_mode=d.document_scanner_mode,
        sane_config_dir=d.sane_config_dir,
        printer_name=d.printer_name,
        cups_server=d.cups_server,
        sbi_port=d.sbi_port,
        sbi_fingerprint_device=d.sbi_fingerprint_device,
        sbi_camera_device=d.sbi_camera_device,
        sbi_trust=d.sbi_trust,
        sbi_env=d.sbi_env,
    )


def recover_station_pair(config: Config) -> None:
    """Complete a certificate renewal cut between its two renames (new key beside the old certificate), before
    anything uses the pair: the window, `station outbox flush`, a lookup, sealing (sync/renewal.py)."""
    from sync.renewal import finish_interrupted_renewal

    try:
        finish_interrupted_renewal(config.cert.client_cert, config.cert.client_key)
    except SyncError as exc:  # stray files the technician must look at; the installed pair may still work
        log.warning("interrupted certificate renewal left as is", extra={"event": "renewal_unusable",
                                                                         "code": exc.code})


def transport_settings(config: Config) -> TransportSettings:
    from sync.transport import TransportSettings

    recover_station_pair(config)
    c = config.cert
    return TransportSettings(
        base_url=c.url,
        trust_anchor=c.trust_anchor,
        client_cert=c.client_cert,
        client_key=c.client_key,
        connect_timeout_s=c.connect_timeout_s,
        read_timeout_s=c.read_timeout_s,
        chunk_bytes=c.upload_chunk_kib * 1024,
    )


def outbox_settings(config: Config) -> OutboxSettings:
    from sync.outbox import OutboxSettings

    o = config.outbox
    return OutboxSettings(base_delay_s=o.base_delay_s, max_delay_s=o.max_delay_s,
                          receipt_retention_days=o.receipt_retention_days,
                          draft_retention_days=config.store.draft_retention_days)


def load_sealer(config: Config) -> Sealer:
    from sync.package import Sealer

    recover_station_pair(config)
    c = config.cert
    return Sealer.load(config.station_id, c.agency_id, c.client_cert, c.client_key, c.encryption_cert,
                       c.trust_anchor)


def outbox_worker(config: Config, store: Store, client: CertClient) -> OutboxWorker:
    """The sender over `client` (the caller owns and closes it), with the configured backoff and trust anchor."""
    from sync.outbox import OutboxWorker

    return OutboxWorker(store, client, outbox_settings(config),
                        trust_anchor_pem=config.cert.trust_anchor.read_bytes())


def revocation_list(config: Config, agent_ca: x509.Certificate) -> RevocationList:
    from .revocation import RevocationList

    return RevocationList(config.crl_path, agent_ca, timedelta(hours=config.auth.crl_grace_hours))


@contextmanager
def cert_client(config: Config) -> Iterator[CertClient]:
    """A short-lived mutual-TLS session to the CERT for one lookup, off the GUI thread. The outbox keeps
    its own: CertClient is not thread-safe."""
    from sync.transport import CertClient

    client = CertClient(transport_settings(config))
    try:
        yield client
    finally:
        client.close()


def fetch_revocation(config: Config, revocation: RevocationList) -> datetime:
    with cert_client(config) as client:
        return revocation.install(client.fetch_agent_crl())


def open_store(config: Config) -> Store:
    """The store, with the key from the configured provider (station/store_key.py); a StoreError in French
    when no provider can give it."""
    from enrollment.store import Store

    from .store_key import key_provider

    return Store(config.store_path, key_provider(config))


def open_for_login(config: Config, start_outbox: bool = True) -> StationContext:
    """What the login screen needs: logging and the devices (nothing talks to a device yet). The rest comes
    with `finish_opening`, the outbox started then unless `start_outbox` is false."""
    logging_setup.configure(
        config.log_dir, config.logging.level, config.logging.max_bytes, config.logging.backups
    )
    log.info("station starting", extra={"event": "start", "station_id": config.station_id})
    return StationContext(config=config, devices=open_devices(device_settings(config)), start_outbox=start_outbox)


def build(config: Config, start_outbox: bool = True) -> StationContext:
    """The whole context at once (terminal commands, demos, tests); a StoreError leaves no thread behind."""
    ctx = open_for_login(config, start_outbox)
    try:
        ctx.finish_opening()
    except BaseException:
        ctx.close()
        raise
    return ctx


def _open_rest(config: Config, start_outbox: bool, devices: Devices, nobody_logged_in: Callable[[], bool]) -> _Rest:
    from cryptography import x509

    from enrollment.retention import Retention
    from sync.delivery_queue import DeliveryQueue
    from sync.heartbeat import ClockWatch, HeartbeatQueue
    from sync.reference.queue import ReferenceQueue
    from sync.transport import CertClient

    from .audit_trail import open_trail
    from .fleet import DeviceHealthCache, station_facts
    from .reference import StationReference

    try:
        store = open_store(config)
    except StoreError as exc:  # the technician's ticket then says why the station never opened
        log.error("store not opened", extra={"event": "store_key", "code": exc.code})
        raise
    client = CertClient(transport_settings(config))
    outbox = outbox_worker(config, store, client)
    deliveries = DeliveryQueue(store, client, outbox.backoff_s,
                               timedelta(hours=Retention.delivery_answer_retention_hours))
    audit, audit_queue = open_trail(config, store, client, outbox)
    interval = timedelta(minutes=config.fleet.heartbeat_minutes)
    clock, device_health = ClockWatch(config.clock_path), DeviceHealthCache(interval)
    facts = station_facts(config, devices, device_health, nobody_logged_in, lambda: audit.failures)
    heartbeat = HeartbeatQueue(store, client, facts, clock, interval, config.fleet.max_clock_skew_seconds,
                               outbox.backoff_s)
    agent_ca = x509.load_pem_x509_certificate(config.auth.agent_ca.read_bytes())
    revocation = revocation_list(config, agent_ca)
    reference = StationReference(config, revocation)
    store.dossiers.rules = reference.rules
    references = ReferenceQueue(reference.cache, client, timedelta(hours=config.reference.refresh_hours),
                                outbox.backoff_s)
    outbox.queues += [deliveries, audit_queue, heartbeat, references]
    outbox.sweep()  # drafts past their retention go before any screen lists them
    if start_outbox:
        outbox.start()
    updates = update_worker(config)
    if start_outbox:  # the same switch: a context without background threads (tests, commands) has neither
        updates.start()
    return _Rest(store=store, outbox=outbox, deliveries=deliveries, audit=audit, clock=clock,
                 device_health=device_health, agent_ca=agent_ca,
                 revocation=revocation, updates=updates, reference=reference)


def update_worker(config: Config) -> UpdateWorker:
    """The update thread, on a CERT session of its own (a CertClient serves one thread); the window sets its
    listener."""
    from sync.transport import CertClient

    from .updates.service import UpdateService
    from .updates.worker import UpdateWorker

    service = UpdateService.for_config(config, CertClient(transport_settings(config)))
    return UpdateWorker(service, config.updates.check_hours * 3600, lambda kind, version, detail: None)
