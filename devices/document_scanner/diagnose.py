"""Document scanner self-check: present and answering (a scan would need a page on the glass)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import strings
from devices.diagnosis import Diagnosis, run_steps

if TYPE_CHECKING:
    from devices.document_scanner.driver import DocumentScanner


def diagnose_scanner(scanner: DocumentScanner) -> Diagnosis:
    def ready() -> str:
        scanner.ping()
        return strings.check("document_scanner.ready")

    return run_steps(scanner.kind, scanner.implementation, [("ready", ready)])
