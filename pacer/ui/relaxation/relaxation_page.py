"""The relaxation page: tighten, let go and notice, group by group, breathing all along."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
)

from pacer.core.breathing.wording import duration_phrase
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.relaxation import limits
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import RelaxationScript, load_default_script
from pacer.core.relaxation.surface import relaxation_surface
from pacer.core.relaxation.timeline import RelaxationSnapshot, RelaxationTimeline
from pacer.core.session_description import RelaxationSettings, SessionDescription
from pacer.core.surface import StepTone, StepView, SurfaceState
from pacer.ui.app_context import AppContext
from pacer.ui.session.practice_page import PracticePage
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.services import SessionServices


class RelaxationOptions(QWidget):
    """Timings and which groups to include; remembered between runs."""

    def __init__(self, script: RelaxationScript, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clench = QSpinBox(self)
        self.clench.setRange(int(limits.CLENCH_SECONDS.minimum), int(limits.CLENCH_SECONDS.maximum))
        self.clench.setSuffix(" s")
        self.clench.setAccessibleName("Clench time in seconds")
        self.release = QSpinBox(self)
        self.release.setRange(
            int(limits.RELEASE_SECONDS.minimum), int(limits.RELEASE_SECONDS.maximum)
        )
        self.release.setSuffix(" s")
        self.release.setAccessibleName("Let-go time in seconds")
        self.closing = QDoubleSpinBox(self)
        self.closing.setRange(limits.CLOSING_MINUTES.minimum, limits.CLOSING_MINUTES.maximum)
        self.closing.setDecimals(1)
        self.closing.setSingleStep(0.5)
        self.closing.setSuffix(" min")
        self.closing.setAccessibleName("Closing breathing in minutes")
        self.groups_button = QToolButton(self)
        self.groups_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.groups_button.setAccessibleName("Muscle groups")
        menu = QMenu(self.groups_button)
        self.groups: dict[str, QAction] = {}
        for group in script.groups:
            action = menu.addAction(group.name)
            action.setCheckable(True)
            action.setChecked(True)
            self.groups[group.key] = action
        self.groups_button.setMenu(menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        for text, widget in (
            ("Clench", self.clench),
            ("Let go", self.release),
            ("Closing breaths", self.closing),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(10)
        row.addWidget(self.groups_button)
        row.addStretch(1)
        menu.triggered.connect(lambda _action: self._name_groups())
        self._name_groups()

    def enabled_keys(self) -> tuple[str, ...]:
        return tuple(key for key, action in self.groups.items() if action.isChecked())

    def _name_groups(self) -> None:
        on, total = len(self.enabled_keys()), len(self.groups)
        text = f"All {total} muscle groups" if on == total else f"{on} of {total} muscle groups"
        self.groups_button.setText(text + " ▾")


class RelaxationPage(PracticePage):
    options: RelaxationOptions

    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, services, parent)
        self.script = load_default_script()
        self.place_options(RelaxationOptions(self.script, self))
        self._load_options()
        for widget in (self.options.clench, self.options.release, self.options.closing):
            widget.valueChanged.connect(self._remember)
        for action in self.options.groups.values():
            action.toggled.connect(lambda _on, action=action: self._remember(action))
        self.show_idle()
        self._update_controls()

    def _load_options(self) -> None:
        prefs, script = self.context.preferences, self.script
        options = self.options
        options.clench.setValue(round(prefs.relax_clench_seconds or script.clench_seconds))
        options.release.setValue(round(prefs.relax_release_seconds or script.release_seconds))
        closing = prefs.relax_closing_minutes
        options.closing.setValue(script.closing_minutes if closing is None else closing)
        skipped = set(filter(None, prefs.relax_skipped_groups.split(",")))
        for key, action in options.groups.items():
            action.setChecked(key not in skipped)
        options._name_groups()

    def _remember(self, toggled: QAction | None = None) -> None:
        options = self.options
        if not options.enabled_keys():
            # At least one group stays on; quietly tick again the one just switched off.
            if isinstance(toggled, QAction):
                toggled.setChecked(True)
            return
        self.context.update_preferences(
            relax_clench_seconds=float(options.clench.value()),
            relax_release_seconds=float(options.release.value()),
            relax_closing_minutes=float(options.closing.value()),
            relax_skipped_groups=",".join(
                key for key, action in options.groups.items() if not action.isChecked()
            ),
        )
        if not self.is_active:
            self.show_idle()

    def current_plan(self) -> RelaxationPlan:
        options = self.options
        return RelaxationPlan(
            self.script,
            clench_seconds=float(options.clench.value()),
            release_seconds=float(options.release.value()),
            closing_minutes=float(options.closing.value()),
            enabled_groups=options.enabled_keys(),
        )

    # -- the session -------------------------------------------------------------------
    def start_plan(self, plan: RelaxationPlan) -> PracticeSession:
        return self.begin(self._session_for(plan))

    def new_session(self, tension_before: int | None = None) -> PracticeSession:
        return self._session_for(self.current_plan(), tension_before)

    def _session_for(
        self, plan: RelaxationPlan, tension_before: int | None = None
    ) -> PracticeSession:
        timeline = RelaxationTimeline(plan)
        description = SessionDescription(
            SessionKind.RELAXATION,
            timeline.total_seconds,
            pattern=plan.closing_pattern,
            relaxation=RelaxationSettings(plan.clench, plan.release, plan.skipped_groups),
            tension_before=tension_before,
        )
        return self.services.create_session(timeline, description, self)

    def surface_state(self, snapshot: object) -> SurfaceState:
        assert isinstance(snapshot, RelaxationSnapshot)
        return relaxation_surface(snapshot)

    def idle_words(self) -> tuple[str, str, StepView | None]:
        plan = self.current_plan()
        names = ", ".join(group.name.lower() for group in plan.groups)
        minutes = duration_phrase(RelaxationTimeline(plan).total_seconds)
        step = StepView(
            where="",
            heading="Tighten, let go, notice",
            detail=f"{names[0].upper()}{names[1:]}; {minutes}, breathing slowly throughout.",
            countdown="",
            next="",
            tone=StepTone.CALM,
            progress=0.0,
        )
        return "Find a comfortable position", "Press Space or Begin when you are ready", step

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        snapshot = outcome.last_snapshot
        duration = duration_phrase(outcome.practised_seconds)
        if outcome.ended is SessionEnd.COMPLETED:
            return f"You went through the whole sequence, slowly, in {duration}."
        group = snapshot.group.name.lower() if snapshot.group is not None else None
        where = f", as far as the {group}" if group else ""
        return f"You spent {duration} noticing tension and letting it go{where}."
