"""A wizard step: shows part of the dossier and writes the agent's input back into it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from enrollment.model import Dossier

from ...context import StationContext
from ...strings import label
from ..widgets import hint, title


class Step(QWidget):
    key = ""  # matches enrollment.validation.Problem.step

    def __init__(self, ctx: StationContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier: Dossier | None = None
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(title(label(f"step.{self.key}")))
        self.status = hint("")
        self.problems = QLabel("")
        self.problems.setObjectName("problem")
        self.problems.setWordWrap(True)

    def finish_layout(self) -> None:
        self.outer.addWidget(self.status)
        self.outer.addWidget(self.problems)
        self.outer.addStretch(1)

    def form(self) -> QFormLayout:
        f = QFormLayout()
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.outer.addLayout(f)
        return f

    def load(self, dossier: Dossier) -> None:
        """Show `dossier`; the step keeps a reference and writes into it on `save`."""
        self.dossier = dossier

    def save(self, dossier: Dossier) -> None:
        """Write the widgets' values into `dossier` (capture steps write as they capture)."""

    def entered(self) -> None:
        """Called when the step becomes visible."""

    def left(self) -> None:
        """Called when the agent moves away (stop previews)."""

    def show_problems(self, messages: list[str]) -> None:
        self.problems.setText("\n".join(f"• {m}" for m in messages))
