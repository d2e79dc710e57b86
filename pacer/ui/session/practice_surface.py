"""The one practice surface, for every practice, in the window and in full screen.

The lying-down figure breathes in the centre with its in/out words beneath it; a practice
with steps shows the step standing large above it; a quiet footer says what comes next and
how long is left. The lower part also holds the check-in question and the soft ending, so
a session that ends in full screen ends there too.

It draws a :class:`~pacer.core.surface.SurfaceState` and nothing else: no timing, no rules.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.scene import pacer_scene, resting_scene
from pacer.core.breathing.wording import PhaseWords
from pacer.core.pacing import step_index, until_linear_step, until_whole_second
from pacer.core.surface import StepView, SurfaceState
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.checkin.checkin_panel import KEY_HINT, CheckInPanel
from pacer.ui.common import accessible_roles
from pacer.ui.common.announce import (
    announce,
    make_speaking_place,
    say_when_focused,
    speak_on_appearance,
)
from pacer.ui.common.labels import plain_label
from pacer.ui.common.theme import DAY, Theme, mix
from pacer.ui.session.practice_session import display_frame_interval_ms
from pacer.ui.session.step_panel import StepPanel
from pacer.ui.session.summary_panel import SummaryPanel

LET_GO_PHASES = {Phase.EXHALE, Phase.REST}
ACKNOWLEDGE_MS = 4000  # how long a quiet "noted" stays in the footer
PAUSED_HINT = "Paused — take all the time you need"
PAUSED_SPOKEN = "Paused. Take all the time you need."
CONTINUING_SPOKEN = "Continuing."


class _ProgressLine(QWidget):
    """A slim rounded bar for the whole session; repaints only when a pixel changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._drawn = -1
        self._theme = DAY
        self.setFixedHeight(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(max(fraction, 0.0), 1.0)
        if step_index(self._fraction, self.width()) != self._drawn:
            self.update()

    def seconds_until_change(self, seconds_left: float) -> float:
        """Seconds until the filled part grows by a pixel, ``seconds_left`` before the end."""
        if seconds_left <= 0 or self._fraction >= 1.0:
            return math.inf
        rate = (1.0 - self._fraction) / seconds_left
        return until_linear_step(self._fraction, rate, max(self.width(), 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        radius = self.height() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(theme.background, theme.text, 0.10))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        self._drawn = step_index(self._fraction, self.width())
        if self._drawn > 0:
            painter.setBrush(mix(theme.background, theme.text, 0.35))
            filled = QRectF(0, 0, max(self._drawn, self.height()), self.height())
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class PracticeSurface(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceSurface")
        accessible_roles.install()  # the stacked lower part is a silent container
        # Focus rests here during a practice: Tab reaches it, it takes no key, and older
        # screen readers hear each step as a change of its name.
        make_speaking_place(self, "Practice")
        self.step_panel = StepPanel(self)
        self.step_panel.hide()
        self.canvas = BellyCanvas(self)
        self.title = plain_label(self, "phaseTitle")
        self.hint = plain_label(self, "phaseHint", wrap=True)
        self.countdown = plain_label(self, "phaseCountdown")
        self.countdown.hide()

        self.footer = QWidget(self)
        self.next_label = plain_label(self.footer, "stepNext")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.progress = _ProgressLine(self.footer)
        self.remaining = plain_label(self.footer, "remaining")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        footer_row = QHBoxLayout(self.footer)
        footer_row.setContentsMargins(0, 0, 0, 0)
        # Equal sides keep the progress line centred under the figure.
        footer_row.addWidget(self.next_label, 2)
        footer_row.addWidget(self.progress, 3)
        footer_row.addWidget(self.remaining, 2)
        self.summary = SummaryPanel(self)
        self.checkin = CheckInPanel(parent=self)
        self.bottom = QStackedWidget(self)
        self.bottom.addWidget(self.footer)
        self.bottom.addWidget(self.checkin)
        self.bottom.addWidget(self.summary)
        # Never squeezed: the figure gives way first.
        self.bottom.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self._layout = layout = QVBoxLayout(self)
        # Type scales with the space given; the surface never dictates its window's size.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.step_panel)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.countdown)
        layout.addSpacing(6)
        layout.addWidget(self.bottom)

        self._theme = DAY
        self._reduced_motion = False
        self._show_countdown = False
        self._far = False
        self._phase: Phase | None = None
        self._words: PhaseWords | None = None
        self._paused = False
        self._spoken = ""
        self._countdown_value: int | None = None
        # What the labels show, kept here so a frame compares strings, not Qt calls.
        self._shown_next = ""
        self._shown_remaining = ""
        self._shown_progress: bool | None = None
        self.next_change_in: float | None = None
        self._frame_seconds = display_frame_interval_ms() / 1000
        self._acknowledgement = ""
        self._acknowledged = QTimer(self)
        self._acknowledged.setSingleShot(True)
        self._acknowledged.setInterval(ACKNOWLEDGE_MS)
        self._apply_sizes()
        self._colour_words()
        self.show_footer()

    # -- settings ------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.canvas.set_theme(theme)
        self.step_panel.set_theme(theme)
        self.progress.set_theme(theme)
        self.checkin.set_theme(theme)
        self._colour_words()

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced_motion = reduced

    def set_countdown_visible(self, visible: bool) -> None:
        self._show_countdown = visible
        self.countdown.setVisible(visible and self._phase is not None)

    def set_distance_reading(self, far: bool) -> None:
        """Full screen is read from across a room: more air around everything."""
        self._far = far
        margin = 24 if far else 0
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self.checkin.set_distance_reading(far)
        self._apply_sizes()

    @property
    def distance_reading(self) -> bool:
        return self._far

    # -- what is shown -------------------------------------------------------------------
    def show_idle(self, title: str, hint: str, step: StepView | None = None) -> None:
        """Before a session (or after it): the figure at rest and a calm invitation."""
        self._phase, self._words = None, None
        self._spoken = ""  # the next session's first step is spoken even if it is the same
        self._countdown_value = None
        self.canvas.stop_settling()
        self.canvas.set_scene(resting_scene())
        self.title.setText(title)
        self.hint.setText(hint)
        self.countdown.hide()
        self._show_step(step)
        self.next_label.setText("")
        self.remaining.setText("")
        self._shown_next = self._shown_remaining = ""
        self._shown_progress = False
        self.progress.set_fraction(0.0)
        self.progress.hide()
        self._colour_words()
        say_when_focused(self, f"{title}. {hint[:1].upper()}{hint[1:]}." if hint else title)

    def settle(self, title: str, hint: str) -> None:
        """The session is over: the belly sinks slowly to rest and the words turn calm."""
        moving = self.canvas.scene
        self.show_idle(title, hint, None)
        if not self._reduced_motion:
            self.canvas.settle_from(moving)

    def show_state(self, state: SurfaceState) -> None:
        """Draw ``state``; afterwards :attr:`next_change_in` says when it next looks different.

        Called every frame: only what changed is handed to Qt.
        """
        breath = state.breath
        if self.canvas.settling:
            self.canvas.stop_settling()
        self.canvas.set_scene(pacer_scene(breath, self._reduced_motion))
        if breath.phase is not self._phase or state.words != self._words:
            self._phase, self._words = breath.phase, state.words
            self._show_phase_words()
        step = state.step
        self._show_step(step)
        next_text = step.next if step is not None else ""
        if self._acknowledged.isActive():
            next_text = self._acknowledgement
        if next_text != self._shown_next:
            self._shown_next = next_text
            self.next_label.setText(next_text)
        if state.remaining != self._shown_remaining:
            self._shown_remaining = state.remaining
            self.remaining.setText(state.remaining)
        with_progress = state.progress is not None
        if with_progress != self._shown_progress:
            self._shown_progress = with_progress
            self.progress.setVisible(with_progress)
        if state.progress is not None:
            self.progress.set_fraction(state.progress)
        counting = self._show_countdown and not step
        if counting:
            value = max(1, math.ceil(breath.phase_remaining - 1e-9))
            if value != self._countdown_value:
                self._countdown_value = value
                self.countdown.setText(str(value))
            if self.countdown.isVisible() == state.finished:
                self.countdown.setVisible(not state.finished)
        if state.announcement != self._spoken:
            self._spoken = state.announcement
            announce(self, state.announcement)
        self.next_change_in = self._next_change(state, counting)

    def _next_change(self, state: SurfaceState, counting: bool) -> float | None:
        """Practised seconds until anything shown here next changes; None when unknown."""
        if state.changes_in is None or self._acknowledged.isActive():
            return None
        figure = self.canvas.seconds_until_change(state.breath, self._reduced_motion)
        wait = state.changes_in
        if counting:
            wait = min(wait, until_whole_second(state.breath.phase_remaining))
        if state.progress is not None:
            if state.seconds_left is None:
                return None
            wait = min(wait, self.progress.seconds_until_change(state.seconds_left))
        if state.step is not None and state.step.countdown:
            if state.step.seconds_left is None:
                return None
            wait = min(wait, self.step_panel.ring.seconds_until_change(state.step.seconds_left))
        # A word, number or ring step due less than a display frame before the figure's next
        # step waits for it: both reach the screen in one frame, as a display would show
        # them anyway, and the figure itself is never kept waiting.
        if wait < figure <= wait + self._frame_seconds:
            return figure
        return min(wait, figure)

    def acknowledge(self, text: str) -> None:
        """A quiet word that something the person did was taken in (e.g. a moment noted);
        shown in the footer for a few seconds and spoken once."""
        self._acknowledgement = text
        self._acknowledged.start()
        self.next_label.setText(text)
        self._shown_next = text
        announce(self, text)

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if self._phase is not None:
            self._show_phase_words()

    def speak_pause(self, paused: bool) -> None:
        """Pausing and going on are said too; going on names the breath it continues with."""
        spoken = PAUSED_SPOKEN if paused else f"{CONTINUING_SPOKEN} {self._spoken}".strip()
        announce(self, spoken)

    def show_summary(self, sentence: str) -> None:
        """The ending: shown in the lower part, then focused, so every reader speaks it."""
        self.summary.present(sentence)
        self._show_bottom(self.summary)
        self.summary.speak()

    def show_footer(self) -> None:
        self._show_bottom(self.footer)

    def offer_checkin(self) -> None:
        """The question before a practice, waiting quietly on the idle page (it is read
        when focus reaches it, like any control)."""
        self.checkin.set_quiet(True)
        self.checkin.ask(before=True)
        self._show_bottom(self.checkin)

    def ask_checkin(self, before: bool) -> None:
        """The optional check-in: how tense the body feels, before or after a session."""
        self.checkin.set_quiet(False)
        self.checkin.ask(before)
        self._show_bottom(self.checkin)
        speak_on_appearance(self.checkin, self.checkin.question.text(), KEY_HINT)

    @property
    def checkin_shown(self) -> bool:
        return self.bottom.currentWidget() is self.checkin

    def _show_bottom(self, widget: QWidget) -> None:
        # Only the shown part takes room, so the figure keeps all the space it can.
        for page in (self.footer, self.checkin, self.summary):
            policy = QSizePolicy.Policy.Preferred if page is widget else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.bottom.setCurrentWidget(widget)
        self.bottom.adjustSize()
        self.updateGeometry()

    @property
    def summary_shown(self) -> bool:
        return self.bottom.currentWidget() is self.summary

    # -- drawing -------------------------------------------------------------------------
    def _show_step(self, step: StepView | None) -> None:
        if step is None:
            if self.step_panel.isVisibleTo(self):
                self.step_panel.hide()
            return
        self.step_panel.show_step(step)
        if not self.step_panel.isVisibleTo(self):
            self.step_panel.show()

    def _show_phase_words(self) -> None:
        words = self._words
        assert words is not None
        self.title.setText(words.title)
        self.hint.setText(PAUSED_HINT if self._paused else words.hint)
        self._colour_words()

    def _colour_words(self) -> None:
        theme = self._theme
        letting_go = self._phase in LET_GO_PHASES
        title_colour = theme.exhale_words if letting_go else theme.text
        self.title.setStyleSheet(f"color: {title_colour.name()};")
        for label in (self.hint, self.countdown, self.next_label, self.remaining):
            label.setStyleSheet(f"color: {theme.muted_text.name()};")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def sizeHint(self) -> QSize:
        return QSize(800, 480)

    def _apply_sizes(self) -> None:
        unit = max(min(self.height() / 34.0, self.width() / 46.0), 9.0)
        for label, scale, weight in (
            (self.title, 2.5, QFont.Weight.Normal),
            (self.hint, 1.2, QFont.Weight.Normal),
            (self.countdown, 1.5, QFont.Weight.Light),
            (self.next_label, 0.95, QFont.Weight.Normal),
            (self.remaining, 0.95, QFont.Weight.Normal),
        ):
            font = QFont(label.font())
            font.setPixelSize(max(round(unit * scale), 11))
            font.setWeight(weight)
            if label.font() != font:
                label.setFont(font)
        self.step_panel.set_unit(unit)
        self.summary.set_unit(unit)
