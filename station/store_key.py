"""Which provider keeps the store key, from `[store] key_provider`, and the TPM-sealed key provider.

- "keyring": the OS keyring (Secret Service).
- "tpm": a random key sealed by this machine's TPM 2.0; the sealed blob stays in the data dir (0600) and
  only this TPM can open it, so a copied disk carries the store without its key.
- "file": a 0600 key file beside the store, only when the configuration names it (diagnose warns).
- "auto": the TPM if it already sealed this store's key, else the keyring when usable, else the TPM; with
  neither, opening the store fails in French. Never a file: a key beside the store protects nothing
  against a stolen disk, so it must be a decision someone wrote down.

The policy lives here, not in enrollment/, because asking the TPM is device I/O; the TPM calls run on a
one-shot DeviceWorker, as every device call does.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TypeVar

from devices import strings as device_strings
from devices.errors import DeviceError
from devices.tpm import SealedBlob, TssTpm
from devices.worker import DeviceWorker
from enrollment.errors import StoreError
from enrollment.store import KEY_BYTES, FileKeyProvider, KeyProvider, KeyringKeyProvider
from enrollment.strings import message as store_message

from .config import Config
from .strings import message

SEALED_KEY_NAME = "store-key.sealed"
# A TPM answers in well under a second; a minute only bounds a TPM that hangs (a dead bus), so the
# station reports it instead of never opening.
TPM_WAIT_S = 60.0

T = TypeVar("T")


class TpmKeyProvider:
    """A key made once, sealed by the TPM, unsealed at each start-up."""

    def __init__(self, tcti: str, sealed_key: Path, store_path: Path) -> None:
        self.tcti = tcti
        self.sealed_key = sealed_key
        self.store_path = store_path

    def get_key(self) -> bytes:
        return on_tpm_worker(self._get_key)

    def describe(self) -> str:
        return f"tpm:{self.tcti}"

    def present(self) -> bool:
        """True when a TPM answers at the TCTI (it may still refuse later, with its own message)."""
        try:
            on_tpm_worker(TssTpm(self.tcti).info)
        except StoreError as exc:
            if exc.code == "tpm.unreachable":
                return False
            raise
        return True

    def unseal(self) -> bytes:
        """The key in the sealed blob (runs on the TPM worker). StoreError when it cannot be opened."""
        try:
            data = self.sealed_key.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError("store.sealed_key_missing",
                             store_message("store.sealed_key_missing", path=self.sealed_key)) from exc
        key = TssTpm(self.tcti).unseal(SealedBlob.from_bytes(data))
        if len(key) != KEY_BYTES:
            raise DeviceError("tpm.bad_blob", device_strings.message("tpm.bad_blob"))
        return key

    def _get_key(self) -> bytes:
        if self.sealed_key.exists() or self.store_path.exists():
            # A store without its sealed key must not get a new key: that would orphan every dossier in it.
            return self.unseal()
        key = secrets.token_bytes(KEY_BYTES)
        try:
            _write_private(self.sealed_key, TssTpm(self.tcti).seal(key).to_bytes())
        except FileExistsError:
            return self.unseal()  # another start sealed first: its key is the store's
        return key


def on_tpm_worker(fn: Callable[[], T]) -> T:
    """Run `fn` on a one-shot device worker; a DeviceError comes back as a StoreError with its French text."""
    worker = DeviceWorker("tpm")
    try:
        return worker.submit(fn).result(timeout=TPM_WAIT_S)
    except DeviceError as exc:
        raise StoreError(exc.code, exc.message) from exc
    except FutureTimeout as exc:
        text = device_strings.message("tpm.unreachable", tcti=message("store_key.tpm_silent", seconds=TPM_WAIT_S))
        raise StoreError("tpm.unreachable", text) from exc
    finally:
        worker.stop()


def sealed_key_path(config: Config) -> Path:
    return config.store.sealed_key or config.data_dir / SEALED_KEY_NAME


def tpm_provider(config: Config) -> TpmKeyProvider:
    return TpmKeyProvider(config.store.tpm_tcti, sealed_key_path(config), config.store_path)


def auto_choice(config: Config) -> KeyProvider:
    """What "auto" takes on this machine, or StoreError "store.no_key_provider" (nothing written)."""
    tpm = tpm_provider(config)
    # The store was sealed by the TPM: a keyring that shows up later must not take over with a new key.
    if tpm.sealed_key.exists():
        return tpm
    if KeyringKeyProvider.available():
        return KeyringKeyProvider(config.station_id)
    if tpm.present():
        return tpm
    raise StoreError("store.no_key_provider", store_message("store.no_key_provider", tcti=config.store.tpm_tcti))


def key_provider(config: Config) -> KeyProvider:
    kind = config.store.key_provider
    if kind == "file":
        return FileKeyProvider(config.key_file)
    if kind == "keyring":
        return KeyringKeyProvider(config.station_id)
    if kind == "tpm":
        return tpm_provider(config)
    return auto_choice(config)


def _write_private(path: Path, data: bytes) -> None:
    """Write `path` once, readable by its owner only, whole or not at all (a temporary file then a link,
    which fails rather than replace a sealed key that exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)  # left by a cut during a previous first start: it was never linked
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
