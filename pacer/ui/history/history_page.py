"""The practice-log page: the history view, with export and import one click away.

Opening the page never waits for the log: the reading and the snapshot happen on a
worker (``loader.py``) while a quiet line says so, and the charts (pyqtgraph, loaded on that
worker the first time) are built when the first snapshot arrives. Opening Pacer to practise
never waits for any of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pacer.core.history.model import HistorySnapshot
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.common.theme import Theme
from pacer.ui.history.loader import HistoryLoader, Loaded
from pacer.ui.history.style import colours_for_theme, current_colours

if TYPE_CHECKING:
    from pacer.ui.history.view import HistoryView

# A refresh that takes longer than this shows the quiet "reading" line; quicker ones don't
# flicker it. The first opening shows it at once: there is nothing else to show yet.
BUSY_DELAY_MS = 300


class HistoryPage(QWidget):
    export_requested = Signal()
    import_requested = Signal()
    snapshot_shown = Signal(object)  # HistorySnapshot, once it is on screen

    def __init__(
        self,
        log: PracticeLog | None,
        problem: str | None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.view: HistoryView | None = None
        self.loader: HistoryLoader | None = None
        self._steps: list[Callable[[], None]] = []
        self._first_load_due = False
        self._shown_snapshot: HistorySnapshot | None = None
        self._today = today
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
        self.busy = QWidget(self)
        self.busy.setObjectName("historyBusy")
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel("Reading your practice log…", self.busy)
        self.busy_bar = QProgressBar(self.busy)
        self.busy_bar.setRange(0, 0)  # no count to watch: just a sign that it is on its way
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumSize(140, 6)
        self.busy_bar.setAccessibleName("Reading your practice log")
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar)
        busy_row.addStretch(1)
        self.busy.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self.busy.show)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()

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
        self._layout.addWidget(self.busy)
        self._layout.addWidget(self.problem)
        self._layout.addWidget(self._scroll, 1)
        self._layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export_requested)
        self.import_button.clicked.connect(self.import_requested)

    @property
    def scroll_area(self) -> QScrollArea:
        return self._scroll

    @property
    def snapshot(self) -> HistorySnapshot | None:
        return None if self.view is None else self.view.snapshot

    @property
    def idle(self) -> bool:
        """Nothing being read and nothing waiting to be drawn."""
        return self.loader is not None and not self.loader.busy and not self._steps

    def ensure_built(self) -> None:
        """Start reading the log the first time the page is wanted."""
        if self.loader is not None or self.log is None:
            return
        self.loader = HistoryLoader(self.log.path, self)
        self.loader.loaded.connect(self._show)
        self.loader.failed.connect(self._show_problem)
        self.loader.busy_changed.connect(self._busy_changed)
        self.busy.show()  # the first time, at once
        # Started from the event loop, so a refresh asked for in the same breath (the
        # window asks for both when the page is first shown) is that very same reading.
        self._first_load_due = True
        QTimer.singleShot(0, self, self._first_load)

    def _first_load(self) -> None:
        self._first_load_due = False
        self._load(reread=True)

    def refresh(self) -> None:
        """Show the latest log; before the page was first wanted there is nothing to do."""
        if self.loader is not None and not self._first_load_due:
            self._load(reread=True)

    def restyle(self, theme: Theme | None = None) -> None:
        """Day/night changed: recolour in place, so the zoom and the rows shown stay."""
        if self.view is not None:
            colours = current_colours() if theme is None else colours_for_theme(theme)
            self.view.apply_colours(colours)

    def _load(self, *, reread: bool) -> None:
        assert self.loader is not None
        kind = None if self.view is None else self.view.kind
        self.loader.request(self._today(), kind, reread=reread)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            if not self.busy.isVisible():
                self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def _show(self, loaded: Loaded) -> None:
        """Draw a snapshot a step per turn of the event loop, so the window stays
        responsive however long the log. (A real 1 ms timer between steps, not 0 ms: Qt
        runs a 0 ms one before anything else that is due.)"""
        self.problem.hide()
        if self.view is None:
            self._build_view()
        assert self.view is not None
        # One paint at the end rather than one after every step.
        self.view.setUpdatesEnabled(False)
        drawing = bool(self._steps)  # a newer snapshot replaces the rest of an older one
        self._steps = [*self.view.snapshot_steps(loaded.snapshot), self._shown]
        self._shown_snapshot = loaded.snapshot
        if not drawing:
            QTimer.singleShot(1, self, self._next_step)

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(1, self, self._next_step)

    def _shown(self) -> None:
        assert self.view is not None
        self.view.setUpdatesEnabled(True)
        self.snapshot_shown.emit(self._shown_snapshot)

    def _build_view(self) -> None:
        from pacer.ui.history.view import HistoryView

        assert self.log is not None
        view = HistoryView(self.log, current_colours())
        view.changed.connect(lambda: self._load(reread=True))
        view.kind_changed.connect(lambda: self._load(reread=False))
        self._scroll.setWidget(view)
        self.view = view

    def _show_problem(self, message: str) -> None:
        self.problem.setText(
            f"Your practice log could not be read just now ({message}). "
            "Nothing in it has been changed; it will be read again when you come back."
        )
        self.problem.show()
