"""The agent card through PKCS#11 and OpenSC (python-pkcs11 → opensc-pkcs11.so → pcscd → vpcd → the
emulated PIV card): card pushed in to an open, verified session, and the agent's signature at sealing.

- `agent_card.insert_to_session_pkcs11`: from the card entering the empty reader to a session in which the
  PIN is verified, the certificate read and a fresh challenge signed (the log-in's card work, without the
  window: `auth.card_insert_to_session` in the station family has the whole screen).
- `agent_card.sign_manifest_pkcs11`: the card signing a typical dossier's manifest.
- `agent_card.seal_typical_dossier_with_card`: sealing a typical dossier with the card's signature (compare
  `package.seal_typical_dossier`, where a key file signs).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pkcs11

from bench._packages import sealer_of
from bench._pcsc import PCSCD_FOLDER
from bench._timing import Figure
from bench._typical_dossier import typical_dossier
from devices.registry import open_devices
from devices.smartcard.pkcs11_module import DEFAULT_MODULE
from devstation.pcsc import wait_card
from devstation.simulated_devices import HwMocks
from hw_mocks.smartcard.pcscd import PrivatePcscd, free_vpcd_port
from installer.pki import make_test_pki
from station.agent_signature import CardAgent
from station.auth import AgentSession

RUNS = 15


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def figures(tmp: Path) -> Iterator[Figure]:
    from cryptography.hazmat.primitives import hashes

    pki = make_test_pki(tmp / "pki", "DR-21231-01", "21231", "Mairie de Dijon")
    pcscd = PrivatePcscd(PCSCD_FOLDER, free_vpcd_port())
    pcscd.start()
    mocks = HwMocks(pki_dir=pki.root, vpcd_port=pcscd.vpcd_port)
    devices = open_devices(mocks.settings())
    card = devices.smartcard
    try:
        sessions = []
        for _ in range(RUNS):
            started = time.perf_counter()
            mocks.insert_card("agent", wait=False)

            def log_in() -> None:
                wait_card(True)
                card.driver.connect()
                card.driver.verify_pin("1234")
                card.driver.read_certificate()
                card.driver.sign(os.urandom(32))

            card.worker.submit(log_in).result()
            sessions.append((time.perf_counter() - started) * 1000)
            if len(sessions) < RUNS:
                card.call("disconnect").result()
                mocks.remove_card()
                time.sleep(0.6)  # the emulator's slot stays empty 0.5 s, as when a hand swaps cards
        yield "agent_card.insert_to_session_pkcs11", _median(sessions), "ms"

        der = card.call("read_certificate").result()
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        session = AgentSession("AG-0001", "", "agent", "21231", cert.fingerprint(hashes.SHA256()).hex(),
                               datetime.now(UTC), cert.serial_number)
        manifest = b"m" * 2048  # a typical dossier's manifest is about 2 KB; the card signs its SHA-256
        signs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            card.call("sign", manifest).result()
            signs.append((time.perf_counter() - started) * 1000)
        yield "agent_card.sign_manifest_pkcs11", _median(signs), "ms"

        sealer, dossier = sealer_of(pki), typical_dossier()
        seals = []
        for _ in range(RUNS):
            agent = CardAgent(card, session)
            started = time.perf_counter()
            sealer.seal(dossier, agent)
            seals.append((time.perf_counter() - started) * 1000)
        yield "agent_card.seal_typical_dossier_with_card", _median(seals), "ms"
    finally:
        devices.close()
        mocks.stop()
        pcscd.stop()
        # OpenSC keeps its PC/SC context while loaded: a later family's pcscd is a new daemon.
        pkcs11.unload(DEFAULT_MODULE)
