"""The CERT refuses a package whose biometric transaction tells the capture otherwise than dossier.json.

The forged packages are sealed and signed by the test station itself, as a faulty station would make them:
its Type-2 writer is swapped for one that drops or changes a tag, so the signature and digests hold and only
the agreement check can refuse them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

import sync.package.sealer as sealer_module
from cert.intake import IntakeError, PackageOpener
from devstation.factories import complete_dossier
from enrollment.model import Dossier, Reason, TitleRequest, TitleType
from enrollment.workflow import split
from installer.pki import PkiPaths
from sync.ansi_nist import Transaction
from sync.package import AgentSigner, Sealer
from tests.fixtures.pki import STATION_ID

WRITE = sealer_module.transaction_from_dossier  # the station's own writer, before any test swaps it


@pytest.fixture(scope="module")
def opener(pki: PkiPaths) -> PackageOpener:
    return PackageOpener(pki.key("cert-encryption"), pki.pem("cert-encryption"), pki.pem("station-ca"), 64 << 20,
                         pki.pem("agent-ca"), pki.pem("agent-crl"))


def _couplee() -> tuple[Dossier, Dossier]:
    """A CNIe and a passport from one interview, the CNIe's prints refused to TES."""
    dossier = complete_dossier()
    dossier.tes_prints_refused = True
    dossier.requests = [TitleRequest(title=TitleType.CNI, reason=Reason.FIRST),
                        TitleRequest(title=TitleType.PASSPORT, reason=Reason.FIRST, fee_stamp="1234567890123456")]
    card, passport = split(dossier)
    return card, passport


def _seal(sealer: Sealer, agent_signer: AgentSigner, dossier: Dossier, monkeypatch: pytest.MonkeyPatch,
          forge: Callable[[Transaction], None] | None = None) -> bytes:
    def forged(*args, **kwargs) -> Transaction:
        transaction = WRITE(*args, **kwargs)
        if forge is not None:
            forge(transaction)
        return transaction

    monkeypatch.setattr(sealer_module, "transaction_from_dossier", forged)
    return sealer.seal(dossier, agent_signer).data


def _open(opener: PackageOpener, data: bytes, dossier: Dossier) -> None:
    opener.open(data, peer_cn=STATION_ID, idempotency_key=dossier.id)


def _refusal(opener: PackageOpener, data: bytes, dossier: Dossier) -> IntakeError:
    with pytest.raises(IntakeError) as info:
        _open(opener, data, dossier)
    assert info.value.status == 400
    return info.value


def _type2(transaction: Transaction):
    return transaction.of_type(2)[0]


def test_both_dossiers_of_a_couplee_application_open(opener, sealer, agent_signer, monkeypatch) -> None:
    for one in _couplee():
        _open(opener, _seal(sealer, agent_signer, one, monkeypatch), one)


def test_a_transaction_naming_no_linked_dossier_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    card, passport = _couplee()
    data = _seal(sealer, agent_signer, passport, monkeypatch, lambda t: _type2(t).fields.pop(10))
    err = _refusal(opener, data, passport)
    assert err.code == "type2_linked_mismatch" and "2.010" in err.detail


def test_a_transaction_naming_another_dossier_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    card, _ = _couplee()
    data = _seal(sealer, agent_signer, card, monkeypatch, lambda t: _type2(t).set(10,
            "0b7e9c52-1f0e-4d1a-9a53-6f7b1a2c3d4e"))
    assert _refusal(opener, data, card).code == "type2_linked_mismatch"


def test_a_tes_refusal_missing_from_type2_or_added_to_it_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    card, passport = _couplee()
    data = _seal(sealer, agent_signer, card, monkeypatch, lambda t: _type2(t).fields.pop(11))
    assert _refusal(opener, data, card).code == "type2_tes_mismatch"
    data = _seal(sealer, agent_signer, passport, monkeypatch, lambda t: _type2(t).set(11, "1"))
    err = _refusal(opener, data, passport)
    assert err.code == "type2_tes_mismatch" and "tes_prints_refused" in err.detail


def test_a_guardian_signature_missing_from_type2_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    minor = complete_dossier(birth=date(date.today().year - 15, 1, 1))  # prints taken, signs, with a parent
    _open(opener, _seal(sealer, agent_signer, minor, monkeypatch), minor)
    data = _seal(sealer, agent_signer, minor, monkeypatch, lambda t: _type2(t).set(12, "demandeur"))
    err = _refusal(opener, data, minor)
    assert err.code == "type2_signer_mismatch" and "guardian" in err.detail


def test_an_applicant_said_to_be_exempt_while_signed_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    adult = complete_dossier()
    data = _seal(sealer, agent_signer, adult, monkeypatch, lambda t: _type2(t).set(12, "dispense"))
    assert _refusal(opener, data, adult).code == "type2_signer_mismatch"


def test_an_unreadable_transaction_is_refused(opener, sealer, agent_signer, monkeypatch) -> None:
    adult = complete_dossier()
    monkeypatch.setattr(sealer_module, "encode", lambda transaction: b"2.001:99\x1d2.002:00\x1c")
    err = _refusal(opener, sealer.seal(adult, agent_signer).data, adult)
    assert err.code == "biometrics_malformed" and "biometrics.an2" in err.detail


def test_a_transaction_sealed_before_the_tags_existed_still_opens(opener, sealer, agent_signer, monkeypatch) -> None:
    """Domain 1.0 had no 2.010 to 2.014; such a package may still wait in an outbox when the CERT moves on."""
    card, _ = _couplee()

    def without_tags(transaction: Transaction) -> None:
        for number in (10, 11, 12, 13, 14):
            _type2(transaction).fields.pop(number, None)

    def as_before(transaction: Transaction) -> None:
        transaction.type1.set(13, ("FR-TES-RECUEIL", "1.0"))
        without_tags(transaction)

    _open(opener, _seal(sealer, agent_signer, card, monkeypatch, as_before), card)
    # The same transaction claiming the current domain is compared, and refused.
    assert _refusal(opener, _seal(sealer, agent_signer, card, monkeypatch, without_tags),
            card).code == "type2_linked_mismatch"
