"""The TPM's interface: seal a secret to this machine, unseal it, say which chip it is.

The station seals its store key with it (station/store_key.py); `tss.py` speaks to a TPM 2.0 through the
TSS2 libraries. A platform with another TPM stack (Windows' TBS) gets its module beside it.
"""

from __future__ import annotations

from abc import abstractmethod

from devices.base import Driver
from devices.tpm.model import SealedBlob, TpmInfo


class Tpm(Driver):
    """Blocking calls, on a DeviceWorker; failures are DeviceError with a French message."""

    kind = "tpm"

    @abstractmethod
    def info(self) -> TpmInfo:
        """Manufacturer and vendor strings (`station diagnose store`)."""

    @abstractmethod
    def seal(self, secret: bytes) -> SealedBlob:
        """`secret` sealed under this TPM's own key: only this TPM can unseal it."""

    @abstractmethod
    def unseal(self, blob: SealedBlob) -> bytes:
        """The secret in `blob`; DeviceError "tpm.foreign_blob" when another TPM (or a cleared one) sealed it."""
