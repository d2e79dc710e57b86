"""The pacer as a person sees it: the breathing picture, the phase words, an optional countdown."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.scene import pacer_scene
from pacer.core.breathing.timeline import BreathSnapshot
from pacer.core.breathing.wording import PHASE_WORDS
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common.announce import announce
from pacer.ui.common.theme import DAY, Theme

LET_GO_PHASES = {Phase.EXHALE, Phase.REST}
PAUSED_HINT = "Paused — take all the time you need"


class PacerView(QWidget):
    def __init__(self, parent: QWidget | None = None, *, title_scale: float = 2.4) -> None:
        super().__init__(parent)
        self.canvas = BellyCanvas(self)
        self.title = QLabel(self)
        self.hint = QLabel(self)
        self.countdown = QLabel(self)
        for label in (self.title, self.hint, self.countdown):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("phaseTitle")
        self.hint.setObjectName("phaseHint")
        self.countdown.setObjectName("phaseCountdown")
        self._base_point_size = max(self.font().pointSizeF(), 9.0)
        self._title_scale = title_scale
        self.set_distance_reading(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.countdown)
        self._theme = DAY
        self._reduced_motion = False
        self._show_countdown = False
        self._phase: Phase | None = None
        self._countdown_value: int | None = None
        self.countdown.hide()
        self.show_idle("Find a comfortable position", "one hand on your chest, one on your belly")

    def set_distance_reading(self, far: bool) -> None:
        """Full screen is read from across a room: larger words."""
        boost = 1.8 if far else 1.0
        for label, factor in (
            (self.title, self._title_scale * boost),
            (self.hint, 1.25 * boost),
            (self.countdown, 1.6 * boost),
        ):
            font = QFont(label.font())
            font.setPointSizeF(self._base_point_size * factor)
            label.setFont(font)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.canvas.set_theme(theme)
        self._colour_words()

    def set_reduced_motion(self, reduced: bool) -> None:
        self._reduced_motion = reduced

    def set_countdown_visible(self, visible: bool) -> None:
        self._show_countdown = visible
        self.countdown.setVisible(visible and self._phase is not None)

    def show_idle(self, title: str, hint: str) -> None:
        self._phase = None
        self._countdown_value = None
        self.title.setText(title)
        self.hint.setText(hint)
        self.countdown.hide()
        self._colour_words()

    def show_snapshot(self, snapshot: BreathSnapshot) -> None:
        self.canvas.set_scene(pacer_scene(snapshot, self._reduced_motion))
        if snapshot.phase is not self._phase:
            self._phase = snapshot.phase
            words = PHASE_WORDS[snapshot.phase]
            self.title.setText(words.title)
            self.hint.setText(words.hint)
            self._colour_words()
            announce(self, words.announcement)
        if self._show_countdown:
            value = max(1, math.ceil(snapshot.phase_remaining - 1e-9))
            if value != self._countdown_value:
                self._countdown_value = value
                self.countdown.setText(str(value))
            self.countdown.setVisible(not snapshot.finished)

    def set_paused(self, paused: bool) -> None:
        if self._phase is not None:
            self.hint.setText(PAUSED_HINT if paused else PHASE_WORDS[self._phase].hint)

    def _colour_words(self) -> None:
        theme = self._theme
        letting_go = self._phase in LET_GO_PHASES
        title_colour = theme.exhale_words if letting_go else theme.text
        self.title.setStyleSheet(f"color: {title_colour.name()};")
        self.hint.setStyleSheet(f"color: {theme.muted_text.name()};")
        self.countdown.setStyleSheet(f"color: {theme.muted_text.name()};")
