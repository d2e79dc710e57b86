"""What every practice page shares: begin/pause/end controls, full screen, the soft ending.

A page subclass says what it shows (``view``), how to build its session and what to say
at the end; the running of the session, its keys and the summary live here once.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from pacer.core.session_clock import SessionState
from pacer.ui.app_context import AppContext
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.services import SessionServices
from pacer.ui.session.summary_panel import SummaryPanel


class PracticePage(QWidget):
    fullscreen_requested = Signal()
    reflection_given = Signal(object, object, str)  # session, feeling key or None, note
    session_finished = Signal(object)  # SessionOutcome

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.services = services
        self.session: PracticeSession | None = None
        self.start_button = QPushButton("Begin", self)
        self.start_button.setObjectName("primary")
        font = QFont(self.start_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.start_button.setFont(font)
        self.start_button.setMinimumWidth(180)
        self.stop_button = QPushButton("End session", self)
        self.fullscreen_button = QPushButton("Full screen", self)
        self.fullscreen_button.setToolTip("Full screen (F11); Esc leaves")
        self.summary = SummaryPanel(self)

        controls = QWidget(self)
        row = QHBoxLayout(controls)
        row.addStretch(1)
        row.addWidget(self.stop_button)
        row.addWidget(self.start_button)
        row.addWidget(self.fullscreen_button)
        row.addStretch(1)
        self.bottom = QStackedWidget(self)
        self.bottom.addWidget(controls)
        self.bottom.addWidget(self.summary)

        self.options_slot = QVBoxLayout()
        self.view_slot = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(self.options_slot)
        layout.addLayout(self.view_slot, 1)
        layout.addWidget(self.bottom)

        self.start_button.clicked.connect(self.toggle)
        self.stop_button.clicked.connect(self.stop)
        self.fullscreen_button.clicked.connect(self.fullscreen_requested)
        self.summary.closed.connect(self._summary_closed)

    # -- what a page provides ------------------------------------------------------------
    view: QWidget
    options: QWidget

    def new_session(self) -> PracticeSession:
        raise NotImplementedError

    def show_snapshot(self, snapshot: object) -> None:
        raise NotImplementedError

    def show_idle(self) -> None:
        raise NotImplementedError

    def show_paused(self, paused: bool) -> None:
        """A page may say something calm while paused."""

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        raise NotImplementedError

    def place(self, options: QWidget, view: QWidget) -> None:
        self.options, self.view = options, view
        self.options_slot.addWidget(options)
        self.view_slot.addWidget(view)

    # -- running ---------------------------------------------------------------------------
    def begin(self, session: PracticeSession) -> PracticeSession:
        self.session = session
        session.snapshot_changed.connect(self.show_snapshot)
        session.state_changed.connect(self._update_controls)
        session.ended.connect(self._ended)
        self.bottom.setCurrentIndex(0)
        session.start()
        return session

    def toggle(self) -> None:
        if self.bottom.currentWidget() is self.summary:
            return  # the person is reading their summary; Space must not start anew
        if self.session is None or self.session.state is SessionState.FINISHED:
            if self.services.may_start_another():
                self.begin(self.new_session())
        else:
            self.session.toggle()

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    @property
    def is_active(self) -> bool:
        return self.session is not None and self.session.state in (
            SessionState.RUNNING,
            SessionState.PAUSED,
        )

    def _update_controls(self, *_: object) -> None:
        state = self.session.state if self.session else SessionState.READY
        self.start_button.setText(
            {SessionState.RUNNING: "Pause", SessionState.PAUSED: "Continue"}.get(state, "Begin")
        )
        self.stop_button.setEnabled(self.is_active)
        self.options.setEnabled(not self.is_active)
        self.show_paused(state is SessionState.PAUSED)

    def _ended(self, outcome: SessionOutcome) -> None:
        self.summary.present(self.summary_sentence(outcome))
        self.bottom.setCurrentIndex(1)
        self.session_finished.emit(outcome)

    def _summary_closed(self, feeling: str | None, note: str) -> None:
        if self.session is not None and (feeling or note):
            self.reflection_given.emit(self.session, feeling, note)
        self.bottom.setCurrentIndex(0)
        self.show_idle()
        self._update_controls()

    # -- full screen borrows the view --------------------------------------------------------
    def take_view(self) -> QWidget:
        self.view_slot.removeWidget(self.view)
        return self.view

    def return_view(self) -> None:
        self.view_slot.addWidget(self.view)
        self.view.show()
