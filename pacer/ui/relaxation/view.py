"""The relaxation sequence on screen: what to do now, for how long, and what comes next.

The view only draws a :class:`~pacer.core.relaxation.timeline.RelaxationSnapshot`; its
words come from :mod:`pacer.core.relaxation.words`. Clench and rest are told apart by
their words, a warm or a cool calm tint and a thicker or thinner ring — never by red.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pacer.core.relaxation.timeline import RelaxationSnapshot, Stage
from pacer.core.relaxation.words import KEEP_BREATHING, describe

# One calm accent per kind of step; blended into the system palette so light and dark
# both keep their own background and text contrast.
STAGE_ACCENTS: dict[Stage, QColor] = {
    Stage.LEAD_IN: QColor("#7f9cc4"),  # dusk blue
    Stage.CLENCH: QColor("#d8a24a"),  # warm ochre
    Stage.RELEASE: QColor("#4fa89c"),  # soft sea green
    Stage.CLOSING: QColor("#7f9cc4"),
    Stage.FINISHED: QColor("#8fa3b8"),
}
DIAL_STEPS = 240  # the step ring moves in 1.5° steps: smooth, and few repaints


def _blend(base: QColor, over: QColor, amount: float) -> QColor:
    keep = 1.0 - amount
    return QColor.fromRgbF(
        base.redF() * keep + over.redF() * amount,
        base.greenF() * keep + over.greenF() * amount,
        base.blueF() * keep + over.blueF() * amount,
    )


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class _StepDial(QWidget):
    """A ring that fills slowly over the step; the countdown sits in its middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filled = 0  # of DIAL_STEPS
        self._stage = Stage.LEAD_IN
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_state(self, stage: Stage, progress: float) -> None:
        filled = round(min(max(progress, 0.0), 1.0) * DIAL_STEPS)
        if filled != self._filled or stage is not self._stage:
            self._filled = filled
            self._stage = stage
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        if side <= 8:
            return
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = STAGE_ACCENTS[self._stage]
        clenching = self._stage is Stage.CLENCH
        width = side * (0.085 if clenching else 0.04)
        rect = QRectF(
            (self.width() - side) / 2 + width / 2,
            (self.height() - side) / 2 + width / 2,
            side - width,
            side - width,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        track = QPen(_blend(window, text, 0.12), width)
        painter.setPen(track)
        painter.drawEllipse(rect)
        if self._filled and self._stage is not Stage.FINISHED:
            arc = QPen(_blend(window, accent, 0.9 if _is_dark(palette) else 1.0), width)
            arc.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(arc)
            painter.drawArc(rect, 90 * 16, -round(self._filled / DIAL_STEPS * 360 * 16))
        painter.end()


class _ProgressLine(QWidget):
    """A slim rounded bar for the whole sequence; repaints only when a pixel changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._drawn = -1
        self.setFixedHeight(8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(max(fraction, 0.0), 1.0)
        if round(self._fraction * self.width()) != self._drawn:
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        radius = self.height() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_blend(window, text, 0.12))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        self._drawn = round(self._fraction * self.width())
        if self._drawn > 0:
            painter.setBrush(_blend(window, text, 0.45))
            filled = QRectF(0, 0, max(self._drawn, self.height()), self.height())
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


BREATH_ASPECT = 2.3  # the small pacer is the lying-down figure, wider than tall


class RelaxationView(QWidget):
    """Draws one relaxation snapshot at a time; holds no timing of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(False)
        self._stage: Stage | None = None
        self._spoken = ""
        self._breath_widget: QWidget | None = None
        self.setAccessibleName("Progressive relaxation")

        def label(name: str, *, wrap: bool = False) -> QLabel:
            widget = QLabel(self)
            widget.setObjectName(name)
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setWordWrap(wrap)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            return widget

        self.where_label = label("where")
        self.heading_label = label("heading")
        self.effort_label = label("effort")
        self.instruction_label = label("instruction", wrap=True)
        self.countdown_label = label("countdown")
        self.next_label = label("next")
        self.remaining_label = label("remaining")
        self.reminder_label = label("reminder")
        self.reminder_label.setText(KEEP_BREATHING)
        self.reminder_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.instruction_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum
        )

        self._dial = _StepDial(self)
        dial_box = QGridLayout()
        dial_box.setContentsMargins(0, 0, 0, 0)
        dial_box.addWidget(self._dial, 0, 0)
        dial_box.addWidget(self.countdown_label, 0, 0, Qt.AlignmentFlag.AlignCenter)

        self._breath_slot = QWidget(self)
        self._breath_slot.setObjectName("breath-slot")
        slot_layout = QVBoxLayout(self._breath_slot)
        slot_layout.setContentsMargins(0, 0, 0, 0)
        breathing_row = QHBoxLayout()
        breathing_row.addStretch(1)
        breathing_row.addWidget(self._breath_slot)
        breathing_row.addSpacing(12)
        breathing_row.addWidget(self.reminder_label)
        breathing_row.addStretch(1)

        self._progress = _ProgressLine(self)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self._progress, 1)
        progress_row.addSpacing(12)
        progress_row.addWidget(self.remaining_label)

        # One centred column, its width tied to the type size so lines stay easy to read.
        self._column = QWidget(self)
        column = QVBoxLayout(self._column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.where_label)
        column.addWidget(self.heading_label)
        column.addWidget(self.effort_label)
        column.addSpacing(8)
        column.addLayout(dial_box)
        column.addSpacing(8)
        column.addWidget(self.instruction_label)
        column.addLayout(breathing_row)
        column.addWidget(self.next_label)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self._column, 100)
        centred.addStretch(1)

        layout = QVBoxLayout(self)
        # The type scales to the space given; the view never dictates its window's size.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(1)
        layout.addLayout(progress_row)
        self._apply_text_colours()
        self._apply_sizes()

    # --- what the owner calls -------------------------------------------------------

    def set_breath_widget(self, widget: QWidget) -> None:
        """Place the small breathing pacer beside the "keep breathing" reminder."""
        layout = self._breath_slot.layout()
        if self._breath_widget is not None:
            layout.removeWidget(self._breath_widget)
            self._breath_widget.setParent(None)
        self._breath_widget = widget
        layout.addWidget(widget)
        widget.show()
        self._apply_sizes()

    def breath_widget(self) -> QWidget | None:
        return self._breath_widget

    def set_snapshot(self, snapshot: RelaxationSnapshot) -> None:
        words = describe(snapshot)
        for widget, text in (
            (self.where_label, words.where),
            (self.heading_label, words.heading),
            (self.effort_label, words.effort),
            (self.instruction_label, words.instruction),
            (self.countdown_label, words.countdown),
            (self.next_label, words.next),
            (self.remaining_label, words.remaining),
        ):
            if widget.text() != text:
                widget.setText(text)
        if snapshot.stage is not self._stage:
            closing_changed = Stage.CLOSING in (snapshot.stage, self._stage)
            self._stage = snapshot.stage
            if closing_changed:
                self._apply_sizes()  # the breathing pacer grows for the closing breathing
            self.update()  # the background tint
        self._dial.set_state(snapshot.stage, snapshot.step_progress)
        self._progress.set_fraction(snapshot.progress)
        if words.spoken != self._spoken:
            self._spoken = words.spoken
            self._announce(words.heading, words.spoken)

    @property
    def stage(self) -> Stage | None:
        return self._stage

    # --- drawing ------------------------------------------------------------------

    def _announce(self, heading: str, spoken: str) -> None:
        self.setAccessibleName(f"Progressive relaxation: {heading}")
        self.setAccessibleDescription(spoken)
        if QAccessible.isActive():
            event = QAccessibleAnnouncementEvent(self, spoken)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
            QAccessible.updateAccessibility(event)

    def background_colour(self) -> QColor:
        window = self.palette().color(QPalette.ColorRole.Window)
        accent = STAGE_ACCENTS[self._stage or Stage.LEAD_IN]
        return _blend(window, accent, 0.24 if _is_dark(self.palette()) else 0.2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.background_colour())
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_text_colours()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def _apply_text_colours(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        quiet = _blend(text, window, 0.3)  # still well above AA contrast on the tint
        for widget in (self.where_label, self.next_label, self.remaining_label):
            muted = widget.palette()
            muted.setColor(QPalette.ColorRole.WindowText, quiet)
            widget.setPalette(muted)

    def _apply_sizes(self) -> None:
        """Type scales with the window so it can be read from across a room."""
        unit = max(min(self.height() / 42.0, self.width() / 44.0), 10.0)
        sizes = {
            self.where_label: (1.1, QFont.Weight.Normal),
            self.heading_label: (3.4, QFont.Weight.DemiBold),
            self.effort_label: (1.9, QFont.Weight.Normal),
            self.countdown_label: (2.4, QFont.Weight.Light),
            self.instruction_label: (1.25, QFont.Weight.Normal),
            self.reminder_label: (1.1, QFont.Weight.Normal),
            self.next_label: (1.1, QFont.Weight.Normal),
            self.remaining_label: (1.0, QFont.Weight.Normal),
        }
        for widget, (scale, weight) in sizes.items():
            font = QFont(self.font())
            font.setPixelSize(round(unit * scale))
            font.setWeight(weight)
            if widget.font() != font:
                widget.setFont(font)
        # Keep the effort line's height even when it is empty, so nothing jumps.
        self.effort_label.setMinimumHeight(round(unit * 1.9 * 1.3))
        self.heading_label.setMinimumHeight(round(unit * 3.4 * 1.3))
        dial = round(unit * 7)
        self._dial.setFixedSize(QSize(dial, dial))
        self._column.setMaximumWidth(max(round(unit * 40), 240))
        self.where_label.setMinimumHeight(round(unit * 1.1 * 1.3))
        pacer = round(unit * (7.0 if self._stage is Stage.CLOSING else 4.0))
        self._breath_slot.setFixedSize(QSize(round(pacer * BREATH_ASPECT), pacer))
