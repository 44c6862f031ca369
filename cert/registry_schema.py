"""The station registry's tables (cert/registry.py): provisioning tokens, issued station certificates, and
the revocation list. Created if missing, so a registry made by an earlier version gains the certificate
tables and its provisioned certificates at the first open."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS provisioning (
    token_sha256      TEXT PRIMARY KEY,
    station_id        TEXT NOT NULL,
    mairie_insee      TEXT NOT NULL,
    mairie_name       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    used_at           TEXT,
    public_key_sha256 TEXT,
    certificate_pem   TEXT,
    serial_hex        TEXT,
    not_after         TEXT
);
CREATE INDEX IF NOT EXISTS provisioning_station ON provisioning(station_id);
CREATE TABLE IF NOT EXISTS certificates (
    serial_hex        TEXT PRIMARY KEY,
    station_id        TEXT NOT NULL,
    mairie_insee      TEXT NOT NULL,
    mairie_name       TEXT NOT NULL,
    public_key_sha256 TEXT NOT NULL,
    certificate_pem   TEXT NOT NULL,
    issued_at         TEXT NOT NULL,
    not_after         TEXT NOT NULL,
    renews            TEXT,  -- serial of the certificate this one replaces once it is first used
    first_used_at     TEXT
);
CREATE INDEX IF NOT EXISTS certificates_station ON certificates(station_id);
CREATE TABLE IF NOT EXISTS revocations (
    serial_hex TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    reason     TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS revoked_stations (  -- covers the certificates this CERT did not issue (by CN)
    station_id TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    revoked_at TEXT NOT NULL
);
-- Registries made before the certificates table: their provisioned certificates, once.
INSERT OR IGNORE INTO certificates(serial_hex, station_id, mairie_insee, mairie_name, public_key_sha256,
                                   certificate_pem, issued_at, not_after)
    SELECT serial_hex, station_id, mairie_insee, mairie_name, public_key_sha256, certificate_pem, used_at,
           not_after FROM provisioning WHERE serial_hex IS NOT NULL;
"""
