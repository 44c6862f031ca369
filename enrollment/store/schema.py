"""The store's tables. Personal data lives only in `dossiers.data`, `outbox.package`, the delivery
operations' `payload` and `result`, `waiting_titles.entry` and `title_templates.templates`: the first two
cleared at the CERT's acknowledgement, the delivery body once the CERT has answered and its answer a day
later (enrollment/retention.py), a waiting title's entry and templates at its hand-over or when it leaves
the CERT's list; everything else (ids, states, title type, dates, CERT number, agent) is what a technician
may see without learning anything about an applicant. The audit trail holds identifiers and codes only."""

from ..audit import GENESIS
from ..retention import Retention

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    title TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cert_number TEXT,
    acknowledged_at TEXT,
    data BLOB
);
CREATE TABLE IF NOT EXISTS outbox (
    dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
    idempotency_key TEXT NOT NULL UNIQUE,
    package BLOB NOT NULL,
    package_sha256 TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error_code TEXT,
    last_error_message TEXT
);
-- The visible outbox reads these columns every refresh. In a row they sit after the package, so
-- without this covering index each read walks every package's overflow pages (bench/outbox.py).
CREATE INDEX IF NOT EXISTS outbox_waiting
    ON outbox(queued_at, next_attempt_at, attempts, last_error_code, dossier_id);
CREATE TABLE IF NOT EXISTS receipts (
    dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
    cert_number TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    receipt BLOB NOT NULL,
    signature BLOB NOT NULL
);
-- Drafts deleted before sealing (enrollment/store/discards.py): abandoned or expired. No personal data.
CREATE TABLE IF NOT EXISTS discarded (
    dossier_id TEXT PRIMARY KEY,
    agent_id TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
-- Title delivery operations waiting for, or answered by, the CERT (enrollment/store/deliveries.py). The
-- request body (`payload`) is cleared once answered; `result` keeps what the delivery pages show.
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title_ref TEXT NOT NULL,
    state TEXT NOT NULL,
    payload BLOB,
    result BLOB,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error_code TEXT,
    done_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_attempt_at);
-- One operation of a kind per title: a second scan of an envelope finds the first.
CREATE UNIQUE INDEX IF NOT EXISTS deliveries_once ON deliveries(kind, title_ref);
-- The titles waiting at this mairie as the CERT last listed them (enrollment/store/waiting_titles.py).
CREATE TABLE IF NOT EXISTS waiting_titles (
    number TEXT PRIMARY KEY,
    entry BLOB NOT NULL,
    listed_at TEXT NOT NULL
);
-- The enrolled templates of a title waiting here, for the hand-over's check (enrollment/store/title_templates.py).
CREATE TABLE IF NOT EXISTS title_templates (
    number TEXT PRIMARY KEY,
    templates BLOB NOT NULL,
    fetched_at TEXT NOT NULL
);
-- Failed fingerprint presentations at a title's hand-over: the limit holds across searches and sessions.
CREATE TABLE IF NOT EXISTS title_presentations (
    number TEXT PRIMARY KEY,
    failed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id TEXT NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL
);
""" + f"""
-- The audit trail (enrollment/store/audit.py, docs/audit-trail.md): entries are appended in order, each
-- chained to the last, never changed; only entries the CERT holds, past their retention, may go, oldest first.
-- `audit_state` keeps the chain's ends (the head: the last entry appended; the anchor: the last purged), how
-- far the CERT holds it, and the sending's backoff. The triggers guard against a mistake, not against whoever
-- holds the store key: the chain and the CERT's copy are what show an edit.
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    station_id TEXT NOT NULL,
    agent_id TEXT,
    event TEXT NOT NULL,
    dossier_id TEXT,
    title_number TEXT,
    reason TEXT,
    ref TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    head_seq INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    anchor_seq INTEGER NOT NULL,
    anchor_hash TEXT NOT NULL,
    acked_seq INTEGER NOT NULL,
    retention_days INTEGER NOT NULL CHECK (retention_days >= 1),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error_code TEXT
);
INSERT OR IGNORE INTO audit_state(id, head_seq, head_hash, anchor_seq, anchor_hash, acked_seq, retention_days)
    VALUES (1, 0, '{GENESIS}', 0, '{GENESIS}', 0, {Retention.audit_retention_days});
-- The chain's id: a store made anew (a reinstalled station) starts a new chain at entry 1, which the CERT
-- tells from entries rewritten by their id (docs/audit-trail.md, "Chains").
INSERT OR IGNORE INTO meta(key, value) VALUES ('audit.chain_id', lower(hex(randomblob(16))));
CREATE TRIGGER IF NOT EXISTS audit_appended_in_order BEFORE INSERT ON audit
    WHEN NEW.seq IS NOT (SELECT head_seq + 1 FROM audit_state)
      OR NEW.prev_hash IS NOT (SELECT head_hash FROM audit_state)
    BEGIN SELECT RAISE(ABORT, 'audit: an entry follows the last one and chains to it'); END;
CREATE TRIGGER IF NOT EXISTS audit_head AFTER INSERT ON audit
    BEGIN UPDATE audit_state SET head_seq = NEW.seq, head_hash = NEW.hash; END;
CREATE TRIGGER IF NOT EXISTS audit_never_changed BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit: entries are never changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_purged_only BEFORE DELETE ON audit
    WHEN NOT coalesce(OLD.seq = (SELECT anchor_seq + 1 FROM audit_state)
                      AND OLD.seq <= (SELECT acked_seq FROM audit_state)
                      AND julianday(OLD.at) <= julianday('now') - (SELECT retention_days FROM audit_state), 0)
    BEGIN SELECT RAISE(ABORT, 'audit: only entries the CERT holds and past their retention go, oldest first'); END;
CREATE TRIGGER IF NOT EXISTS audit_anchor AFTER DELETE ON audit
    BEGIN UPDATE audit_state SET anchor_seq = OLD.seq, anchor_hash = OLD.hash; END;
CREATE TRIGGER IF NOT EXISTS audit_state_forward BEFORE UPDATE ON audit_state
    WHEN NEW.head_seq < OLD.head_seq OR NEW.anchor_seq < OLD.anchor_seq OR NEW.acked_seq < OLD.acked_seq
      OR NEW.acked_seq > NEW.head_seq OR NEW.anchor_seq > NEW.acked_seq
      OR (NEW.head_hash IS NOT OLD.head_hash AND NEW.head_seq = OLD.head_seq)
      OR (NEW.anchor_hash IS NOT OLD.anchor_hash AND NEW.anchor_seq = OLD.anchor_seq)
    BEGIN SELECT RAISE(ABORT, 'audit: the chain state only moves forward'); END;
CREATE TRIGGER IF NOT EXISTS audit_state_kept BEFORE DELETE ON audit_state
    BEGIN SELECT RAISE(ABORT, 'audit: the chain state is kept'); END;
"""
