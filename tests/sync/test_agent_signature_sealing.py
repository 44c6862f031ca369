"""The agent's card signs what the agent seals; a card that cannot, or is not the session's, seals nothing."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from devices.errors import DeviceError
from devstation.agent_keys import KeyFileAgent
from devstation.factories import complete_dossier
from enrollment.model import State
from station.agent_signature import CardAgent
from station.auth import AgentSession
from station.errors import AuthError
from sync.package import seal_and_queue


class FakeCardHandle:
    """The smart card's device handle, answering from a key file, or failing as a card would."""

    def __init__(self, agent: KeyFileAgent, fail: DeviceError | None = None) -> None:
        self.agent, self.fail, self.signed = agent, fail, 0

    def call(self, operation: str, *args):
        future: Future = Future()
        if operation == "sign" and self.fail is not None:
            future.set_exception(self.fail)
        elif operation == "sign":
            self.signed += 1
            future.set_result(self.agent.sign(args[0]))
        else:
            future.set_result(self.agent.certificate.public_bytes(serialization.Encoding.DER))
        return future


def _session(cert: x509.Certificate) -> AgentSession:
    return AgentSession("AG-0001", "Camille MARTIN", "agent", "21231", cert.fingerprint(hashes.SHA256()).hex(),
                        datetime.now(UTC), cert.serial_number)


@pytest.fixture
def queued_ready(store):
    d = complete_dossier()
    d.state = State.COMPLETE
    store.dossiers.save_draft(d)
    return d.id


def test_the_session_card_signs_every_package_of_the_application(store, sealer, pki, queued_ready):
    agent = KeyFileAgent.load(pki.agent_pem("agent"), pki.agent_key("agent"))
    card = FakeCardHandle(agent)
    sealed = seal_and_queue(store, queued_ready, sealer, CardAgent(card, _session(agent.certificate)))
    assert card.signed == len(sealed) >= 1
    assert store.dossiers.state_of(queued_ready) is State.QUEUED


def test_another_card_than_the_sessions_seals_nothing(store, sealer, pki, queued_ready):
    session_card = KeyFileAgent.load(pki.agent_pem("agent"), pki.agent_key("agent"))
    other = FakeCardHandle(KeyFileAgent.load(pki.agent_pem("agent2"), pki.agent_key("agent2")))
    with pytest.raises(AuthError) as refused:
        seal_and_queue(store, queued_ready, sealer, CardAgent(other, _session(session_card.certificate)))
    assert refused.value.code == "auth.card_changed" and "Réinsérez votre carte" in refused.value.message
    assert other.signed == 0
    assert store.dossiers.state_of(queued_ready) is State.COMPLETE  # nothing sealed, nothing lost


def test_a_card_that_cannot_sign_says_why_and_seals_nothing(store, sealer, pki, queued_ready):
    agent = KeyFileAgent.load(pki.agent_pem("agent"), pki.agent_key("agent"))
    pulled = DeviceError("card.removed", "La carte agent a été retirée pendant l'opération.")
    with pytest.raises(AuthError) as refused:
        seal_and_queue(store, queued_ready, sealer, CardAgent(FakeCardHandle(agent, pulled),
                _session(agent.certificate)))
    assert refused.value.code == "card.removed" and "retirée" in refused.value.message
    assert store.dossiers.state_of(queued_ready) is State.COMPLETE
    assert store.outbox.waiting() == []
