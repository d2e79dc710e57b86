"""Small legends under the charts: a swatch drawn like the chart draws it, and plain words."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pacer.ui.history.style import HistoryColours

SWATCH = 16


class Mark(Enum):
    BAR = "bar"  # minutes of a day
    BAND = "band"  # days in a row
    PRACTISED_DAY = "practised"
    REST_DAY = "rest"
    QUIET_DAY = "quiet"
    BEFORE = "before"  # tension before practice: an open circle
    AFTER = "after"  # tension after practice: a filled circle
    FEELING = "feeling"


class Swatch(QWidget):
    def __init__(self, mark: Mark, colours: HistoryColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = mark
        self.colours = colours
        self.setFixedSize(QSize(SWATCH, SWATCH))

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = self.colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(1, 1, SWATCH - 2, SWATCH - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        mark = self.mark
        if mark is Mark.BAR:
            painter.setBrush(c.accent)
            painter.drawRect(QRectF(4, 3, SWATCH - 8, SWATCH - 4))
        elif mark is Mark.BAND:
            painter.setBrush(c.run_band)
            painter.drawRect(box)
        elif mark in (Mark.PRACTISED_DAY, Mark.REST_DAY):
            painter.setBrush(c.accent if mark is Mark.PRACTISED_DAY else c.rest_day)
            painter.drawRoundedRect(box, 4, 4)
        elif mark is Mark.QUIET_DAY:
            painter.setPen(QPen(c.empty_day, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 4, 4)
        elif mark is Mark.BEFORE:
            painter.setPen(QPen(c.neutral, 2))
            painter.setBrush(c.background)
            painter.drawEllipse(QRectF(3, 3, SWATCH - 6, SWATCH - 6))
        else:  # AFTER, FEELING: the accent, filled
            painter.setBrush(c.accent)
            painter.drawEllipse(QRectF(3, 3, SWATCH - 6, SWATCH - 6))
        painter.end()


class Legend(QWidget):
    """Swatches with their words, in a row or (``stacked``) one under another."""

    def __init__(
        self,
        entries: list[tuple[Mark | None, str]],
        colours: HistoryColours,
        parent: QWidget | None = None,
        *,
        stacked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyLegend")
        self.swatches: list[Swatch] = []
        self.labels: list[QLabel] = []
        outer: QBoxLayout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4 if stacked else 16)
        for mark, words in entries:  # a mark of None: words alone
            entry = QHBoxLayout()
            entry.setSpacing(6)
            if mark is not None:
                swatch = Swatch(mark, colours, self)
                entry.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
                self.swatches.append(swatch)
            label = QLabel(words, self)
            entry.addWidget(label, 0, Qt.AlignmentFlag.AlignVCenter)
            entry.addStretch(1)
            outer.addLayout(entry)
            self.labels.append(label)
        outer.addStretch(1)
        self.setAccessibleName("Legend: " + "; ".join(words for _, words in entries))

    def text(self) -> str:
        return " ".join(label.text() for label in self.labels)

    def set_colours(self, colours: HistoryColours) -> None:
        for swatch in self.swatches:
            swatch.colours = colours
            swatch.update()
