"""Trainer practice: settle with slow belly breathing, practise paced by the out-breath, close.

Each out-breath of the practice is offered — never demanded — as the moment one may go on,
if and when it feels right. A moment of guarding can be noted with one key (G); the closing
breaths can begin whenever the person chooses (C). Nothing is counted against anyone and
nothing about size is ever asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QWidget

from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.session_description import SessionDescription
from pacer.core.surface import StepTone, StepView, SurfaceState
from pacer.core.trainer import words
from pacer.core.trainer.plan import PRACTICE_MINUTES_RANGE, WARMUP_MINUTES_RANGE, TrainerPlan
from pacer.core.trainer.surface import trainer_surface
from pacer.core.trainer.timeline import TrainerSnapshot, TrainerStage, TrainerTimeline
from pacer.ui.app_context import AppContext
from pacer.ui.session.practice_page import PracticePage
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.services import SessionServices


class TrainerOptions(QWidget):
    """The usual breathing pattern, how long to settle, how long the practice may last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pattern = QLabel(self)
        self.pattern.setObjectName("trainerPattern")
        self.warmup = QDoubleSpinBox(self)
        self.warmup.setRange(*WARMUP_MINUTES_RANGE)
        self.warmup.setDecimals(1)
        self.warmup.setSingleStep(0.5)
        self.warmup.setSuffix(" min")
        self.warmup.setAccessibleName("Settling in, in minutes")
        self.practice = QDoubleSpinBox(self)
        self.practice.setRange(*PRACTICE_MINUTES_RANGE)
        self.practice.setDecimals(1)
        self.practice.setSingleStep(1.0)
        self.practice.setSuffix(" min")
        self.practice.setAccessibleName("Practice, at most, in minutes")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.pattern)
        row.addSpacing(14)
        for text, widget in (("Settle", self.warmup), ("Practice up to", self.practice)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(10)
        row.addStretch(1)


class TrainerPage(PracticePage):
    options: TrainerOptions

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, services, parent)
        self.place_options(TrainerOptions(self))
        self.guarding_button = QPushButton(f"{words.GUARDING_ACTION}  (G)", self)
        self.guarding_button.setToolTip(words.GUARDING_HINT)
        self.closing_button = QPushButton(f"{words.CLOSE_EARLY_ACTION}  (C)", self)
        self.closing_button.setToolTip(words.CLOSE_EARLY_HINT)
        for button in (self.guarding_button, self.closing_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.controls_row.insertWidget(self.controls_row.count() - 1, button)
        self.guarding_button.clicked.connect(self.note_guarding)
        self.closing_button.clicked.connect(self.close_early)
        self._load_options()
        self.options.warmup.valueChanged.connect(self._remember)
        self.options.practice.valueChanged.connect(self._remember)
        context.preferences_changed.connect(self._show_usual_pattern)
        context.patterns_changed.connect(self._show_usual_pattern)
        self.surface.summary.set_question(words.RESPONSE_QUESTION, words.RESPONSE_CHOICES)
        self.show_idle()
        self._update_controls()

    # -- what the person chose -------------------------------------------------------
    def _load_options(self) -> None:
        prefs = self.context.preferences
        for spin, value in (
            (self.options.warmup, prefs.trainer_warmup_minutes),
            (self.options.practice, prefs.trainer_practice_minutes),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._show_usual_pattern()

    def _show_usual_pattern(self, *_: object) -> None:
        name, pattern = self.context.resolve_pattern(self.context.preferences.pattern)
        self.options.pattern.setText(f"Breathing: {name} · {pattern.describe()}")

    def _remember(self) -> None:
        if not self.is_active:
            self.context.update_preferences(
                trainer_warmup_minutes=float(self.options.warmup.value()),
                trainer_practice_minutes=float(self.options.practice.value()),
            )

    def current_plan(self) -> TrainerPlan:
        name, pattern = self.context.resolve_pattern(self.context.preferences.pattern)
        return TrainerPlan(
            pattern,
            warmup_minutes=float(self.options.warmup.value()),
            practice_minutes=float(self.options.practice.value()),
            pattern_name=name,
        )

    # -- the session -------------------------------------------------------------------
    def start_plan(self, plan: TrainerPlan) -> PracticeSession:
        return self.begin(self._session_for(plan))

    def new_session(self, tension_before: int | None = None) -> PracticeSession:
        return self._session_for(self.current_plan(), tension_before)

    def _session_for(self, plan: TrainerPlan, tension_before: int | None = None) -> PracticeSession:
        timeline = TrainerTimeline(plan)
        description = SessionDescription(
            SessionKind.TRAINER,
            timeline.total_seconds,
            pattern=plan.pattern,
            pattern_name=plan.pattern_name,
            tension_before=tension_before,
        )
        return self.services.create_session(timeline, description, self)

    def note_guarding(self) -> None:
        """G: a moment of guarding noticed. Optional, quiet, and nothing to count against."""
        session = self.session
        if session is None or not self.is_active:
            return
        session.note_moment()
        self.surface.acknowledge(words.GUARDING_NOTED)

    def close_early(self) -> None:
        """C: the closing breaths begin after this breath, whenever the person chooses."""
        session = self.session
        if session is None or not self.is_active:
            return
        timeline = session.timeline
        assert isinstance(timeline, TrainerTimeline)
        if not timeline.snapshot(session.elapsed()).can_close_early:
            return
        session.replan(timeline.closing_from(session.elapsed()))
        self.surface.acknowledge(words.CLOSING_SOON)

    def surface_state(self, snapshot: object) -> SurfaceState:
        assert isinstance(snapshot, TrainerSnapshot)
        return trainer_surface(snapshot)

    def idle_words(self) -> tuple[str, str, StepView | None]:
        step = StepView(
            where="",
            heading=words.PRACTICE_NAME,
            detail=f"{words.PRACTICE_SUMMARY} {words.FOLLOW_YOUR_PLAN}",
            countdown="",
            next="",
            tone=StepTone.CALM,
            progress=0.0,
        )
        return "Find a comfortable position", "Press Space or Begin when you are ready", step

    def _update_controls(self, *_: object) -> None:
        super()._update_controls()
        practising = False
        if self.session is not None and self.is_active:
            snapshot = self.session.timeline.snapshot(self.session.elapsed())
            practising = snapshot.stage is TrainerStage.PRACTICE
        self.guarding_button.setVisible(self.is_active)
        self.closing_button.setVisible(self.is_active)
        self.closing_button.setEnabled(practising)

    def _show_snapshot(self, snapshot: object) -> None:
        super()._show_snapshot(snapshot)
        assert isinstance(snapshot, TrainerSnapshot)
        if self.closing_button.isEnabled() != snapshot.can_close_early:
            self.closing_button.setEnabled(snapshot.can_close_early)

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        return words.summary_sentence(
            outcome.practised_seconds, outcome.ended is SessionEnd.COMPLETED
        )
