"""The breathing page: choose a pattern, then follow the belly. Logic lives in the core."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.surface import breathing_surface
from pacer.core.breathing.timeline import BreathingTimeline, BreathSnapshot
from pacer.core.breathing.wording import summary_sentence
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.session_description import SessionDescription
from pacer.core.surface import StepView, SurfaceState
from pacer.ui.app_context import AppContext
from pacer.ui.breathing.pattern_picker import PatternPicker
from pacer.ui.session.practice_page import PracticePage
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.services import SessionServices

IDLE_WORDS = ("Find a comfortable position", "one hand on your chest, one on your belly")


class BreathingPage(PracticePage):
    manage_patterns_requested = Signal()

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, services, parent)
        self.picker = PatternPicker(self)
        self.place_options(self.picker)
        self.picker.manage_requested.connect(self.manage_patterns_requested)
        self.picker.changed.connect(self._remember_choice)
        context.patterns_changed.connect(self.reload_patterns)
        self.reload_patterns()
        self.show_idle()
        self._update_controls()

    # -- what the person chose -------------------------------------------------------
    def reload_patterns(self) -> None:
        prefs = self.context.preferences
        self.picker.blockSignals(True)  # showing the saved choice is not a new choice
        self.picker.set_choices(self.context.pattern_choices(), prefs.pattern)
        self.picker.set_minutes(prefs.session_minutes)
        self.picker.blockSignals(False)

    def current_plan(self) -> BreathingPlan:
        name, pattern = self.context.resolve_pattern(self.picker.selected_ref())
        return BreathingPlan(pattern, self.picker.selected_minutes(), name)

    def _remember_choice(self) -> None:
        if not self.is_active:
            self.context.update_preferences(
                pattern=self.picker.selected_ref(), session_minutes=self.picker.selected_minutes()
            )

    # -- the session -------------------------------------------------------------------
    def start_plan(self, plan: BreathingPlan) -> PracticeSession:
        return self.begin(self._session_for(plan))

    def new_session(self, tension_before: int | None = None) -> PracticeSession:
        return self._session_for(self.current_plan(), tension_before)

    def _session_for(
        self, plan: BreathingPlan, tension_before: int | None = None
    ) -> PracticeSession:
        timeline = BreathingTimeline(plan.pattern, plan.length_seconds)
        description = SessionDescription(
            SessionKind.BREATHING,
            timeline.total_seconds,
            pattern=plan.pattern,
            pattern_name=plan.pattern_name,
            tension_before=tension_before,
        )
        return self.services.create_session(timeline, description, self)

    def surface_state(self, snapshot: object) -> SurfaceState:
        assert self.session is not None
        assert isinstance(snapshot, BreathSnapshot)
        return breathing_surface(self.session.timeline.total_seconds, snapshot)

    def idle_words(self) -> tuple[str, str, StepView | None]:
        return (*IDLE_WORDS, None)

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        snap = outcome.last_snapshot
        completed = outcome.ended is SessionEnd.COMPLETED
        out_breath_reached = snap.phase in (Phase.EXHALE, Phase.REST)
        breaths = snap.breath_index + (1 if completed or out_breath_reached else 0)
        return summary_sentence(outcome.practised_seconds, breaths, completed)
