"""The step of a practice with steps (relaxation, trainer practice), standing large above the figure.

Told apart by words and a calm warm or cool tint — never by red. The ring around the
countdown fills over the step and is thicker while clenching, so a glance says which it is.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from pacer.core.pacing import step_index, until_linear_step
from pacer.core.surface import StepTone, StepView
from pacer.ui.common.labels import plain_label
from pacer.ui.common.theme import DAY, Theme, mix

RING_STEPS = 240  # the ring moves in 1.5° steps: smooth, and few repaints
RING_WHOLE_EVERY = 24  # steps between whole repaints of the ring (others: its end only)


def tone_colour(theme: Theme, tone: StepTone) -> QColor:
    return {
        StepTone.CALM: theme.muted_text,
        StepTone.CLENCH: theme.inhale,
        StepTone.RELEASE: theme.exhale,
        StepTone.INVITE: theme.exhale,
    }[tone]


class StepRing(QWidget):
    """A ring that fills slowly over the step; the countdown sits in its middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filled = 0
        self._progress = 0.0
        self._tone = StepTone.CALM
        self._theme = DAY
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_state(self, tone: StepTone, progress: float) -> None:
        self._progress = progress = min(max(progress, 0.0), 1.0)
        filled, before = step_index(progress, RING_STEPS), self._filled
        if filled == before and tone is self._tone:
            return
        whole = tone is not self._tone or not filled or not before or abs(filled - before) > 2
        # Each longer arc is flattened a little differently along its whole length; a whole
        # repaint now and then keeps that anti-aliasing drift from adding up.
        whole = whole or filled // RING_WHOLE_EVERY != before // RING_WHOLE_EVERY
        self._filled, self._tone = filled, tone
        if whole or self._geometry() is None:
            self.update()
        else:
            # Only the round end of the arc moved: repainting just there leaves the
            # countdown in the middle (and everything behind the ring) alone.
            self.update(self._arc_end(before).united(self._arc_end(filled)).toAlignedRect())

    def _geometry(self) -> tuple[QRectF, float] | None:
        """The circle the ring is drawn on, and the ring's width."""
        side = min(self.width(), self.height())
        if side <= 8:
            return None
        width = side * (0.09 if self._tone is StepTone.CLENCH else 0.045)
        rect = QRectF(
            (self.width() - side) / 2 + width / 2,
            (self.height() - side) / 2 + width / 2,
            side - width,
            side - width,
        )
        return rect, width

    def _span(self, filled: int) -> int:
        """The filled arc, in 1/16 degrees clockwise from twelve o'clock."""
        return -round(filled / RING_STEPS * 360 * 16)

    def _arc_end(self, filled: int) -> QRectF:
        """Where the filled arc's round end lies, with room for anti-aliasing."""
        geometry = self._geometry()
        assert geometry is not None
        rect, width = geometry
        angle = math.radians(90 + self._span(filled) / 16)
        centre = rect.center()
        x = centre.x() + rect.width() / 2 * math.cos(angle)
        y = centre.y() - rect.height() / 2 * math.sin(angle)
        reach = width / 2 + 2
        return QRectF(x - reach, y - reach, 2 * reach, 2 * reach)

    def seconds_until_change(self, seconds_left: float) -> float:
        """Seconds until the ring fills by another step, ``seconds_left`` before the step ends."""
        if seconds_left <= 0 or self._progress >= 1.0:
            return math.inf
        rate = (1.0 - self._progress) / seconds_left
        return until_linear_step(self._progress, rate, RING_STEPS)

    def paintEvent(self, event: QPaintEvent) -> None:
        geometry = self._geometry()
        if geometry is None:
            return
        rect, width = geometry
        theme = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(mix(theme.background, theme.text, 0.12), width))
        painter.drawEllipse(rect)
        if self._filled:
            arc = QPen(tone_colour(theme, self._tone), width)
            arc.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(arc)
            painter.drawArc(rect, 90 * 16, self._span(self._filled))
        painter.end()


class StepPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.where = plain_label(self, "stepWhere")
        self.heading = plain_label(self, "stepHeading", wrap=True)
        self.detail = plain_label(self, "stepDetail", wrap=True)
        self.countdown = plain_label(self, "stepCountdown")
        self.ring = StepRing(self)
        ring_box = QGridLayout()
        ring_box.setContentsMargins(0, 0, 0, 0)
        ring_box.addWidget(self.ring, 0, 0)
        ring_box.addWidget(self.countdown, 0, 0, Qt.AlignmentFlag.AlignCenter)
        self.words = QWidget(self)
        words = QVBoxLayout(self.words)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(2)
        words.addWidget(self.where)
        words.addWidget(self.heading)
        words.addWidget(self.detail)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.words, 100)
        row.addSpacing(16)
        row.addLayout(ring_box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        self._theme = DAY
        self._tone = StepTone.CALM
        self._labels = (self.where, self.heading, self.detail, self.countdown)
        self._texts = ("", "", "", "")
        self._with_ring: bool | None = None
        self._unit = 12.0
        self.set_unit(self._unit)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.ring.set_theme(theme)
        self._colour()

    def show_step(self, step: StepView) -> None:
        """Called every frame: only what changed is handed to Qt."""
        texts = (step.where, step.heading, step.detail, step.countdown)
        if texts != self._texts:
            for label, text, before in zip(self._labels, texts, self._texts, strict=True):
                if text != before:
                    label.setText(text)
            self._texts = texts
        if step.tone is not self._tone:
            self._tone = step.tone
            self._colour()
        self.ring.set_state(step.tone, step.progress)
        with_ring = bool(step.countdown)
        if with_ring != self._with_ring:
            self._with_ring = with_ring
            self.ring.setVisible(with_ring)

    def set_unit(self, unit: float) -> None:
        """Type sized from the space the surface has, so it reads from across a room."""
        self._unit = unit
        for label, scale, weight in (
            (self.where, 1.05, QFont.Weight.Normal),
            (self.heading, 2.3, QFont.Weight.DemiBold),
            (self.detail, 1.15, QFont.Weight.Normal),
            (self.countdown, 1.9, QFont.Weight.Light),
        ):
            font = QFont(label.font())
            font.setPixelSize(max(round(unit * scale), 11))
            font.setWeight(weight)
            label.setFont(font)
        side = max(round(unit * 4.6), 40)
        self.ring.setFixedSize(QSize(side, side))
        # Lines stay a comfortable length to read, even on a wide screen.
        self.words.setMaximumWidth(max(round(unit * 44), 320))

    def _colour(self) -> None:
        theme = self._theme
        self.where.setStyleSheet(f"color: {theme.muted_text.name()};")
        self.detail.setStyleSheet(f"color: {theme.text.name()};")
        self.heading.setStyleSheet(f"color: {theme.text.name()};")
        self.countdown.setStyleSheet(f"color: {theme.text.name()};")
