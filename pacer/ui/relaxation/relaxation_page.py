"""The relaxation page: tighten, let go and notice, group by group, breathing all along."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from pacer.core.breathing.scene import steady_breath_scene
from pacer.core.breathing.wording import duration_phrase
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.relaxation import limits
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import RelaxationScript, load_default_script
from pacer.core.relaxation.timeline import RelaxationSnapshot, RelaxationTimeline
from pacer.core.session_description import RelaxationSettings, SessionDescription
from pacer.ui.app_context import AppContext
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.relaxation.view import RelaxationView
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
        self.release.setAccessibleName("Rest time in seconds")
        self.closing = QDoubleSpinBox(self)
        self.closing.setRange(limits.CLOSING_MINUTES.minimum, limits.CLOSING_MINUTES.maximum)
        self.closing.setDecimals(1)
        self.closing.setSingleStep(0.5)
        self.closing.setSuffix(" min")
        self.closing.setAccessibleName("Closing breathing in minutes")
        self.groups: dict[str, QCheckBox] = {}
        timings = QHBoxLayout(self)
        timings.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("Clench", self.clench),
            ("Rest", self.release),
            ("Closing breaths", self.closing),
        ):
            timings.addWidget(QLabel(label, self))
            timings.addWidget(widget)
        timings.addSpacing(12)
        for group in script.groups:
            box = QCheckBox(group.name, self)
            box.setChecked(True)
            self.groups[group.key] = box
            timings.addWidget(box)
        timings.addStretch(1)

    def enabled_keys(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.groups.items() if box.isChecked())


class RelaxationPage(PracticePage):
    def __init__(
        self, context: AppContext, services: SessionServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, services, parent)
        self.script = load_default_script()
        self.breath = BellyCanvas()
        self.breath.setMinimumSize(0, 0)
        view = RelaxationView(self)
        view.set_breath_widget(self.breath)
        self.place(RelaxationOptions(self.script, self), view)
        self._load_options()
        for widget in (self.options.clench, self.options.release, self.options.closing):
            widget.valueChanged.connect(self._remember)
        for box in self.options.groups.values():
            box.toggled.connect(self._remember)
        context.theme_changed.connect(self.breath.set_theme)
        self.breath.set_theme(context.theme)
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
        for key, box in options.groups.items():
            box.setChecked(key not in skipped)

    def _remember(self) -> None:
        options = self.options
        if not options.enabled_keys():
            # At least one group stays on; quietly re-tick the one just switched off.
            sender = self.sender()
            if isinstance(sender, QCheckBox):
                sender.setChecked(True)
            return
        self.context.update_preferences(
            relax_clench_seconds=float(options.clench.value()),
            relax_release_seconds=float(options.release.value()),
            relax_closing_minutes=float(options.closing.value()),
            relax_skipped_groups=",".join(
                key for key, box in options.groups.items() if not box.isChecked()
            ),
        )

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

    def new_session(self) -> PracticeSession:
        return self._session_for(self.current_plan())

    def _session_for(self, plan: RelaxationPlan) -> PracticeSession:
        timeline = RelaxationTimeline(plan)
        description = SessionDescription(
            SessionKind.RELAXATION,
            timeline.total_seconds,
            pattern=plan.closing_pattern,
            relaxation=RelaxationSettings(
                float(plan.clench_seconds or 0),
                float(plan.release_seconds or 0),
                plan.skipped_groups,
            ),
        )
        return self.services.create_session(timeline, description, self)

    def show_snapshot(self, snapshot: RelaxationSnapshot) -> None:
        self.view.set_snapshot(snapshot)
        self.breath.set_scene(
            steady_breath_scene(snapshot.belly, snapshot.breath_phase, self.context.reduced_motion)
        )

    def show_idle(self) -> None:
        timeline = RelaxationTimeline(self.current_plan())
        self.view.set_snapshot(timeline.snapshot(0.0))
        self.breath.set_scene(steady_breath_scene(0.0, timeline.snapshot(0.0).breath_phase, True))

    def summary_sentence(self, outcome: SessionOutcome) -> str:
        snapshot = outcome.last_snapshot
        duration = duration_phrase(outcome.practised_seconds)
        if outcome.ended is SessionEnd.COMPLETED:
            return f"You went through the whole sequence, slowly, in {duration}."
        group = snapshot.group.name.lower() if snapshot.group is not None else None
        where = f", as far as the {group}" if group else ""
        return f"You spent {duration} noticing tension and letting it go{where}."
