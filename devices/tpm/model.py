"""What the TPM yields: its identity, and the sealed store key as a blob the station keeps on disk."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from devices import strings
from devices.errors import DeviceError

# Versioned so a later format (a PCR policy, another parent template) is told apart, not misread.
MAGIC = b"RECUEIL-TPM-SEAL/1\n"
_LEN = struct.Struct(">I")
_MAX_FIELD = 4096  # a TPM2B is at most a few hundred bytes: anything larger is not ours


@dataclass(frozen=True)
class TpmInfo:
    manufacturer: str  # the four-letter vendor id (e.g. "IFX", "STM", "IBM" for swtpm)
    vendor: str  # the vendor's model string


@dataclass(frozen=True)
class SealedBlob:
    """A sealed data object: TPM2B_PUBLIC and TPM2B_PRIVATE (marshalled), and the name of the primary key
    it was sealed under. Only the TPM that made it can load it: the private part is encrypted with a key
    derived from that TPM's owner seed. The name tells "another TPM" (or a cleared one) before loading."""

    parent_name: bytes
    public: bytes
    private: bytes

    def to_bytes(self) -> bytes:
        return MAGIC + b"".join(_LEN.pack(len(f)) + f for f in (self.parent_name, self.public, self.private))

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedBlob:
        """Parse a blob; DeviceError "tpm.bad_blob" when the file is truncated or not a sealed key at all."""
        if not data.startswith(MAGIC):
            raise _bad_blob()
        fields: list[bytes] = []
        offset = len(MAGIC)
        for _ in range(3):
            if offset + _LEN.size > len(data):
                raise _bad_blob()
            (size,) = _LEN.unpack_from(data, offset)
            offset += _LEN.size
            if size == 0 or size > _MAX_FIELD or offset + size > len(data):
                raise _bad_blob()
            fields.append(data[offset:offset + size])
            offset += size
        if offset != len(data):
            raise _bad_blob()
        return cls(*fields)


def _bad_blob() -> DeviceError:
    return DeviceError("tpm.bad_blob", strings.message("tpm.bad_blob"))
