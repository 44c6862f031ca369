"""What the printer driver reports: a queue's state, and a job's outcome. No document content ever."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PrinterStatus:
    queue: str
    state: str  # "idle", "printing" or "stopped"
    accepting: bool
    reasons: list[str] = field(default_factory=list)  # IPP printer-state-reasons, without -error/-warning/-report
    problem: str = ""  # French: what stops printing and what to do; "" when it can print
    warnings: list[str] = field(default_factory=list)  # French: prints, but someone should act (toner low)

    @property
    def ready(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class PrintJob:
    queue: str
    job_id: int
    completed: bool  # the printer took the whole job (False: still queued when we stopped waiting)
