"""Two quiet charts on a date axis: minutes per day with runs as soft bands, and feelings.

No goal lines, targets or thresholds. Only the time axis zooms and pans, within the
span of the log; the vertical scale follows the bars in view.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from pacer.core.history.model import (
    BAR_WIDTH_SECONDS,
    DAY_SECONDS,
    FEELING_LABELS,
    MIN_VIEW_DAYS,
    HistorySnapshot,
)
from pacer.ui.history.style import HistoryColours

_NO_PEN = pg.mkPen(None)
# Both charts share one left-axis width so their linked date axes line up.
LEFT_AXIS_WIDTH = 130


def _quiet_plot(widget: pg.PlotWidget, colours: HistoryColours) -> pg.PlotItem:
    widget.setBackground(colours.background)
    widget.setAntialiasing(True)
    plot = widget.getPlotItem()
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=True, y=False)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(colours.faint_text))
        axis.setTextPen(pg.mkPen(colours.text))
    plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
    plot.getViewBox().setDefaultPadding(0.02)
    return plot


def _limit_x(plot: pg.PlotItem, snapshot: HistorySnapshot) -> None:
    low, high = snapshot.x_limits
    span = high - low
    plot.getViewBox().setLimits(
        xMin=low,
        xMax=high,
        minXRange=MIN_VIEW_DAYS * DAY_SECONDS,
        maxXRange=max(span, MIN_VIEW_DAYS * DAY_SECONDS),
    )


class MinutesChart(pg.PlotWidget):
    """Minutes practised per day as bars centred at local noon; runs as shaded spans."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setObjectName("minutesChart")
        self._colours = colours
        plot = _quiet_plot(self, colours)
        plot.setLabel("left", "minutes")
        view = plot.getViewBox()
        view.setLimits(yMin=0)
        view.enableAutoRange(axis="y", enable=True)
        view.setAutoVisible(y=True)
        self.bands = pg.BarGraphItem(
            x0=[], x1=[], y0=[], height=[], brush=colours.run_band, pen=_NO_PEN
        )
        self.bars = pg.BarGraphItem(
            x=[], width=BAR_WIDTH_SECONDS, height=[], brush=colours.bar, pen=_NO_PEN
        )
        plot.addItem(self.bands, ignoreBounds=True)
        plot.addItem(self.bars)
        self.setMinimumHeight(180)
        self.setToolTip("Minutes you practised each day. Shaded: days in a row.")

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        self.bars.setOpts(x=snapshot.bar_x, height=snapshot.bar_minutes, width=BAR_WIDTH_SECONDS)
        # Bands reach well above the tallest bar; the view clips them to its height.
        top = max(snapshot.max_minutes, 1.0) * 20
        count = snapshot.run_x0.size
        self.bands.setOpts(
            x0=snapshot.run_x0, x1=snapshot.run_x1, y0=np.zeros(count), height=np.full(count, top)
        )
        plot = self.getPlotItem()
        _limit_x(plot, snapshot)
        plot.setXRange(*snapshot.initial_x_range, padding=0)
        if snapshot.empty:
            plot.setYRange(0, 10, padding=0)


class FeelingsChart(pg.PlotWidget):
    """How you said you felt after sessions, over time: words on the side, never numbers."""

    def __init__(self, colours: HistoryColours, parent=None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setObjectName("feelingsChart")
        plot = _quiet_plot(self, colours)
        ticks = [(i + 1, label) for i, label in enumerate(FEELING_LABELS)]
        plot.getAxis("left").setTicks([ticks, []])
        plot.setYRange(0.6, len(FEELING_LABELS) + 0.4, padding=0)
        line = pg.mkPen(colours.feeling, width=1.5, style=Qt.PenStyle.SolidLine)
        self.points = pg.PlotDataItem(
            [],
            [],
            pen=line,
            symbol="o",
            symbolSize=7,
            symbolBrush=colours.feeling,
            symbolPen=_NO_PEN,
        )
        plot.addItem(self.points)
        self.setMinimumHeight(130)
        self.setToolTip("How you felt after the sessions where you noted it.")

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        self.points.setData(snapshot.feeling_x, snapshot.feeling_calm)
        plot = self.getPlotItem()
        _limit_x(plot, snapshot)
        plot.setYRange(0.6, len(FEELING_LABELS) + 0.4, padding=0)
