from __future__ import annotations

import colorsys
import dataclasses
import os
import threading
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

import pacer.ui.history.loader as loader_module
from pacer.core.history.reading import LogContents, read_for_history
from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.common.theme import DAY, NIGHT, palette_for
from pacer.ui.history.calendar import CELL, GAP, LABEL_WIDTH
from pacer.ui.history.history_page import HistoryPage
from pacer.ui.history.style import colours_for_theme
from pacer.ui.history.table import (
    AFTER_COLUMN,
    BEFORE_COLUMN,
    FEELING_COLUMN,
    NOTE_COLUMN,
    RESPONSE_COLUMN,
    ROW_HEIGHT,
    ROWS_PER_STEP,
)

# Showing a top-level window on the offscreen platform always says this; it is harmless.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2026, 3, 31)  # a Tuesday
CET = timezone(timedelta(hours=1))


def session(day: date, minutes=12.0, kind=SessionKind.BREATHING, feeling=None, note=None, **more):
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
        **more,
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


def checked_in_records() -> list[SessionRecord]:
    """Sessions with check-ins and a few trainer practices. The log on this branch does not
    store check-ins yet, so tests hand these to the page the way the log will."""
    records = []
    for back in range(40):
        if back in range(12, 20):  # a gap of more than a week
            continue
        day = TODAY - timedelta(days=back)
        more = {"tension_before": 6, "tension_after": 3} if back % 2 == 0 else {}
        if back % 7 == 1:
            more.update(kind=SessionKind.TRAINER, response="softened", guarding_moments=2)
        records.append(session(day, 10, feeling="calm" if back % 3 == 0 else None, **more))
    return records


@pytest.fixture
def in_memory(monkeypatch):
    """Serve records to the page's reader, as the log will once it stores check-ins."""
    served = {"records": checked_in_records(), "rest": frozenset()}

    def read(path):
        return LogContents(list(served["records"]), served["rest"])

    monkeypatch.setattr(loader_module, "read_for_history", read)
    return served


def open_page(qtbot, log, size=(1000, 900)) -> HistoryPage:
    page = HistoryPage(log, None, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.snapshot_shown, timeout=10_000):
        page.ensure_built()
    return page


def reloaded(qtbot, page, action):
    with qtbot.waitSignal(page.snapshot_shown, timeout=10_000):
        action()
    return page.snapshot


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


# -- opening, off the window's thread -------------------------------------------------------


def test_the_log_is_read_off_the_windows_thread_with_a_quiet_sign(qtbot, filled_log, monkeypatch):
    threads = []

    def read(path):
        threads.append(threading.current_thread())
        return read_for_history(path)

    monkeypatch.setattr(loader_module, "read_for_history", read)
    page = HistoryPage(filled_log, None, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.snapshot_shown, timeout=10_000):
        page.ensure_built()
        assert page.busy.isVisible()  # the first time, at once: "Reading your practice log…"
    assert threads
    assert threads[0] is not threading.main_thread()
    assert not page.busy.isVisible()
    assert page.snapshot.summary.total_sessions == filled_log.count()


def test_a_log_that_cannot_be_read_just_now_is_said_calmly(qtbot, log, monkeypatch):
    def read(path):
        raise OSError("disk unavailable")

    monkeypatch.setattr(loader_module, "read_for_history", read)
    page = HistoryPage(log, None, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.ensure_built()
    qtbot.waitUntil(page.problem.isVisible, timeout=10_000)
    assert "could not be read just now (disk unavailable)" in page.problem.text()
    assert "Nothing in it has been changed" in page.problem.text()
    assert not page.busy.isVisible()


def test_refreshes_asked_for_meanwhile_fold_into_one(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    shown = []
    page.snapshot_shown.connect(shown.append)
    for _ in range(5):
        page.refresh()
    qtbot.waitUntil(lambda: page.idle and bool(shown), timeout=10_000)
    assert 1 <= len(shown) <= 2


def test_the_charts_render_bars_and_run_bands_offscreen(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    save_shot(page, "history.png")
    chart = page.view.minutes_chart
    rgb = pixels(chart.grab().toImage())
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 10, "the chart came out blank"
    assert colour_count(rgb, pg.mkBrush(chart.bars.opts["brush"]).color()) > 2000
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


def test_nothing_on_the_history_is_red(qtbot, filled_log, in_memory):
    page = open_page(qtbot, filled_log)
    rgb = pixels(page.view.grab().toImage())
    reddish = (rgb[..., 0] > 150) & (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > 60)
    assert int(reddish.sum()) == 0


def _hue(colour) -> float:
    return colorsys.rgb_to_hsv(colour.redF(), colour.greenF(), colour.blueF())[0]


@pytest.mark.parametrize("theme", [DAY, NIGHT], ids=["day", "night"])
def test_one_accent_colour_plus_neutrals(qtbot, filled_log, in_memory, theme):
    colours = colours_for_theme(theme)
    for accented in (colours.accent, colours.run_band):
        assert accented.rgb() == theme.accent.rgb()
    QApplication.instance().setPalette(palette_for(theme))
    try:
        page = open_page(qtbot, filled_log, size=(1200, 900))
        rgb = pixels(page.view.grab().toImage()).reshape(-1, 3) / 255.0
    finally:
        QApplication.instance().setPalette(palette_for(DAY))
    # Every clearly coloured pixel has the accent's hue or the hue of the palette's own
    # neutrals (sand by day, slate by night); anti-aliased edges are a sliver at most.
    high, low = rgb.max(axis=1), rgb.min(axis=1)
    saturation = np.where(high > 0, (high - low) / np.maximum(high, 1e-9), 0)
    coloured = rgb[(saturation > 0.2) & (high > 0.2)]
    hues = np.array([colorsys.rgb_to_hsv(*p)[0] for p in coloured])
    allowed = [_hue(c) for c in (theme.accent, theme.background, theme.text, theme.body)]
    distance = np.min([np.minimum(abs(hues - a), 1 - abs(hues - a)) for a in allowed], axis=0)
    assert coloured.shape[0] > 1000  # bars, days, points
    assert (distance > 0.06).sum() < 0.005 * coloured.shape[0], "a second hue crept in"


def test_the_charts_carry_no_goal_lines_and_no_lines_across_gaps(qtbot, filled_log, in_memory):
    page = open_page(qtbot, filled_log)
    view = page.view
    for chart in view.charts:
        items = chart.getPlotItem().items
        assert not [i for i in items if isinstance(i, pg.InfiniteLine | pg.LinearRegionItem)]
    assert {type(i) for i in view.minutes_chart.getPlotItem().items} == {pg.BarGraphItem}
    # Feelings are points only.
    assert {type(i) for i in view.feelings_chart.getPlotItem().items} == {pg.ScatterPlotItem}
    # Check-ins: the only line joins one session's before and after, never two sessions.
    within = view.check_in_chart.within
    assert within.opts["connect"] == "pairs"
    x, _y = within.getData()
    assert len(x) % 2 == 0
    assert (x[0::2] == x[1::2]).all()


def test_check_ins_show_as_pairs_a_sentence_and_table_columns(qtbot, log, in_memory):
    page = open_page(qtbot, log)
    view = page.view
    assert view.check_in_box.isVisible()
    assert view.check_in_sentence.text() == (
        "On days you checked in, tension eased from about 6 to about 3 during practice."
    )
    assert "before practice" in view.check_in_legend.text()
    model = view.table_model
    assert model.headerData(BEFORE_COLUMN, Qt.Orientation.Horizontal) == "Before"
    assert model.headerData(AFTER_COLUMN, Qt.Orientation.Horizontal) == "After"
    assert (model.index(0, BEFORE_COLUMN).data(), model.index(0, AFTER_COLUMN).data()) == ("6", "3")
    assert (model.index(1, BEFORE_COLUMN).data(), model.index(1, AFTER_COLUMN).data()) == ("", "")
    assert not view.table.isColumnHidden(BEFORE_COLUMN)
    rgb = pixels(view.check_in_chart.grab().toImage())
    assert colour_count(rgb, view.colours.accent, 30) > 50  # the "after" points are drawn


def test_trainer_practice_on_its_own_with_its_response_in_words(qtbot, log, in_memory):
    page = open_page(qtbot, log)
    view = page.view
    labels = [view.kind_choice.itemText(i) for i in range(view.kind_choice.count())]
    assert labels == ["All practice", "Belly breathing", "Relaxation", "Trainer practice"]
    snapshot = reloaded(qtbot, page, lambda: view.kind_choice.setCurrentIndex(3))
    assert snapshot.kind is SessionKind.TRAINER
    assert {r.kind for r in snapshot.sessions} == {SessionKind.TRAINER}
    assert not view.table.isColumnHidden(RESPONSE_COLUMN)
    assert view.table_model.index(0, 2).data() == "Trainer practice"
    assert view.table_model.index(0, RESPONSE_COLUMN).data() == (
        "Guarded, then softened · 2 guarding moments noted"
    )


def test_without_check_ins_or_trainer_practice_their_columns_stay_out_of_the_way(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    table = page.view.table
    assert table.isColumnHidden(BEFORE_COLUMN)
    assert table.isColumnHidden(AFTER_COLUMN)
    assert table.isColumnHidden(RESPONSE_COLUMN)
    assert not page.view.check_in_box.isVisible()


def test_a_small_legend_explains_the_shading(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    legend = page.view.minutes_legend
    assert legend.isVisible()
    assert "days in a row" in legend.text()
    assert "rest day" in legend.text()
    swatch = legend.swatches[1]
    rgb = pixels(swatch.grab().toImage())
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) >= 1
    assert "rest day" in page.view.calendar_legend.text()


# -- zoom, the wheel and the page ---------------------------------------------------------


def _x_range(page):
    return tuple(page.view.minutes_chart.view_box.viewRange()[0])


def _wheel_over(page, chart, modifiers=Qt.KeyboardModifier.NoModifier):
    where = chart.mapTo(page.window(), QPoint(chart.width() // 2, chart.height() // 2))
    QTest.wheelEvent(
        page.window().windowHandle(), QPointF(where), QPoint(0, -120), QPoint(0, 0), modifiers
    )
    QApplication.processEvents()


def test_the_wheel_over_a_chart_scrolls_the_page_and_ctrl_wheel_zooms(qtbot, filled_log):
    page = open_page(qtbot, filled_log, size=(900, 600))
    scroll = page.scroll_area.verticalScrollBar()
    assert scroll.maximum() > 0
    before = _x_range(page)
    _wheel_over(page, page.view.minutes_chart)
    assert scroll.value() > 0, "the page did not scroll"
    assert _x_range(page) == before, "the chart zoomed instead"
    scroll.setValue(0)
    _wheel_over(page, page.view.minutes_chart, Qt.KeyboardModifier.ControlModifier)
    assert scroll.value() == 0
    assert _x_range(page) != before


def test_the_buttons_zoom_within_the_log(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    low, high = _x_range(page)
    page.view.zoom_in_button.click()
    closer = _x_range(page)
    assert closer[1] - closer[0] < (high - low) * 0.8
    for _ in range(10):
        page.view.zoom_out_button.click()
    widest = _x_range(page)
    limits = page.snapshot.x_limits
    assert widest[0] >= limits[0] - 1
    assert widest[1] <= limits[1] + 1
    for _ in range(20):
        page.view.zoom_in_button.click()
    closest = _x_range(page)
    assert closest[1] - closest[0] >= 7 * 86400 - 1  # never closer than a week


def test_zoom_survives_a_refresh_a_change_of_colours_and_another_kind(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    page.view.zoom_in_button.click()
    zoomed = _x_range(page)
    view = page.view
    reloaded(qtbot, page, page.refresh)
    assert _x_range(page) == pytest.approx(zoomed)
    QApplication.instance().setPalette(palette_for(NIGHT))
    try:
        page.restyle()
        assert page.view is view  # recoloured in place, not rebuilt
        assert view.colours == colours_for_theme(NIGHT)
        assert _x_range(page) == pytest.approx(zoomed)
    finally:
        QApplication.instance().setPalette(palette_for(DAY))
    reloaded(qtbot, page, lambda: view.kind_choice.setCurrentIndex(1))
    assert _x_range(page) == pytest.approx(zoomed)


def test_the_table_is_part_of_the_page_and_grows_with_it(qtbot, filled_log):
    page = open_page(qtbot, filled_log, size=(1500, 940))
    table = page.view.table
    rows = page.view.table_model.rowCount()
    assert rows == filled_log.count()
    assert table.height() >= rows * ROW_HEIGHT
    assert not table.verticalScrollBar().isVisible()
    assert table.verticalScrollBar().maximum() == 0  # every row shown, no inner scrolling
    page.scroll_area.ensureWidgetVisible(table, 0, 0)
    scroll = page.scroll_area.verticalScrollBar()
    scroll.setValue(scroll.maximum())
    last = table.visualRect(page.view.table_model.index(rows - 1, 0))
    assert table.viewport().rect().contains(last)


def test_a_long_log_shows_the_newest_sessions_first_and_more_on_request(qtbot, log):
    log.merge([session(TODAY - timedelta(days=n)) for n in range(ROWS_PER_STEP + 30)])
    page = open_page(qtbot, log)
    view = page.view
    assert view.table_model.rowCount() == ROWS_PER_STEP
    assert view.more_button.isVisible()
    assert "30 not shown yet" in view.more_button.text()
    view.more_button.click()
    assert view.table_model.rowCount() == ROWS_PER_STEP + 30
    assert not view.more_button.isVisible()


# -- what the page says ------------------------------------------------------------------------


def test_summary_lines_and_table_show_the_log(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    view = page.view
    assert view.summary.text().startswith("You practised on 24 of the last 30 days.")
    assert "longest" not in view.summary.text().lower()
    assert view.table_model.rowCount() == filled_log.count()
    assert view.table_model.index(0, 0).data() == "Tue 31 Mar 2026"
    assert view.feelings_box.isVisible()


def test_choosing_a_kind_narrows_chart_summary_and_table(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    view = page.view
    everything = view.table_model.rowCount()
    snapshot = reloaded(qtbot, page, lambda: view.kind_choice.setCurrentIndex(2))
    assert snapshot.kind is SessionKind.RELAXATION
    assert 0 < view.table_model.rowCount() < everything
    assert view.table_model.index(0, 2).data() == "Relaxation"
    assert snapshot.summary.total_sessions == view.table_model.rowCount()


def test_odd_rows_never_stop_the_page_and_are_listed_calmly(qtbot, log):
    far = datetime(9999, 12, 31, 21, 0, tzinfo=CET)
    log.merge(
        [
            session(TODAY),
            dataclasses.replace(session(TODAY), started_at=far, ended_at=far),
            dataclasses.replace(session(TODAY - timedelta(days=1)), practised_seconds=1e300),
        ]
    )
    page = open_page(qtbot, log)
    view = page.view
    assert view.table_model.rowCount() == 1
    assert view.left_out.isVisible()
    assert view.left_out.text().startswith("2 entries could not be read and are left out.")
    assert "9999-12-31" in view.left_out.text()
    rgb = pixels(page.grab().toImage())
    assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 10


def test_a_note_typed_into_the_table_is_saved_to_the_log(qtbot, filled_log):
    page = open_page(qtbot, filled_log)
    view = page.view
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
    page = open_page(qtbot, filled_log)
    view = page.view
    quiet = TODAY - timedelta(days=3)
    practised = TODAY - timedelta(days=2)
    assert view.snapshot.runs[-1].first == TODAY - timedelta(days=2)

    def click(day):
        qtbot.mouseClick(view.calendar, Qt.MouseButton.LeftButton, pos=_cell_centre(view, day))

    snapshot = reloaded(qtbot, page, lambda: click(quiet))
    assert filled_log.rest_days() == {quiet}
    # The rest day joins the two stretches around it into one run.
    assert snapshot.runs[-1].first == TODAY - timedelta(days=7)
    rgb = pixels(view.calendar.grab().toImage())
    assert colour_count(rgb, view.colours.rest_day, 4) > 100

    with qtbot.assertNotEmitted(view.changed):
        click(practised)
    assert filled_log.rest_days() == {quiet}  # a practised day is not a rest day
    reloaded(qtbot, page, lambda: click(quiet))
    assert filled_log.rest_days() == set()


def test_an_empty_log_opens_calmly(qtbot, log):
    page = open_page(qtbot, log)
    view = page.view
    assert view.summary.text() == (
        "Your practice will appear here after your first session, whenever you like."
    )
    assert not view.sessions_box.isVisible()
    assert not view.feelings_box.isVisible()
    assert not view.check_in_box.isVisible()
    assert not view.left_out.isVisible()
    assert view.minutes_chart.isVisible()


def test_refresh_shows_a_session_that_just_ended(qtbot, log):
    page = open_page(qtbot, log)
    log.add(session(TODAY, 9, note="First one."))
    snapshot = reloaded(qtbot, page, page.refresh)
    assert page.view.table_model.rowCount() == 1
    assert page.view.table_model.index(0, NOTE_COLUMN).data() == "First one."
    assert list(snapshot.bar_minutes) == [9]


def test_a_feeling_can_be_noted_or_changed_later_from_the_table(qtbot, log):
    record = session(TODAY, 9)
    log.add(record)
    page = open_page(qtbot, log)
    view = page.view
    assert not view.snapshot.has_feelings
    index = view.table_model.index(0, FEELING_COLUMN)
    view.table.edit(index)
    editor = view.table.findChild(QComboBox)
    assert editor.itemText(0) == "(not noted)"
    editor.setCurrentIndex(editor.findData("softer"))
    with qtbot.waitSignal(page.snapshot_shown, timeout=10_000):
        view.table.commitData(editor)
    assert log.get(record.id).feeling == "softer"
    assert index.data() == "A bit softer"
    assert view.snapshot.has_feelings
    view.table_model.setData(view.table_model.index(0, FEELING_COLUMN), "")
    assert log.get(record.id).feeling is None


# -- in the window ---------------------------------------------------------------------------


def test_opening_the_page_reads_the_log_once(qtbot, window, monkeypatch):
    reads = []

    def read(path):
        reads.append(path)
        return read_for_history(path)

    monkeypatch.setattr(loader_module, "read_for_history", read)
    with qtbot.waitSignal(window.history.snapshot_shown, timeout=10_000):
        window.show_page("history")  # asks the page to build and to refresh
    qtbot.waitUntil(lambda: window.history.idle, timeout=10_000)
    assert len(reads) == 1


def test_saving_preferences_keeps_the_zoom(qtbot, window):
    from pacer.core.preferences import Appearance
    from pacer.ui.preferences.preferences_dialog import PreferencesDialog

    window.context.log.merge([session(TODAY - timedelta(days=n)) for n in range(90)])
    with qtbot.waitSignal(window.history.snapshot_shown, timeout=10_000):
        window.show_page("history")
    view = window.history.view
    view.zoom_in_button.click()
    zoomed = view.minutes_chart.view_box.viewRange()[0]
    for appearance in (Appearance.SYSTEM, Appearance.DARK, Appearance.LIGHT):
        dialog = PreferencesDialog(window.context, window)
        qtbot.addWidget(dialog)
        dialog.sound.setChecked(not dialog.sound.isChecked())
        dialog.appearance.setCurrentIndex(dialog.appearance.findData(appearance.value))
        dialog.accept()
        QApplication.processEvents()
        assert window.history.view is view
        assert view.minutes_chart.view_box.viewRange()[0] == pytest.approx(zoomed)
