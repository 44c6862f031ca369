"""The machine's TPM 2.0, through the TSS2 libraries (tpm2-pytss): it seals the store key to this machine.

Not a counter device in the registry: the station uses it once at start-up (station/store_key.py) and in
`station diagnose store`, each time on a one-shot DeviceWorker.

No protocol.py: the TSS2 libraries marshal the TPM commands, so the station has no wire format of its own.
"""

from devices.tpm.driver import Tpm
from devices.tpm.model import SealedBlob, TpmInfo
from devices.tpm.tss import DEFAULT_TCTI, TssTpm

__all__ = ["DEFAULT_TCTI", "SealedBlob", "Tpm", "TpmInfo", "TssTpm"]
