"""Sealed packages (format `recueil-package/1`, docs/package-format.md) and putting them in the outbox."""

from __future__ import annotations

import logging
from datetime import date

from enrollment import workflow
from enrollment.errors import EnrollmentError
from enrollment.store import Store
from enrollment.store.outbox import Queued

from ..ansi_nist import AnsiNistError
from ..errors import SyncError
from .agent_signer import AgentSigner
from .application import PackageDossier
from .format import FORMAT
from .sealer import SealedPackage, Sealer, package_files

log = logging.getLogger(__name__)

__all__ = ["FORMAT", "AgentSigner", "PackageDossier", "SealedPackage", "Sealer", "package_files", "seal_and_queue"]


def seal_and_queue(store: Store, dossier_id: str, sealer: Sealer, agent: AgentSigner, today: date | None = None
                   ) -> list[SealedPackage]:
    """Seal a complete dossier, signed by the station and by the agent's card (`agent`), and put it in the
    outbox (complete → sealed → queued, one transaction): one package per title, so a couplée application
    becomes two linked dossiers (`workflow.split`), queued together or not at all. A card that cannot sign
    (pulled out, PIN needed again) raises its own error before anything is stored.

    The workflow judges the dossier once more first (`workflow.seal`, the rules on `today`): one that no
    longer passes them, changed since the agent validated it, is refused and goes back to draft with
    everything it holds, for the agent to finish. The same transaction replaces the stored dossier by
    its copy without captures: from then on the biometrics and documents exist on the station only
    inside the package, encrypted for the CERT. The caller then wakes the outbox worker so the dossier
    leaves without waiting for its next round."""
    dossier = store.dossiers.load(dossier_id)
    try:
        workflow.seal(dossier, today or date.today(), store.dossiers.rules())
    except workflow.IncompleteDossier as exc:
        workflow.edit(dossier)
        store.dossiers.save_draft(dossier)
        log.warning("dossier refused at sealing", extra={"event": "sync.seal_refused", "dossier_id": dossier_id,
                                                         "code": exc.code, "count": len(exc.problems)})
        raise SyncError.of("seal.not_complete", retryable=False) from exc
    except EnrollmentError as exc:  # not complete: still a draft, or sealed already
        raise SyncError.of("seal.not_complete", retryable=False) from exc
    sealed: list[SealedPackage] = []
    queued: list[Queued] = []
    for one in workflow.split(dossier):
        try:
            package = sealer.seal(one, agent)
        except (AnsiNistError, ValueError) as exc:
            raise SyncError.of("seal.invalid_content", retryable=False) from exc
        sealed.append(package)
        queued.append(Queued(one.id, package.data, package.sha256, package.idempotency_key, one.without_captures()))
    store.outbox.enqueue_all(queued)
    for item in queued:
        log.info("dossier sealed", extra={"event": "sync.sealed", "dossier_id": item.dossier_id,
                                          "count": len(item.package)})
    return sealed
