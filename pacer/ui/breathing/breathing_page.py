"""The breathing page: choose a pattern, then follow the belly. Logic lives in the core."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.timeline import BreathingTimeline
from pacer.core.breathing.wording import summary_sentence
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.session_clock import SessionState
from pacer.ui.app_context import AppContext
from pacer.ui.breathing.pacer_view import PacerView
from pacer.ui.breathing.pattern_picker import PatternPicker
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.services import SessionServices
from pacer.ui.session.summary_panel import SummaryPanel


class BreathingPage(QWidget):
    fullscreen_requested = Signal()
    manage_patterns_requested = Signal()
    reflection_given = Signal(object, object, str)  # session, feeling key or None, note
    session_finished = Signal()

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.services = services
        self.session: PracticeSession | None = None
        self.picker = PatternPicker(self)
        self.view = PacerView(self)
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

        self.view_slot = QVBoxLayout()
        self.view_slot.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.picker)
        layout.addLayout(self.view_slot, 1)
        layout.addWidget(self.bottom)

        self.start_button.clicked.connect(self.toggle)
        self.stop_button.clicked.connect(self.stop)
        self.fullscreen_button.clicked.connect(self.fullscreen_requested)
        self.picker.manage_requested.connect(self.manage_patterns_requested)
        self.picker.changed.connect(self._remember_choice)
        self.summary.closed.connect(self._summary_closed)
        context.preferences_changed.connect(self._apply_preferences)
        context.theme_changed.connect(self.view.set_theme)
        context.patterns_changed.connect(self.reload_patterns)
        self.view.set_theme(context.theme)
        self.reload_patterns()
        self._apply_preferences()
        self._update_controls()

    # -- what the person chose -------------------------------------------------------
    def reload_patterns(self) -> None:
        prefs = self.context.preferences
        self.picker.set_choices(self.context.pattern_choices(), prefs.pattern)
        self.picker.set_minutes(prefs.session_minutes)

    def current_plan(self) -> BreathingPlan:
        name, pattern = self.context.resolve_pattern(self.picker.selected_ref())
        return BreathingPlan(pattern, self.picker.selected_minutes(), name)

    def _remember_choice(self) -> None:
        if self.session is None or self.session.state is SessionState.FINISHED:
            self.context.update_preferences(
                pattern=self.picker.selected_ref(), session_minutes=self.picker.selected_minutes()
            )

    def _apply_preferences(self, *_: object) -> None:
        prefs = self.context.preferences
        self.view.set_reduced_motion(self.context.reduced_motion)
        self.view.set_countdown_visible(prefs.countdown)

    # -- running -------------------------------------------------------------------------
    def start_plan(self, plan: BreathingPlan) -> PracticeSession:
        timeline = BreathingTimeline(plan.pattern, plan.length_seconds)
        details = {
            "pattern": plan.pattern,
            "planned_seconds": timeline.total_seconds,
            "name": plan.pattern_name,
        }
        session = self.services.create_session(timeline, SessionKind.BREATHING, details, self)
        self.session = session
        session.snapshot_changed.connect(self.view.show_snapshot)
        session.state_changed.connect(self._update_controls)
        session.ended.connect(self._ended)
        self.bottom.setCurrentIndex(0)
        session.start()
        return session

    def toggle(self) -> None:
        if self.session is None or self.session.state is SessionState.FINISHED:
            self.start_plan(self.current_plan())
        else:
            self.session.toggle()

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    def _update_controls(self, *_: object) -> None:
        state = self.session.state if self.session else SessionState.READY
        running = state in (SessionState.RUNNING, SessionState.PAUSED)
        self.start_button.setText(
            {SessionState.RUNNING: "Pause", SessionState.PAUSED: "Continue"}.get(state, "Begin")
        )
        self.stop_button.setEnabled(running)
        self.picker.setEnabled(not running)
        self.view.set_paused(state is SessionState.PAUSED)

    def _ended(self, outcome: SessionOutcome) -> None:
        snap = outcome.last_snapshot
        completed = outcome.ended is SessionEnd.COMPLETED
        out_breath_reached = snap.phase in (Phase.EXHALE, Phase.REST)
        breaths = snap.breath_index + (1 if completed or out_breath_reached else 0)
        sentence = summary_sentence(outcome.practised_seconds, breaths, completed)
        self.view.show_idle("Gently come back", "take a moment before you get up")
        self.summary.present(sentence)
        self.bottom.setCurrentIndex(1)
        self.session_finished.emit()

    def _summary_closed(self, feeling: str | None, note: str) -> None:
        if self.session is not None and (feeling or note):
            self.reflection_given.emit(self.session, feeling, note)
        self.bottom.setCurrentIndex(0)
        self.view.show_idle(
            "Find a comfortable position", "one hand on your chest, one on your belly"
        )
        self._update_controls()

    # -- full-screen support: the view can be lent to the full-screen window ---------------
    def take_view(self) -> PacerView:
        self.view_slot.removeWidget(self.view)
        return self.view

    def return_view(self) -> None:
        self.view_slot.addWidget(self.view)
        self.view.show()

    @property
    def is_active(self) -> bool:
        return self.session is not None and self.session.state in (
            SessionState.RUNNING,
            SessionState.PAUSED,
        )
