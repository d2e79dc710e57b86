"""What every practice page shares: the practice surface, its controls, full screen, the ending.

A page subclass says what can be chosen before a session (``options``), how to build its
session, how its snapshots look on the surface and what to say at the end; running the
session, the keys and the soft ending live here once.

Honest controls: while a session runs, the choices are replaced by one line that states
exactly the plan that is running, however it was started.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pacer.core.session_clock import SessionState
from pacer.core.session_description import plan_line
from pacer.core.surface import StepView, SurfaceState
from pacer.ui.app_context import AppContext
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.practice_surface import PracticeSurface
from pacer.ui.session.services import SessionServices

ENDING_WORDS = ("Gently come back", "take a moment before you get up")


class PracticePage(QWidget):
    fullscreen_requested = Signal()
    reflection_given = Signal(object, object, str)  # session, feeling key or None, note
    tension_after_given = Signal(object, int)  # session, 0 (soft) … 10, after it ended
    session_finished = Signal(object)  # SessionOutcome
    controls_changed = Signal(str, bool)  # what Begin/Pause/Continue says, and if it may

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.services = services
        self.session: PracticeSession | None = None
        self._was_paused = False
        self.surface = PracticeSurface(self)
        self.start_button = QPushButton("Begin", self)
        self.start_button.setObjectName("primary")
        font = QFont(self.start_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.start_button.setFont(font)
        self.start_button.setMinimumWidth(180)
        self.stop_button = QPushButton("End session", self)
        self.fullscreen_button = QPushButton("Full screen", self)
        self.fullscreen_button.setToolTip("Full screen (F11); Esc leaves")
        # Space belongs to begin/pause everywhere: no button here may take it as a click.
        for button in (self.start_button, self.stop_button, self.fullscreen_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.controls = QWidget(self)
        self.controls_row = row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.fullscreen_button)
        row.addStretch(1)

        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("runningPlan")
        self.plan_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plan_label.setWordWrap(True)
        self.options_stack = QStackedWidget(self)
        self.options_stack.addWidget(self.plan_label)

        self._surface_slot = QVBoxLayout()
        self._surface_slot.addWidget(self.surface)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.options_stack)
        layout.addLayout(self._surface_slot, 1)
        layout.addWidget(self.controls)

        self.start_button.clicked.connect(self.toggle)
        self.stop_button.clicked.connect(self.stop)
        self.fullscreen_button.clicked.connect(self.fullscreen_requested)
        self.surface.summary.closed.connect(self._summary_closed)
        self.surface.checkin.answered.connect(self._checked_in)
        self.surface.checkin.skipped.connect(self._skipped)
        self._ending: tuple[SessionOutcome, str] | None = None
        self._idle_shown = False
        self._asks_checkin = context.preferences.checkin
        context.theme_changed.connect(self.surface.set_theme)
        context.preferences_changed.connect(self._apply_preferences)
        context.motion_changed.connect(self._apply_preferences)
        self.surface.set_theme(context.theme)
        self._apply_preferences()

    # -- what a page provides ------------------------------------------------------------
    options: QWidget

    def new_session(self, tension_before: int | None = None) -> PracticeSession:
        """A session of what the page's options describe, with the check-in given before."""
        raise NotImplementedError

    def surface_state(self, snapshot: object) -> SurfaceState:
        raise NotImplementedError

    def idle_words(self) -> tuple[str, str, StepView | None]:
        """Title, hint and (for practices with steps) the first step, before beginning."""
        raise NotImplementedError

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        raise NotImplementedError

    def place_options(self, options: QWidget) -> None:
        self.options = options
        self.options_stack.insertWidget(0, options)
        self.options_stack.setCurrentWidget(options)

    # -- running ---------------------------------------------------------------------------
    def begin(self, session: PracticeSession) -> PracticeSession:
        self.session = session
        session.snapshot_changed.connect(self._show_snapshot)
        session.state_changed.connect(self._update_controls)
        session.ended.connect(self._ended)
        self.surface.show_footer()
        self._idle_shown = False
        self.plan_label.setText(plan_line(session.description))
        self._rest_focus_on_surface()
        session.start()
        return session

    def toggle(self) -> None:
        if self.surface.summary_shown or self._ending is not None:
            return  # the person is reading their summary; Space must not start anew
        if self.session is None or self.session.state is SessionState.FINISHED:
            # Space always begins at once — with eyes closed too; a check-in question that
            # is showing simply stays unanswered.
            if self.services.may_start_another():
                self.begin(self.new_session())
        else:
            self.session.toggle()

    def _checked_in(self, tension: int | None) -> None:
        if self._ending is not None:  # after a session: then the summary and its note
            _outcome, sentence = self._ending
            self._ending = None
            if tension is not None and self.session is not None:
                self.tension_after_given.emit(self.session, tension)
            self.surface.show_summary(sentence)
            self._update_controls()
        elif not self.is_active and self.services.may_start_another():
            self.begin(self.new_session(tension))  # one click or key: answered and begun

    def _skipped(self) -> None:
        if self._ending is not None:
            self._checked_in(None)
        else:
            self.surface.show_footer()  # the question steps aside; Space or Begin starts

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()

    @property
    def is_active(self) -> bool:
        return self.session is not None and self.session.state in (
            SessionState.RUNNING,
            SessionState.PAUSED,
        )

    @property
    def is_paused(self) -> bool:
        return self.session is not None and self.session.state is SessionState.PAUSED

    def _show_snapshot(self, snapshot: object) -> None:
        self.surface.show_state(self.surface_state(snapshot))
        if self.session is not None:
            # The frame timer may rest until what the surface shows next changes.
            self.session.frame_due_in(self.surface.next_change_in)

    def show_idle(self) -> None:
        """Before a practice: the figure at rest, its invitation, and — if wanted — the
        check-in question, which a number answers and begins the practice with."""
        title, hint, step = self.idle_words()
        self.surface.show_idle(title, hint, step)
        if self.context.preferences.checkin:
            self.surface.offer_checkin()
        else:
            self.surface.show_footer()
        self._idle_shown = True

    def toggle_text(self) -> tuple[str, bool]:
        state = self.session.state if self.session else SessionState.READY
        text = {SessionState.RUNNING: "Pause", SessionState.PAUSED: "Continue"}.get(state, "Begin")
        reading = self.surface.summary_shown or self._ending is not None
        return text, not reading

    def _update_controls(self, *_: object) -> None:
        state = self.session.state if self.session else SessionState.READY
        text, enabled = self.toggle_text()
        self.start_button.setText(text)
        self.start_button.setEnabled(enabled)
        self.controls_changed.emit(text, enabled)
        self.stop_button.setEnabled(self.is_active)
        showing_plan = self.is_active or self.surface.summary_shown or self._ending is not None
        self.options_stack.setCurrentWidget(self.plan_label if showing_plan else self.options)
        paused = state is SessionState.PAUSED
        self.surface.set_paused(paused)
        if state in (SessionState.RUNNING, SessionState.PAUSED) and paused != self._was_paused:
            self.surface.speak_pause(paused)
        self._was_paused = paused

    def _ended(self, outcome: SessionOutcome) -> None:
        self.surface.settle(*ENDING_WORDS)
        sentence = self.summary_sentence(outcome)
        if self.context.preferences.checkin:
            self._ending = (outcome, sentence)
            self.surface.ask_checkin(before=False)
        else:
            self.surface.show_summary(sentence)
        self._update_controls()
        self.session_finished.emit(outcome)

    def _summary_closed(self, feeling: str | None, note: str) -> None:
        if self.session is not None and (feeling or note):
            self.reflection_given.emit(self.session, feeling, note)
        self.show_idle()
        self._update_controls()
        self._rest_focus_on_surface()

    def _rest_focus_on_surface(self) -> None:
        """During a practice, focus rests on the surface, where every step is spoken.

        Moved before the first step is announced, so the two are not spoken over each other.
        (The choices it may come from are hidden while a session runs anyway.) In a window
        that is not active this only chooses where focus goes when it is.
        """
        self.surface.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_preferences(self, *_: object) -> None:
        self.surface.set_reduced_motion(self.context.reduced_motion)
        self.surface.set_countdown_visible(self.context.preferences.countdown)
        asks = self.context.preferences.checkin
        if asks != self._asks_checkin:
            self._asks_checkin = asks
            if self._idle_shown:
                self.show_idle()  # the check-in was switched on or off in Preferences

    # -- full screen borrows the surface ---------------------------------------------------
    def take_view(self) -> QWidget:
        self._surface_slot.removeWidget(self.surface)
        return self.surface

    def return_view(self) -> None:
        self._surface_slot.addWidget(self.surface)
        self.surface.show()
        self._rest_focus_on_surface()  # focus left with the full-screen window
