"""Quiet charts on one shared date axis: minutes per day, check-ins, feelings.

- No goal lines, targets or thresholds; one accent colour plus neutrals.
- Feelings and check-ins are points, never lines across gaps: the only line drawn is the
  short vertical one between a session's own "before" and "after".
- The mouse wheel over a chart scrolls the page; Ctrl+wheel (or the page's buttons) zooms
  the time axis. Only the time axis zooms and pans, within the span of the log.
- A new snapshot (a session ended, a note, another kind chosen) and a change of colours
  keep the zoom the user chose; only the very first snapshot sets the opening range.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent

from pacer.core.history.model import (
    BAR_WIDTH_SECONDS,
    DAY_SECONDS,
    FEELING_LABELS,
    MIN_VIEW_DAYS,
    HistorySnapshot,
)
from pacer.ui.history.style import HistoryColours

_NO_PEN = pg.mkPen(None)
# Every chart shares one left-axis width so their linked date axes line up.
LEFT_AXIS_WIDTH = 130
ZOOM_STEP = 1.6  # one press of + or −


class DateChart(pg.PlotWidget):
    """A plot on the shared date axis that lets the page scroll and remembers its zoom."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        super().__init__(
            parent=parent,
            axisItems={"bottom": pg.DateAxisItem(orientation="bottom")},
            # No context menu: it is never shown, and building it is most of a chart's cost.
            viewBox=pg.ViewBox(enableMenu=False, defaultPadding=0.02),
        )
        self.setAntialiasing(True)
        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=True, y=False)
        plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self.colours = colours
        self._limits = (0.0, MIN_VIEW_DAYS * DAY_SECONDS)
        self.apply_colours(colours)

    @property
    def view_box(self) -> pg.ViewBox:
        return self.getPlotItem().getViewBox()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)  # zoom the time axis around the pointer
        else:
            event.ignore()  # the page around the chart scrolls

    def apply_colours(self, colours: HistoryColours) -> None:
        """Recolour in place: the zoom and the data stay as they are."""
        self.colours = colours
        self.setBackground(colours.background)
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(colours.faint_text))
            axis.setTextPen(pg.mkPen(colours.text))

    def limit_to(self, snapshot: HistorySnapshot) -> None:
        low, high = snapshot.x_limits
        self._limits = (low, high)
        self.view_box.setLimits(
            xMin=low,
            xMax=high,
            minXRange=MIN_VIEW_DAYS * DAY_SECONDS,
            maxXRange=max(high - low, MIN_VIEW_DAYS * DAY_SECONDS),
        )

    def zoom(self, factor: float) -> None:
        """Show ``factor`` times as much time (below 1: closer), around the middle, never
        closer than a week nor wider than the log."""
        (left, right), (low, high) = self.view_box.viewRange()[0], self._limits
        widest = max(high - low, MIN_VIEW_DAYS * DAY_SECONDS)
        span = min(max((right - left) * factor, MIN_VIEW_DAYS * DAY_SECONDS), widest)
        start = min(max((left + right - span) / 2, low), max(high - span, low))
        self.view_box.setXRange(start, start + span, padding=0)


class MinutesChart(DateChart):
    """Minutes practised per day as bars centred at local noon; runs as shaded spans."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        self.bands = pg.BarGraphItem(x0=[], x1=[], y0=[], height=[], pen=_NO_PEN)
        self.bars = pg.BarGraphItem(x=[], width=BAR_WIDTH_SECONDS, height=[], pen=_NO_PEN)
        super().__init__(colours, parent)
        self.setObjectName("minutesChart")
        plot = self.getPlotItem()
        plot.setLabel("left", "minutes")
        view = plot.getViewBox()
        view.setLimits(yMin=0)
        view.enableAutoRange(axis="y", enable=True)
        view.setAutoVisible(y=True)
        plot.addItem(self.bands, ignoreBounds=True)
        plot.addItem(self.bars)
        self.setAccessibleName("Minutes you practised each day")
        self._ranged = False

    def apply_colours(self, colours: HistoryColours) -> None:
        super().apply_colours(colours)
        self.bands.setOpts(brush=colours.run_band)
        self.bars.setOpts(brush=colours.accent)

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        self.bars.setOpts(x=snapshot.bar_x, height=snapshot.bar_minutes, width=BAR_WIDTH_SECONDS)
        # Bands reach well above the tallest bar; the view clips them to its height.
        top = max(snapshot.max_minutes, 1.0) * 20
        count = snapshot.run_x0.size
        self.bands.setOpts(
            x0=snapshot.run_x0, x1=snapshot.run_x1, y0=np.zeros(count), height=np.full(count, top)
        )
        self.limit_to(snapshot)
        if not self._ranged:
            self.getPlotItem().setXRange(*snapshot.initial_x_range, padding=0)
            self._ranged = True
        if snapshot.empty:
            self.getPlotItem().setYRange(0, 10, padding=0)


class CheckInChart(DateChart):
    """Tension before (open circle) and after (filled) each session, joined only within it."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        self.within = pg.PlotDataItem([], [], connect="pairs")
        self.before = pg.ScatterPlotItem([], [], size=9, symbol="o")
        self.after = pg.ScatterPlotItem([], [], size=9, symbol="o", pen=_NO_PEN)
        super().__init__(colours, parent)
        self.setObjectName("checkInChart")
        plot = self.getPlotItem()
        plot.getAxis("left").setTicks([[(0, "0 soft"), (5, "5"), (10, "10 tense")], []])
        plot.setYRange(-0.6, 10.6, padding=0)
        for item in (self.within, self.before, self.after):
            plot.addItem(item)
        self.setAccessibleName("How tense you felt before and after each session")

    def apply_colours(self, colours: HistoryColours) -> None:
        super().apply_colours(colours)
        self.within.setPen(pg.mkPen(colours.neutral, width=1.5))
        self.before.setPen(pg.mkPen(colours.neutral, width=1.8))
        self.before.setBrush(pg.mkBrush(colours.background))
        self.after.setBrush(pg.mkBrush(colours.accent))

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        ins = snapshot.check_ins
        self.within.setData(ins.segment_x, ins.segment_y, connect="pairs")
        answered_before = ~np.isnan(ins.before)
        answered_after = ~np.isnan(ins.after)
        self.before.setData(ins.x[answered_before], ins.before[answered_before])
        self.after.setData(ins.x[answered_after], ins.after[answered_after])
        self.limit_to(snapshot)
        self.getPlotItem().setYRange(-0.6, 10.6, padding=0)


class FeelingsChart(DateChart):
    """How you said you felt after sessions: points with words on the side, never numbers."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        self.points = pg.ScatterPlotItem([], [], size=8, symbol="o", pen=_NO_PEN)
        super().__init__(colours, parent)
        self.setObjectName("feelingsChart")
        plot = self.getPlotItem()
        ticks = [(i + 1, label) for i, label in enumerate(FEELING_LABELS)]
        plot.getAxis("left").setTicks([ticks, []])
        plot.setYRange(0.6, len(FEELING_LABELS) + 0.4, padding=0)
        plot.addItem(self.points)
        self.setAccessibleName("How you felt after the sessions where you noted it")

    def apply_colours(self, colours: HistoryColours) -> None:
        super().apply_colours(colours)
        self.points.setBrush(pg.mkBrush(colours.accent))

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        self.points.setData(snapshot.feeling_x, snapshot.feeling_calm)
        self.limit_to(snapshot)
        self.getPlotItem().setYRange(0.6, len(FEELING_LABELS) + 0.4, padding=0)
