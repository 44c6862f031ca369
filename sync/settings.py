"""The sync layer's settings and their defaults: the outbox worker's pace and the transport to the CERT.

The station's configuration file sets some of them (`[outbox]`, `[cert]`): station/config.py takes its
defaults from here, so each default is written once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from enrollment.retention import Retention

# The CERT's agency identifier in the ANSI/NIST-ITL transaction (1.007 DAI), as agreed with the CERT.
CERT_AGENCY_ID = "FRCERT21"

# The rendez-vous platform's status API (sync/online_checks/appointments.py): a path on the CERT (the
# reference CERT's stand-in), or the platform's own https:// URL.
RDV_STATUS_PATH = "/ants/api/status"

# Characters of an ePhoto code (sync/ephoto.py): domain.md "Face photo" (verify: one source says 21).
DEFAULT_CODE_LENGTH = 22


@dataclass(frozen=True)
class OutboxSettings:
    base_delay_s: float = 2.0
    max_delay_s: float = 300.0
    batch_size: int = 10
    # The thread sleeps until the next due attempt, but at most this long (a clock change or a dossier
    # queued without wake() is noticed) and at least `min_wait_s` (no busy loop on a zero jitter draw).
    idle_poll_s: float = 60.0
    min_wait_s: float = 0.2
    # Purged dossiers' minimal receipts are forgotten after this many days, swept at most once per
    # `receipt_sweep_s` of round time (the sweep is a write transaction: not worth doing every round).
    receipt_retention_days: int = Retention.receipt_retention_days
    receipt_sweep_s: float = 3600.0
    # Drafts (draft or complete) untouched this many days are deleted with their captures, in the same
    # sweep: this thread runs whether or not an agent is logged in, and off the GUI thread.
    draft_retention_days: int = Retention.draft_retention_days


@dataclass(frozen=True)
class TransportSettings:
    base_url: str  # e.g. "https://cert.example:8443", no trailing slash needed
    trust_anchor: Path  # cert-ca.pem: the only CA the server certificate may come from
    client_cert: Path  # station.pem (CN = station id)
    client_key: Path
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 60.0
    # Chunked upload (sync/upload.py): bytes per PATCH, `[cert] upload_chunk_kib`. What a cut can cost:
    # 256 KiB is a second or two on a slow mairie ADSL uplink (~1 Mbit/s), and few round trips on a fast
    # line.
    chunk_bytes: int = 256 * 1024
