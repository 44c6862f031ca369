"""The store's 256-bit key: what a key provider is, and the two that need no device (the OS keyring, a
0600 key file made at set-up). The TPM-sealed key is a device's work (devices/tpm/); which provider a
station uses is the station's choice (station/store_key.py). The key never goes into configuration, logs
or the database itself."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Protocol

from ..errors import StoreError
from ..strings import message

KEY_BYTES = 32


class KeyProvider(Protocol):
    def get_key(self) -> bytes: ...

    def describe(self) -> str: ...


class FileKeyProvider:
    """A key in a file only its owner may read. Refuses a file others can read: the key would be spent."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def create(self) -> None:
        """Make the key file if absent (set-up time). Never overwrites: that would orphan the store."""
        if self.path.exists():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(KEY_BYTES))

    def get_key(self) -> bytes:
        try:
            mode = self.path.stat().st_mode
            text = self.path.read_text().strip()
        except FileNotFoundError as exc:
            raise StoreError("store.missing_key", message("store.missing_key")) from exc
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise StoreError("store.key_permissions", message("store.missing_key"))
        try:
            key = bytes.fromhex(text)
        except ValueError as exc:
            raise StoreError("store.key_format", message("store.missing_key")) from exc
        if len(key) != KEY_BYTES:
            raise StoreError("store.key_format", message("store.missing_key"))
        return key

    def describe(self) -> str:
        return f"file:{self.path}"


class KeyringKeyProvider:
    """A key in the OS keyring (Secret Service on Linux), created on first use."""

    SERVICE = "recueil-station-store"

    def __init__(self, station_id: str) -> None:
        self.station_id = station_id

    @staticmethod
    def available() -> bool:
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return False
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    def get_key(self) -> bytes:
        import keyring

        text = keyring.get_password(self.SERVICE, self.station_id)
        if text is None:
            text = secrets.token_hex(KEY_BYTES)
            keyring.set_password(self.SERVICE, self.station_id, text)
        return bytes.fromhex(text)

    def describe(self) -> str:
        return f"keyring:{self.SERVICE}"

