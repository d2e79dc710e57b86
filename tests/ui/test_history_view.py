from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit

from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.history.calendar import CELL, GAP, LABEL_WIDTH
from pacer.ui.history.table import NOTE_COLUMN
from pacer.ui.history.view import HistoryView

# Showing a top-level window on the offscreen platform always says this; it is harmless.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2026, 3, 31)  # a Tuesday
CET = timezone(timedelta(hours=1))


def session(day: date, minutes=12.0, kind=SessionKind.BREATHING, feeling=None, note=None):
    start = datetime.combine(day, time(21, 5), tzinfo=CET)
    return SessionRecord(
        kind=kind,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        planned_seconds=minutes * 60,
        practised_seconds=minutes * 60,
        ended=SessionEnd.COMPLETED,
        inhale=4,
        hold=0,
        exhale=6,
        rest=0,
        feeling=feeling,
        note=note,
    )


@pytest.fixture
def log(data_dir):
    with PracticeLog.open(data_dir) as opened:
        yield opened


@pytest.fixture
def filled_log(log):
    records = []
    for back in range(60):
        if back % 5 == 3:  # a quiet day now and then
            continue
        day = TODAY - timedelta(days=back)
        kind = SessionKind.RELAXATION if back % 3 == 0 else SessionKind.BREATHING
        records.append(session(day, 6 + back % 9, kind, feeling="softer" if back % 4 else None))
    log.merge(records)
    return log


def make_view(qtbot, log, size=(1000, 900)):
    view = HistoryView(log, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    bgra = raw[:, : image.width() * 4].reshape(image.height(), image.width(), 4)
    return bgra[..., [2, 1, 0]].astype(int)  # RGB


def colour_count(rgb: np.ndarray, colour, tolerance=12) -> int:
    target = np.array([colour.red(), colour.green(), colour.blue()])
    return int((np.abs(rgb - target).max(axis=2) <= tolerance).sum())


def save_shot(widget, name):
    folder = os.environ.get("PACER_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def test_the_minutes_chart_renders_bars_and_run_bands_offscreen(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    save_shot(view, "history.png")
    chart = view.minutes_chart
    rgb = pixels(chart.grab().toImage())
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 10, "the chart came out blank"
    assert (
        colour_count(rgb, pg.mkBrush(chart.bars.opts["brush"]).color()) > 2000
    )  # the bars are drawn
    band = pg.mkBrush(chart.bands.opts["brush"]).color()
    background = chart.backgroundBrush().color()
    blended = [
        round(band.alphaF() * c1 + (1 - band.alphaF()) * c0)
        for c0, c1 in zip(
            (background.red(), background.green(), background.blue()),
            (band.red(), band.green(), band.blue()),
            strict=True,
        )
    ]
    soft = colour_count(rgb, type(band)(*blended), tolerance=4)
    assert soft > 2000  # runs show as soft shaded spans behind the bars


def test_nothing_on_the_history_is_red(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    rgb = pixels(view.grab().toImage())
    reddish = (rgb[..., 0] > 150) & (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > 60)
    assert int(reddish.sum()) == 0


def test_the_charts_carry_no_goal_lines_or_thresholds(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    for chart in (view.minutes_chart, view.feelings_chart):
        items = chart.getPlotItem().items
        assert not [i for i in items if isinstance(i, pg.InfiniteLine | pg.LinearRegionItem)]
    assert {type(i) for i in view.minutes_chart.getPlotItem().items} == {pg.BarGraphItem}


def test_zoom_and_pan_stay_within_the_log(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    snapshot = view.snapshot
    box = view.minutes_chart.getPlotItem().getViewBox()
    low, high = snapshot.x_limits
    box.setXRange(low - 10 * 365 * 86400, high + 10 * 365 * 86400, padding=0)
    shown = box.viewRange()[0]
    assert shown[0] >= low - 1
    assert shown[1] <= high + 1
    box.setXRange(high - 3600, high, padding=0)  # an hour: closer than a week is refused
    shown = box.viewRange()[0]
    assert shown[1] - shown[0] >= 7 * 86400 - 1


def test_summary_lines_and_table_show_the_log(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    assert "You practised on 24 of the last 30 days" in view.summary.text()
    assert view.table_model.rowCount() == filled_log.count()
    first = view.table_model.index(0, 0).data()
    assert first == "Tue 31 Mar 2026"
    assert view.feelings_box.isVisible()


def test_choosing_a_kind_narrows_chart_summary_and_table(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    everything = view.table_model.rowCount()
    view.kind_choice.setCurrentIndex(2)  # relaxation
    assert view.snapshot.kind is SessionKind.RELAXATION
    assert 0 < view.table_model.rowCount() < everything
    assert view.table_model.index(0, 2).data() == "Relaxation"
    assert view.snapshot.summary.total_sessions == view.table_model.rowCount()


def test_a_note_typed_into_the_table_is_saved_to_the_log(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    newest = view.table_model.session_at(0)
    view.edit_note(0)
    editor = view.table.findChild(QLineEdit)
    assert editor is not None
    assert editor.isVisible()
    qtbot.keyClicks(editor, "Shoulders let go sooner tonight.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: wait for it, don't sleep.
    qtbot.waitUntil(lambda: filled_log.get(newest.id).note is not None, timeout=2000)
    assert filled_log.get(newest.id).note == "Shoulders let go sooner tonight."
    assert view.table_model.index(0, NOTE_COLUMN).data() == "Shoulders let go sooner tonight."


def _cell_centre(view, day: date) -> QPoint:
    for week, days in enumerate(view.snapshot.calendar):
        for weekday, cell in enumerate(days):
            if cell.day == day:
                x = LABEL_WIDTH + week * (CELL + GAP) + CELL // 2
                return QPoint(x, weekday * (CELL + GAP) + CELL // 2)
    raise AssertionError(f"{day} is not on the calendar")


def test_clicking_a_quiet_day_marks_and_unmarks_a_rest_day(qtbot, filled_log):
    view = make_view(qtbot, filled_log)
    quiet = TODAY - timedelta(days=3)
    practised = TODAY - timedelta(days=2)
    run_before = view.snapshot.summary.current_run
    assert run_before.first == TODAY - timedelta(days=2)

    qtbot.mouseClick(view.calendar, Qt.MouseButton.LeftButton, pos=_cell_centre(view, quiet))
    assert filled_log.rest_days() == {quiet}
    # The rest day joins the two stretches around it into one run.
    assert view.snapshot.summary.current_run.first == TODAY - timedelta(days=7)
    rgb = pixels(view.calendar.grab().toImage())
    assert colour_count(rgb, view.calendar._colours.rest_day) > 100

    qtbot.mouseClick(view.calendar, Qt.MouseButton.LeftButton, pos=_cell_centre(view, practised))
    assert filled_log.rest_days() == {quiet}  # a practised day is not a rest day
    qtbot.mouseClick(view.calendar, Qt.MouseButton.LeftButton, pos=_cell_centre(view, quiet))
    assert filled_log.rest_days() == set()


def test_an_empty_log_opens_calmly(qtbot, log):
    view = make_view(qtbot, log)
    assert view.summary.text() == (
        "Your practice will appear here after your first session, whenever you like."
    )
    assert not view.table.isVisible()
    assert not view.feelings_box.isVisible()
    assert view.minutes_chart.isVisible()


def test_refresh_shows_a_session_that_just_ended(qtbot, log):
    view = make_view(qtbot, log)
    log.add(session(TODAY, 9, note="First one."))
    view.refresh()
    assert view.table_model.rowCount() == 1
    assert view.table_model.index(0, NOTE_COLUMN).data() == "First one."
    assert list(view.snapshot.bar_minutes) == [9]


def test_a_feeling_can_be_noted_or_changed_later_from_the_table(qtbot, log):
    from PySide6.QtWidgets import QComboBox

    from pacer.ui.history.table import FEELING_COLUMN

    record = session(TODAY, 9)
    log.add(record)
    view = make_view(qtbot, log)
    assert not view.snapshot.has_feelings
    index = view.table_model.index(0, FEELING_COLUMN)
    view.table.edit(index)
    editor = view.table.findChild(QComboBox)
    assert editor.itemText(0) == "(not noted)"
    editor.setCurrentIndex(editor.findData("softer"))
    view.table.commitData(editor)
    assert log.get(record.id).feeling == "softer"
    assert index.data() == "A bit softer"
    qtbot.waitUntil(lambda: view.snapshot.has_feelings)
    view.table_model.setData(view.table_model.index(0, FEELING_COLUMN), "")
    assert log.get(record.id).feeling is None
