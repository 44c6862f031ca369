"""The TPM 2.0 through the TSS2 libraries (tpm2-pytss over a TCTI: the kernel's resource manager
/dev/tpmrm0 on a station, swtpm in tests).

Every operation opens the TCTI, recreates the primary key and flushes all it loaded before returning, so
nothing lingers in the TPM's few object slots (swtpm has no resource manager) and a TPM restarted between
two calls is simply reached again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from devices import strings
from devices.errors import DeviceError
from devices.tpm.driver import Tpm
from devices.tpm.model import SealedBlob, TpmInfo
from devices.worker import assert_not_gui_thread

if TYPE_CHECKING:
    from tpm2_pytss import ESAPI

DEFAULT_TCTI = "device:/dev/tpmrm0"
# TPM 2.0 Part 2, TPM_PT (PT_FIXED + 5 and + 6..9): tpm2-pytss names the first but not the vendor strings.
_PT_MANUFACTURER = 0x105
_PT_VENDOR_STRING_1 = 0x106

# The TSS's C logger writes to stderr, past our JSON logs and into the technician's console; every failure
# is reported by this driver in French instead. A TSS2_LOG set by a developer still wins.
os.environ.setdefault("TSS2_LOG", "all+NONE")


class TssTpm(Tpm):
    implementation = "tpm2-tss"

    def __init__(self, tcti: str = DEFAULT_TCTI) -> None:
        self.tcti = tcti

    def info(self) -> TpmInfo:
        assert_not_gui_thread()
        from tpm2_pytss import TPM2_CAP

        with self._esapi() as esapi, _converted():
            _, data = esapi.get_capability(TPM2_CAP.TPM_PROPERTIES, _PT_MANUFACTURER, 5)
            props = {int(p.property): int(p.value) for p in data.data.tpmProperties}
        vendor = "".join(_ascii(props.get(_PT_VENDOR_STRING_1 + i, 0)) for i in range(4))
        return TpmInfo(_ascii(props.get(_PT_MANUFACTURER, 0)), vendor.strip())

    def seal(self, secret: bytes) -> SealedBlob:
        """A sealed data object holding `secret`, under this TPM's primary key (owner hierarchy)."""
        assert_not_gui_thread()
        from tpm2_pytss import TPM2B_SENSITIVE_CREATE, TPM2B_SENSITIVE_DATA, TPMS_SENSITIVE_CREATE

        with self._primary() as (esapi, primary, session), _converted():
            sensitive = TPM2B_SENSITIVE_CREATE(TPMS_SENSITIVE_CREATE(data=TPM2B_SENSITIVE_DATA(secret)))
            private, public, *_ = esapi.create(primary, sensitive, _sealed_template(), session1=session)
            return SealedBlob(bytes(esapi.tr_get_name(primary)), public.marshal(), private.marshal())

    def unseal(self, blob: SealedBlob) -> bytes:
        """The secret in `blob`; DeviceError "tpm.foreign_blob" when another TPM (or a cleared one) sealed it."""
        assert_not_gui_thread()
        from tpm2_pytss import TPM2B_PRIVATE, TPM2B_PUBLIC, TSS2_Exception

        with self._primary() as (esapi, primary, session):
            with _converted():
                name = bytes(esapi.tr_get_name(primary))
            if name != blob.parent_name:
                raise _foreign()
            try:
                public, _ = TPM2B_PUBLIC.unmarshal(blob.public)
                private, _ = TPM2B_PRIVATE.unmarshal(blob.private)
                sealed = esapi.load(primary, private, public, session1=session)
            except TSS2_Exception as exc:
                # Same primary name, yet the TPM refuses the private part: its integrity check failed.
                raise _foreign() from exc
            try:
                with _converted():
                    return bytes(esapi.unseal(sealed, session1=session))
            finally:
                _flush(esapi, sealed)

    @contextmanager
    def _esapi(self) -> Iterator[ESAPI]:
        try:
            from tpm2_pytss import ESAPI, TSS2_Exception
        except ImportError as exc:  # the TSS2 libraries are missing: no TPM can be reached
            raise _unreachable(self.tcti) from exc
        try:
            esapi = ESAPI(self.tcti)
        except TSS2_Exception as exc:
            raise _unreachable(self.tcti) from exc
        try:
            yield esapi
        finally:
            esapi.close()

    @contextmanager
    def _primary(self) -> Iterator[tuple[ESAPI, Any, Any]]:
        """The primary key, recreated from the owner seed (same template, same key, nothing persisted in the
        TPM), and a session salted with it that encrypts the secret on the bus in both directions."""
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPM2_SE, TPMA_SESSION

        with self._esapi() as esapi:
            with _converted():
                primary, *_ = esapi.create_primary(None, _primary_template())
            try:
                with _converted():
                    session = esapi.start_auth_session(
                        tpm_key=primary, bind=ESYS_TR.NONE, session_type=TPM2_SE.HMAC,
                        symmetric=_aes128cfb(), auth_hash=TPM2_ALG.SHA256,
                    )
                    esapi.trsess_set_attributes(
                        session, TPMA_SESSION.CONTINUESESSION | TPMA_SESSION.DECRYPT | TPMA_SESSION.ENCRYPT
                    )
                try:
                    yield esapi, primary, session
                finally:
                    _flush(esapi, session)
            finally:
                _flush(esapi, primary)


def _primary_template() -> Any:
    # The TCG's ECC P-256 storage root key template: created deterministically from the owner seed.
    from tpm2_pytss import TPM2B_PUBLIC, TPMA_OBJECT

    attrs = (TPMA_OBJECT.USERWITHAUTH | TPMA_OBJECT.RESTRICTED | TPMA_OBJECT.DECRYPT | TPMA_OBJECT.FIXEDTPM
             | TPMA_OBJECT.FIXEDPARENT | TPMA_OBJECT.SENSITIVEDATAORIGIN | TPMA_OBJECT.NODA)
    return TPM2B_PUBLIC.parse("ecc256:aes128cfb", objectAttributes=attrs)


def _sealed_template() -> Any:
    # A keyed-hash object with our data and no policy: bound to this TPM, not to PCR values, so a firmware
    # or kernel update does not lock the store (the threat is a stolen disk, not a tampered boot).
    from tpm2_pytss import TPM2B_PUBLIC, TPMA_OBJECT

    attrs = TPMA_OBJECT.USERWITHAUTH | TPMA_OBJECT.FIXEDTPM | TPMA_OBJECT.FIXEDPARENT | TPMA_OBJECT.NODA
    return TPM2B_PUBLIC.parse("keyedhash", objectAttributes=attrs)


def _aes128cfb() -> Any:
    from tpm2_pytss import TPM2_ALG, TPMT_SYM_DEF, TPMU_SYM_KEY_BITS, TPMU_SYM_MODE

    return TPMT_SYM_DEF(algorithm=TPM2_ALG.AES, keyBits=TPMU_SYM_KEY_BITS(aes=128),
                        mode=TPMU_SYM_MODE(aes=TPM2_ALG.CFB))


def _flush(esapi: ESAPI, handle: Any) -> None:
    from tpm2_pytss import TSS2_Exception

    try:
        esapi.flush_context(handle)
    except TSS2_Exception:
        pass  # the TPM went away: its transient objects went with it


@contextmanager
def _converted() -> Iterator[None]:
    """TSS errors become one French DeviceError carrying the response code (for the support ticket)."""
    from tpm2_pytss import TSS2_Exception

    try:
        yield
    except TSS2_Exception as exc:
        code = f"0x{int(exc.rc):08x}"
        raise DeviceError("tpm.failed", strings.message("tpm.failed", code=code), {"rc": code}) from exc


def _ascii(value: int) -> str:
    return value.to_bytes(4, "big").decode("ascii", "replace").strip("\x00 ")


def _unreachable(tcti: str) -> DeviceError:
    return DeviceError("tpm.unreachable", strings.message("tpm.unreachable", tcti=tcti), {"tcti": tcti})


def _foreign() -> DeviceError:
    return DeviceError("tpm.foreign_blob", strings.message("tpm.foreign_blob"))
