"""What a title's hand-over requires, step by step, without Qt: the holder's face compared with the CERT's
photo; from 12 years the enrolled fingers verified 1:1 (enrollment/fingerprint/verification.py), at most
three presentations; a minor's parent identified; the old title's number when one is handed back; the
holder's signature from 12 years. The record it makes is what the CERT accepts (docs/cert-api.md).

After three failed presentations (counted in the store, so a new search gives no fresh tries) an agent
postpones the hand-over; a supervisor, logged in with their own card and PIN (on the agent's locked station
their card opens the held hand-over: station/ui/main_window.py), may decide to hand the title over with a
recorded reason. The old title's number is typed,
or its MRZ read (enrollment/mrz.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from enrollment.fingerprint.model import FingerPosition
from enrollment.fingerprint.order import finger_name
from enrollment.fingerprint.thresholds import THRESHOLDS
from enrollment.mrz import looks_like_mrz, read_mrz
from sync.envelope_barcode import parse_envelope
from sync.envelope_barcode import title_number as number_in
from sync.errors import SyncError
from sync.lookups import TITLE, normalise

from .strings import label, message

if TYPE_CHECKING:
    import numpy as np

    from enrollment.fingerprint.verification import Verification
    from sync.delivery import HandoverRecord
    from sync.delivery_replies import HolderCheck

def title_number(text: str) -> str:
    """The title number from a scanned envelope barcode or a typed number; SyncError in French otherwise
    (`envelope.misread` for an envelope's barcode whose check digit is wrong)."""
    try:
        return number_in(parse_envelope(text))
    except SyncError as exc:
        if exc.code != "envelope.malformed":
            raise
    return normalise(text, TITLE, "title.malformed")


@dataclass
class HandoverFlow:
    holder: HolderCheck
    templates: dict[str, bytes]  # by the CERT's finger position ("02", "07")
    face_checked: bool = False
    signature_png: bytes | None = None
    old_title: str | None = None
    parent: tuple[str, str, str, str] | None = None  # surname, given names, link, document seen
    presentations: int = 0
    verification: Verification | None = None
    scores: dict[str, int] = field(default_factory=dict)
    max_presentations: int = THRESHOLDS.verify_max_presentations
    # After the last failed presentation a supervisor (their own session: card and PIN) may decide, with a
    # reason the record keeps; an agent can only postpone.
    supervisor_id: str = ""
    override_reason: str = ""

    @property
    def positions(self) -> list[str]:
        """The fingers to present, as the scanner names them ("2", "7"), in the CERT's order."""
        exceptions = {f.position for f in self.holder.fingers if f.exception}
        return [str(int(p)) for p in self.holder.enrolled_positions if p in self.templates and p not in exceptions]

    @property
    def fingerprint_check(self) -> bool:
        return self.holder.fingerprint_check and bool(self.positions)

    @property
    def matched(self) -> bool:
        return self.verification is not None and self.verification.matched

    @property
    def may_present(self) -> bool:
        return self.fingerprint_check and not self.matched and self.presentations < self.max_presentations

    @property
    def failed_out(self) -> bool:
        return self.fingerprint_check and not self.matched and self.presentations >= self.max_presentations

    def override(self, supervisor_id: str, reason: str) -> None:
        """A supervisor's decision to hand over after the failed presentations (empty reason: none)."""
        if self.failed_out:
            self.supervisor_id, self.override_reason = supervisor_id, reason.strip()

    @property
    def overridden(self) -> bool:
        return self.failed_out and bool(self.supervisor_id and self.override_reason)

    @property
    def signs(self) -> bool:
        return not self.holder.under_12

    def finger_name(self, position: str) -> str:
        return finger_name(FingerPosition(position))

    def compare(self, images: Sequence[np.ndarray]) -> Verification:
        """One presentation (an image per finger, in `positions` order) against the enrolled templates;
        blocking (extraction and Bozorth3): off the GUI thread."""
        from enrollment.fingerprint.verification import verify_images

        by_scanner = {str(int(p)): t for p, t in self.templates.items()}
        enrolled = [[by_scanner[p]] for p in self.positions]
        result = verify_images(enrolled, [list(images)])
        self.presentations += 1
        best = self.verification.fused_score if self.verification else -1
        if result.matched or result.fused_score > best:
            self.verification = result
            self.scores = {p.zfill(2): s for p, s in zip(self.positions, result.scores[0], strict=True)}
        return result

    def set_parent(self, surname: str, given: str, link: str, document: str) -> None:
        values = tuple(v.strip() for v in (surname, given, link, document))
        self.parent = values if all(values) else None  # type: ignore[assignment]

    def set_old_title(self, text: str) -> None:
        """The old title handed back: its number typed, or its MRZ as a reader types it (every check digit
        verified: EnrollmentError in French otherwise); SyncError in French for a malformed number."""
        if looks_like_mrz(text):
            text = read_mrz(text).document_number
        self.old_title = title_number(text) if text.strip() else None

    @property
    def ready(self) -> bool:
        return (self.face_checked and (not self.fingerprint_check or self.matched or self.overridden)
                and (not self.signs or self.signature_png is not None)
                and (not self.holder.minor or self.parent is not None))

    @property
    def decision(self) -> str:
        if self.overridden:
            return "supervisor_override"
        if self.fingerprint_check:
            return "fingerprint_match"
        return "face_only_minor_under_12" if self.holder.under_12 else "face_only_exception"

    def record(self, key: str, agent_id: str, at: datetime) -> HandoverRecord:
        from sync.delivery import HandoverRecord, ParentalAuthority

        if not self.ready:
            raise SyncError.of("delivery.bad_request", retryable=False)
        parent = ParentalAuthority(*self.parent) if self.parent else None
        reason = (self.override_reason if self.overridden else "" if self.fingerprint_check
                  else message(f"handover.reason.{self.decision}"))
        return HandoverRecord(idempotency_key=key, agent_id=agent_id, handed_over_at=at, decision=self.decision,
                              scores=self.scores if self.fingerprint_check else {}, reason=reason,
                              supervisor_id=self.supervisor_id if self.overridden else "",
                              parental_authority=parent, old_title_number=self.old_title,
                              old_title_cancelled=self.old_title is not None, signature_png=self.signature_png)

    def describe(self) -> str:
        names = self.holder.holder
        fingers = ", ".join(self.finger_name(p) for p in self.positions)
        check = (message("handover.check_fingers", fingers=fingers) if self.fingerprint_check
                 else message("handover.check_under_12") if self.holder.under_12
                 else message("handover.check_face_only"))
        return message("handover.holder", kind=label(f"titles.kind.{self.holder.kind}", number=self.holder.number),
                       surname=names.surname, given=names.given_names, birth=_french_date(self.holder.birth_date),
                       check=check)

    def next_step(self, supervisor: bool = False) -> str:
        """What the agent (or a supervisor) does next, or why the title cannot be handed over now."""
        if self.fingerprint_check and not self.matched:
            if self.overridden:
                return message("handover.overridden")
            if self.presentations >= self.max_presentations:
                return message("handover.supervisor_decides" if supervisor else "handover.no_match_final",
                               limit=self.max_presentations)
            if self.presentations:
                return message("handover.no_match", n=self.presentations, limit=self.max_presentations)
            return message("handover.present_fingers")
        if self.matched and self.verification is not None and not self.signature_png:
            return message("handover.matched", score=self.verification.fused_score,
                           threshold=self.verification.threshold)
        if self.signs and self.signature_png is None:
            return message("handover.ask_signature")
        return message("handover.ready")


def _french_date(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%d/%m/%Y}"
    except ValueError:  # a partial date of a birth abroad: shown as the CERT gives it
        return iso
