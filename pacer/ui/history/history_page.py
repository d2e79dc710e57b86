"""The practice-log page: the history view, with export and import one click away."""

from __future__ import annotations

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
from pacer.ui.history.view import HistoryView


class HistoryPage(QWidget):
    export_requested = Signal()
    import_requested = Signal()

    def __init__(
        self, log: PracticeLog | None, problem: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view: HistoryView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        if log is None:
            message = QLabel(
                "Your practice log isn't available right now"
                + (f": {problem}" if problem else ".")
                + "\nNothing in it has been changed or removed.",
                self,
            )
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(message, 1)
            return
        self.view = HistoryView(log)
        for chart, height in ((self.view.minutes_chart, 200), (self.view.feelings_box, 170)):
            chart.setMinimumHeight(height)
            chart.setMaximumHeight(round(height * 1.6))
        self.view.table.setMinimumHeight(180)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.view)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Save your log as CSV, JSON or a PDF for your clinician")
        self.import_button = QPushButton("Import…", self)
        self.import_button.setToolTip("Bring in sessions from a Pacer JSON export")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export_requested)
        self.import_button.clicked.connect(self.import_requested)

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()
