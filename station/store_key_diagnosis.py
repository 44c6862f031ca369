"""`station diagnose store`: where the store key lives, whether it can be had, and a warning when it lies in
a file beside the store. Reads the key to prove it is there, and never shows or keeps it."""

from __future__ import annotations

from functools import partial

from devices.diagnose import diagnose
from devices.diagnosis import Check, Diagnosis
from devices.tpm import TssTpm
from enrollment.errors import StoreError
from enrollment.store import FileKeyProvider, KeyringKeyProvider
from enrollment.strings import message as store_message

from .config import Config
from .store_key import TpmKeyProvider, auto_choice, on_tpm_worker, tpm_provider
from .strings import message

DEVICE = "store_key"


def diagnose_store_key(config: Config) -> Diagnosis:
    """Never raises: a diagnosis reports."""
    kind = config.store.key_provider
    if kind == "file":
        checks = _file_checks(config)
    elif kind == "keyring":
        checks = [_keyring_check()]
    elif kind == "tpm":
        checks = _tpm_checks(tpm_provider(config))
    else:
        checks = _auto_checks(config)
    return Diagnosis(DEVICE, kind, all(c.ok for c in checks), checks)


def _file_checks(config: Config) -> list[Check]:
    try:
        FileKeyProvider(config.key_file).get_key()
    except StoreError as exc:
        first = Check("key_file", False, exc.message)
    else:
        first = Check("key_file", True, message("store_key.file", path=config.key_file))
    # Works, yet a copied disk carries the key with the store: the technician is told every time.
    return [first, Check("key_location", True, store_message("store.key_beside_store"), warning=True)]


def _keyring_check() -> Check:
    if not KeyringKeyProvider.available():
        return Check("keyring", False, message("store_key.no_keyring"))
    import keyring

    return Check("keyring", True, message("store_key.keyring", backend=keyring.get_keyring().name))


def _tpm_checks(provider: TpmKeyProvider) -> list[Check]:
    try:
        base = on_tpm_worker(partial(diagnose, TssTpm(provider.tcti)))
    except StoreError as exc:  # the worker itself timed out: the TPM hangs
        return [Check("tpm", False, exc.message)]
    checks = list(base.checks)
    if not base.ok:
        return checks
    if not provider.sealed_key.exists() and not provider.store_path.exists():
        return [*checks, Check("sealed_key", True, message("store_key.not_sealed_yet", path=provider.sealed_key))]
    try:
        on_tpm_worker(provider.unseal)
    except StoreError as exc:
        return [*checks, Check("sealed_key", False, exc.message)]
    return [*checks, Check("sealed_key", True, message("store_key.sealed", path=provider.sealed_key))]


def _auto_checks(config: Config) -> list[Check]:
    try:
        choice = auto_choice(config)
    except StoreError:
        # Neither: say what is missing on each side (the keyring, then the TPM at its TCTI).
        return [_keyring_check(), *_tpm_checks(tpm_provider(config))]
    if isinstance(choice, TpmKeyProvider):
        chosen = Check("key_provider", True, message("store_key.auto", choice=message("store_key.choice.tpm")))
        return [chosen, *_tpm_checks(choice)]
    chosen = Check("key_provider", True, message("store_key.auto", choice=message("store_key.choice.keyring")))
    return [chosen, _keyring_check()]
