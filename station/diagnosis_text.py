"""A diagnosis as the technician reads it, one line per check: `station diagnose` prints it in the
terminal and the diagnostics page shows the same lines (kept out of the page so the command loads no Qt)."""

from __future__ import annotations

from devices.diagnosis import Diagnosis


def format_diagnosis(d: Diagnosis) -> str:
    status = d.status()
    lines = [f"{'OK ' if d.ok else 'KO '} {d.device} ({d.implementation}) [{status.state_text}]"]
    lines += [f"    {'✘' if not c.ok else '⚠' if c.warning else '✔'} {c.name} : {c.detail}" for c in d.checks]
    return "\n".join(lines)
