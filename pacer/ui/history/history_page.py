"""The practice-log page: the history view, with export and import one click away.

The charts (pyqtgraph) are built the first time the page is shown, so opening Pacer to
practise never waits for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pacer.core.practice_log.store import PracticeLog

if TYPE_CHECKING:
    from pacer.ui.history.view import HistoryView


class HistoryPage(QWidget):
    export_requested = Signal()
    import_requested = Signal()

    def __init__(
        self, log: PracticeLog | None, problem: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.view: HistoryView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 12)
        if log is None:
            message = QLabel(
                "Your practice log isn't available right now"
                + (f": {problem}" if problem else ".")
                + "\nNothing in it has been changed or removed.",
                self,
            )
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.addWidget(message, 1)
            return
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Save your log as CSV, JSON or a PDF for your clinician")
        self.import_button = QPushButton("Import…", self)
        self.import_button.setToolTip("Bring in sessions from a Pacer JSON export")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        self._layout.addWidget(self._scroll, 1)
        self._layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export_requested)
        self.import_button.clicked.connect(self.import_requested)

    def ensure_built(self) -> None:
        if self.view is not None or self.log is None:
            return
        from pacer.ui.history.view import HistoryView

        self.view = HistoryView(self.log)
        for chart, height in ((self.view.minutes_chart, 200), (self.view.feelings_box, 170)):
            chart.setMinimumHeight(height)
            chart.setMaximumHeight(round(height * 1.6))
        self.view.table.setMinimumHeight(180)
        self._scroll.setWidget(self.view)

    def restyle(self) -> None:
        """Day/night changed: the charts take their colours when built, so build them anew."""
        if self.view is not None:
            self.view = None
            self.ensure_built()  # the scroll area deletes the previous view

    def refresh(self) -> None:
        """Show the latest log; before the page was first shown there is nothing to do."""
        if self.view is not None:
            self.view.refresh()
