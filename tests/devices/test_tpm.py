"""The TPM driver against a private swtpm: sealing, unsealing, a foreign TPM, a damaged blob, diagnosis."""

from __future__ import annotations

import pytest

from devices.diagnose import diagnose
from devices.errors import DeviceError
from devices.tpm import SealedBlob, TssTpm
from devices.tpm.model import MAGIC
from devstation.swtpm import free_port_pair
from tests.devices.threads import off_main

SECRET = bytes(range(32))


def test_sealed_secret_comes_back_and_the_blob_does_not_hold_it(swtpm):
    tpm = TssTpm(swtpm.tcti)
    blob = off_main(tpm.seal, SECRET)
    data = blob.to_bytes()
    assert SECRET not in data
    assert off_main(tpm.unseal, SealedBlob.from_bytes(data)) == SECRET


def test_every_call_leaves_the_tpm_slots_empty(swtpm):
    # swtpm has no resource manager and three transient slots: a handle left loaded by one call would make
    # the fourth fail with "out of memory for object contexts".
    tpm = TssTpm(swtpm.tcti)
    blob = off_main(tpm.seal, SECRET)
    for _ in range(6):
        assert off_main(tpm.unseal, blob) == SECRET


def test_another_tpm_refuses_the_blob(make_swtpm):
    first, other = make_swtpm("first"), make_swtpm("other")
    blob = off_main(TssTpm(first.tcti).seal, SECRET)
    with pytest.raises(DeviceError) as err:
        off_main(TssTpm(other.tcti).unseal, blob)
    assert err.value.code == "tpm.foreign_blob"


def test_a_blob_under_the_right_parent_name_but_not_from_this_tpm_is_refused(make_swtpm):
    # The name check passes (the name was copied), the TPM's integrity check on the private part does not.
    first, other = make_swtpm("first"), make_swtpm("other")
    theirs = off_main(TssTpm(other.tcti).seal, SECRET)
    ours = off_main(TssTpm(first.tcti).seal, SECRET)
    forged = SealedBlob(ours.parent_name, theirs.public, theirs.private)
    with pytest.raises(DeviceError) as err:
        off_main(TssTpm(first.tcti).unseal, forged)
    assert err.value.code == "tpm.foreign_blob"


@pytest.mark.parametrize("data", [b"", b"not a blob", MAGIC, MAGIC + b"\x00\x00\x00\x05abc",
                                  SealedBlob(b"n", b"p", b"s").to_bytes() + b"trailing"])
def test_damaged_blobs_are_named(data):
    with pytest.raises(DeviceError) as err:
        SealedBlob.from_bytes(data)
    assert err.value.code == "tpm.bad_blob"
    assert "endommagé" in err.value.message


def test_unreachable_tpm_is_named_with_its_tcti():
    tcti = f"swtpm:host=127.0.0.1,port={free_port_pair()}"
    with pytest.raises(DeviceError) as err:
        off_main(TssTpm(tcti).seal, SECRET)
    assert err.value.code == "tpm.unreachable"
    assert tcti in err.value.message and "[store] tpm_tcti" in err.value.message


def test_driver_refuses_the_gui_thread(swtpm):
    with pytest.raises(RuntimeError):
        TssTpm(swtpm.tcti).info()


def test_diagnose_names_the_tpm_and_keeps_nothing(swtpm):
    diagnosis = off_main(diagnose, TssTpm(swtpm.tcti))
    assert diagnosis.ok, diagnosis.to_dict()
    assert [c.name for c in diagnosis.checks] == ["tpm", "seal"]
    assert "fabricant IBM" in diagnosis.checks[0].detail  # swtpm's vendor id


def test_diagnose_of_a_missing_tpm_does_not_raise():
    diagnosis = off_main(diagnose, TssTpm(f"swtpm:host=127.0.0.1,port={free_port_pair()}"))
    assert not diagnosis.ok
    assert "injoignable" in diagnosis.checks[0].detail
    assert not diagnosis.checks[1].ok  # skipped
