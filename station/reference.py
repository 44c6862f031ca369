"""The reference lists in force on this station (docs/reference-data.md) and whether they still allow a new
enrollment.

Lists come from the CERT signed and versioned (sync/reference/); until one has been fetched the software's
own values are used (they ship with, and are vouched for by, the software release). A list fetched from the
CERT is held to its limit (issued_at + max_age), the agent revocation list to its nextUpdate: past it, no new
enrollment starts and no dossier is sealed (a draft is still saved and resumable: nothing the agent typed is
lost, and sealing waits for the refresh). Lists named in `[reference] required` must have been fetched.

What the domain receives is only ever verified: the Rules are rebuilt from a verified "rules" set, the
2D-Doc trust list and the COG are read from the verified envelopes (and copied where `station twoddoc-trust`
and `station communes` install theirs, for the terminal commands)."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from enrollment.rules import DEFAULT_RULES, Rules

from .errors import StationError
from .strings import message

if TYPE_CHECKING:
    from enrollment.civil.reference import Reference as CogReference
    from enrollment.documents.twoddoc import TrustList
    from sync.reference.cache import ReferenceCache
    from sync.reference.envelope import ReferenceSet
    from sync.reference.rules_set import PublishedRules

    from .config import Config
    from .revocation import RevocationList

log = logging.getLogger(__name__)

LISTS = ("rules", "communes", "twoddoc-trust")
CRL = "agent-crl"


@dataclass(frozen=True)
class ListStatus:
    name: str
    version: int | None  # None: the software's own values (or, for the CRL, none installed)
    issued_at: datetime | None
    expires_at: datetime | None  # past it, no new enrollment
    from_cert: bool
    problem: str | None  # the last refusal (a cached file or a fetched list that failed verification), French

    def stale(self, now: datetime) -> bool:
        return self.expires_at is not None and now > self.expires_at

    def age_days(self, now: datetime) -> int | None:
        return None if self.issued_at is None else max(0, (now - self.issued_at) // timedelta(days=1))


class StationReference:
    def __init__(self, config: Config, revocation: RevocationList | None) -> None:
        from sync.reference.cache import ReferenceCache

        self.config = config
        self.revocation = revocation
        self.cache: ReferenceCache = ReferenceCache(config.reference_dir, config.cert.trust_anchor.read_bytes(),
                                                    LISTS)
        self._published: PublishedRules | None = None
        self._communes: tuple[int, CogReference] | None = None  # the verified COG parsed, and its version
        self._communes_lock = threading.Lock()
        self.cache.listeners.append(self._installed)
        self._apply_rules(self.cache.current("rules"))

    # -- what the domain reads
    def rules(self) -> Rules:
        return self._published.rules if self._published is not None else DEFAULT_RULES

    def face_overrides(self) -> dict[str, float]:
        """The verified set's face thresholds over the configuration's."""
        return {**self.config.face, **(self._published.face if self._published is not None else {})}

    def twoddoc_trust(self) -> TrustList:
        """The 2D-Doc trust list to verify with: the verified list from the CERT, read from the verified
        envelope itself (not from the file installed for the terminal commands); without one, the list a
        technician installed or the one shipped (station/twoddoc_trust.py)."""
        from enrollment.documents.twoddoc import load_trust_list
        from enrollment.errors import EnrollmentError

        from .twoddoc_trust import station_trust_list

        held = self.cache.current("twoddoc-trust")
        if held is not None:
            try:
                return load_trust_list(held.payload)
            except EnrollmentError:  # signed but not readable by this version: reported when installed
                pass
        return station_trust_list(self.config.twoddoc_trust_path)

    def communes(self) -> CogReference:
        """The COG to propose places of birth from: the verified list from the CERT, parsed from the verified
        envelope (once per version: a few hundred milliseconds, so off the GUI thread); without one, the
        file a technician installed or the one shipped (enrollment/civil/reference.py)."""
        from enrollment.civil import reference
        from enrollment.errors import EnrollmentError

        held = self.cache.current("communes")
        if held is not None:
            with self._communes_lock:
                if self._communes is None or self._communes[0] != held.version:
                    try:
                        self._communes = (held.version, reference.parse(held.payload))
                    except EnrollmentError:  # signed but not readable by this version: reported when installed
                        self._communes = None
                if self._communes is not None:
                    return self._communes[1]
        path = self.config.communes_path
        return reference.shared(path if path.exists() else None)

    def _apply_rules(self, held: ReferenceSet | None) -> None:
        from sync.errors import SyncError
        from sync.reference.rules_set import published_rules

        if held is None:
            return
        try:
            self._published = published_rules(held)
        except SyncError as exc:  # signed but not understood by this version: the software's own values stay
            self.cache.problems["rules"] = exc
            log.warning("rules list not understood", extra={"event": "reference.rules_refused", "code": exc.code})

    def _installed(self, held: ReferenceSet) -> None:
        """A newly verified list: make it the one the domain reads (from the installing thread)."""
        from enrollment.errors import EnrollmentError
        from sync.reference.envelope import refusal

        name = held.name
        try:
            if name == "rules":
                self._apply_rules(held)
            elif name == "twoddoc-trust":
                from .twoddoc_trust import install

                install(held.payload, self.config.twoddoc_trust_path)
            elif name == "communes":
                self._install_communes(held.payload)
        except (EnrollmentError, OSError) as exc:
            self.cache.problems[name] = refusal(name, "content")
            log.warning("reference list not installed", extra={"event": f"reference.not_installed.{name}",
                                                               "code": type(exc).__name__})

    def _install_communes(self, payload: bytes) -> None:
        from enrollment.civil import reference

        reference.parse(payload)  # EnrollmentError when it is not a COG file this software reads
        target = self.config.communes_path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(payload)
        os.replace(partial, target)
        reference.forget()

    # -- what the technician and the gate read
    def statuses(self) -> list[ListStatus]:
        out = []
        for name in LISTS:
            held = self.cache.current(name)
            problem = self.cache.problems.get(name)
            text = problem.message if problem is not None else None
            if held is None:
                out.append(ListStatus(name, None, None, None, False, text))
            else:
                out.append(ListStatus(name, held.version, held.issued_at, held.expires_at, True, text))
        validity = self.revocation.validity() if self.revocation is not None else None
        if validity is not None:
            out.append(ListStatus(CRL, None, validity[0], validity[1], True, None))
        return out

    def status_lines(self, now: datetime) -> list[str]:
        """One line per list (version, issue date, age, limit; its last refusal), then whether new dossiers
        are allowed: `station reference status` and the window's diagnostics show them."""
        lines = []
        for s in self.statuses():
            if not s.from_cert:
                state = message("reference.from_software")
            else:
                key = "reference.crl_state" if s.name == CRL else "reference.from_cert"
                state = message(key, version=s.version, issued=s.issued_at, days=s.age_days(now),
                                expired=s.expires_at)
            if s.stale(now):
                state = f"{message('reference.is_stale')} {state}"
            lines.append(message("reference.status_line", label=message(f"reference.label.{s.name}"), state=state))
            if s.problem:
                lines.append(message("reference.problem", text=s.problem))
        blocked = self.blocking(now)
        lines.append(message("reference.cannot_enroll", text=blocked.message) if blocked
                     else message("reference.can_enroll"))
        return lines

    def blocking(self, now: datetime, sealing: bool = False) -> StationError | None:
        """Why no new enrollment may start (or, `sealing`, no dossier be sealed) now: the first list past its
        limit, or None."""
        refused = message("reference.refused.seal" if sealing else "reference.refused.new")
        for s in self.statuses():
            label = message(f"reference.label.{s.name}")
            if s.stale(now):
                assert s.issued_at is not None and s.expires_at is not None
                return StationError("reference.stale", message(
                    "reference.stale", refused=refused, label=label, days=s.age_days(now), issued=s.issued_at,
                    expired=s.expires_at))
            if not s.from_cert and s.name in self.config.reference.required:
                return StationError("reference.missing", message("reference.missing", refused=refused, label=label))
        return None

    def check_can_enroll(self, now: datetime, sealing: bool = False) -> None:
        self.cache.reload(now)  # a list `station reference refresh` installed meanwhile counts at once
        if (refused := self.blocking(now, sealing)) is not None:
            log.warning("enrollment refused: reference list out of date", extra={"event": "reference.blocked",
                                                                                  "code": refused.code})
            raise refused

