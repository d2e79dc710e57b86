"""A grid of recent weeks: accent squares on days you practised, a neutral for rest days.

Empty days are drawn as quiet outlines, never marked. Clicking a day without practice
(today or earlier) marks or unmarks it as a rest day.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pacer.core.history.model import CalendarDay
from pacer.ui.history.style import HistoryColours

CELL = 18
GAP = 4
LABEL_WIDTH = 30
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class PracticeCalendar(QWidget):
    """Columns are weeks (oldest left), rows are weekdays, Monday at the top."""

    rest_day_toggled = Signal(date)

    def __init__(self, colours: HistoryColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceCalendar")
        self._colours = colours
        self._weeks: list[list[CalendarDay]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_colours(self, colours: HistoryColours) -> None:
        self._colours = colours
        self.update()

    def set_weeks(self, weeks: list[list[CalendarDay]]) -> None:
        self._weeks = weeks
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        columns = max(len(self._weeks), 1)
        return QSize(LABEL_WIDTH + columns * (CELL + GAP), 7 * (CELL + GAP))

    def _cell_rect(self, week: int, weekday: int) -> QRectF:
        return QRectF(LABEL_WIDTH + week * (CELL + GAP), weekday * (CELL + GAP), CELL, CELL)

    def day_at(self, point: QPointF) -> CalendarDay | None:
        for week, days in enumerate(self._weeks):
            for weekday, day in enumerate(days):
                if self._cell_rect(week, weekday).contains(point):
                    return day
        return None

    def paintEvent(self, _event) -> None:
        colours = self._colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colours.faint_text)
        for weekday, label in enumerate(WEEKDAY_LABELS):
            if label:
                rect = QRectF(0, weekday * (CELL + GAP), LABEL_WIDTH - 4, CELL)
                painter.drawText(
                    rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
                )
        for week, days in enumerate(self._weeks):
            for weekday, day in enumerate(days):
                rect = self._cell_rect(week, weekday)
                if day.future:
                    continue
                if day.practised:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colours.accent)
                elif day.rest:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(colours.rest_day)
                else:
                    painter.setPen(QPen(colours.empty_day, 1.5))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
                if day.today:
                    ring = QColor(colours.text)
                    ring.setAlphaF(0.5)
                    painter.setPen(QPen(ring, 1.2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 6, 6)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            day = self.day_at(
                event.position() if hasattr(event, "position") else QPointF(event.pos())
            )
            self.setToolTip(self._describe(day) if day else "")
        return super().event(event)

    @staticmethod
    def _describe(day: CalendarDay) -> str:
        when = day.day.strftime("%A %d %B")
        if day.future:
            return when
        if day.practised:
            return f"{when}: {round(day.minutes) or 'under 1'} min of practice"
        if day.rest:
            return f"{when}: a rest day (click to unmark)"
        return f"{when} (click to mark as a rest day)"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position())
            if day is not None and not day.future and not day.practised:
                self.rest_day_toggled.emit(day.day)
                return
        super().mouseReleaseEvent(event)
