"""Window-level behaviour: first run, preferences, keep-awake, signals, notices."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.preferences import Appearance, Preferences
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.session_clock import SessionState
from pacer.ui.app_context import AppContext
from pacer.ui.common.theme import DAY, NIGHT
from pacer.ui.launch import LaunchRequest, open_window
from pacer.ui.platform.keep_awake import DBusScreenSaverInhibitor, KeepAwake
from pacer.ui.preferences.preferences_dialog import PreferencesDialog


class RecordingInhibitor:
    def __init__(self):
        self.calls: list[str] = []

    def inhibit(self) -> bool:
        self.calls.append("inhibit")
        return True

    def release(self) -> None:
        self.calls.append("release")


def _skip_welcome(monkeypatch):
    monkeypatch.setattr(
        "pacer.ui.main_window.MainWindow.welcome_then",
        lambda self, then, always=False: then() if then else None,
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_first_run_offers_the_welcome_once(qtbot, data_dir):
    window = open_window(LaunchRequest(data_dir=data_dir))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.welcome.isVisible())
    assert "Nothing here should hurt" in window.welcome.browser.toPlainText()
    qtbot.keyClick(window.welcome, Qt.Key.Key_Return)
    assert AppContext(data_dir).preferences.welcome_seen
    window.close()
    again = open_window(LaunchRequest(data_dir=data_dir))
    qtbot.addWidget(again)
    qtbot.wait(20)
    assert not hasattr(again, "welcome")
    again.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("fullscreen", [False, True])
@pytest.mark.parametrize("practice", ["breathing", "relaxation"])
def test_the_first_practice_waits_for_the_welcome_whatever_started_it(
    qtbot, data_dir, practice, fullscreen
):
    if practice == "breathing":
        request = LaunchRequest(
            data_dir=data_dir,
            breathing=BreathingPlan(BreathPattern(inhale=3, exhale=5), 0.5),
            fullscreen=fullscreen,
        )
    else:
        request = LaunchRequest(
            data_dir=data_dir, relaxation=RelaxationPlan.default(), fullscreen=fullscreen
        )
    window = open_window(request)
    qtbot.addWidget(window)
    page = window.breathing if practice == "breathing" else window.relaxation
    qtbot.waitUntil(lambda: window.welcome.isVisible())
    assert page.session is None, "nothing starts before the safety note is read"
    if fullscreen:
        assert window.welcome.parent() is window.fullscreen.window
    qtbot.keyClick(window.welcome, Qt.Key.Key_Space)  # Space dismisses it as well as Enter
    assert page.session is not None
    assert page.session.state is SessionState.RUNNING
    assert window.fullscreen.active is fullscreen
    window.close()
    QApplication.processEvents()


def test_a_session_asked_for_on_the_command_line_starts_with_no_dialog(qtbot, data_dir):
    AppContext(data_dir).update_preferences(welcome_seen=True)
    plan = BreathingPlan(BreathPattern(inhale=3, exhale=5), 0.5)
    window = open_window(LaunchRequest(data_dir=data_dir, breathing=plan, fullscreen=True))
    qtbot.addWidget(window)
    qtbot.wait(20)
    assert not hasattr(window, "welcome")
    assert window.breathing.session.state is SessionState.RUNNING
    assert window.fullscreen.active
    assert not window.isVisible(), "only the full-screen pacer shows at first"
    window.fullscreen.leave()
    assert window.isVisible()
    window.close()
    QApplication.processEvents()


def test_preferences_persist_in_the_data_folder_privately(qapp, data_dir):
    context = AppContext(data_dir)
    context.update_preferences(session_minutes=15.0, countdown=True, appearance=Appearance.DARK)
    again = AppContext(data_dir)
    assert again.preferences.session_minutes == 15.0
    assert again.preferences.countdown is True
    assert again.theme is NIGHT
    settings = data_dir / "settings.ini"
    assert settings.stat().st_mode & 0o777 == 0o600
    context.update_preferences(appearance=Appearance.LIGHT)
    assert context.theme is DAY


def test_nonsense_in_the_settings_file_falls_back_gently(qapp, data_dir):
    (data_dir / "settings.ini").write_text(
        "[preferences]\nsession_minutes=-3\nvolume_db=loud\ncountdown=true\n"
    )
    context = AppContext(data_dir)
    assert context.preferences.session_minutes == 10.0
    assert context.preferences.volume_db == Preferences().volume_db
    assert context.preferences.countdown is True
    assert any("session_minutes" in notice for notice in context.notices)


def test_preferences_dialog_saves_what_was_chosen(qtbot, context):
    dialog = PreferencesDialog(context)
    qtbot.addWidget(dialog)
    dialog.minutes.setValue(0)  # no set length
    dialog.volume.setValue(-25)
    dialog.sound.setChecked(True)
    dialog.accept()
    assert context.preferences.session_minutes is None
    assert context.preferences.volume_db == -25.0
    assert context.preferences.sound is True
    assert AppContext(context.data_dir).preferences.sound is True


def test_keep_awake_follows_the_session(window, fake_clock):
    inhibitor = RecordingInhibitor()
    window.keep_awake.inhibitor = inhibitor
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(2)
    session.pause()
    session.resume()
    session.stop()
    assert inhibitor.calls == ["inhibit", "release", "inhibit", "release"]


def test_keep_awake_without_a_session_bus_is_quietly_nothing(qapp, monkeypatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    keep = KeepAwake(DBusScreenSaverInhibitor())
    keep.session_started(None)
    assert keep.active is False
    keep.session_ended(None, None)


def test_notices_are_shown_without_a_dialog(qtbot, data_dir, monkeypatch):
    _skip_welcome(monkeypatch)
    (data_dir / "patterns.json").write_text("{ this is not json")
    window = open_window(LaunchRequest(data_dir=data_dir))
    qtbot.addWidget(window)
    messages = window.notices.messages
    assert any("saved patterns could not be read" in m for m in messages)
    assert window.notices.isVisible()
    window.close()


def test_opening_the_window_writes_no_settings(qtbot, data_dir, monkeypatch):
    _skip_welcome(monkeypatch)
    window = open_window(LaunchRequest(data_dir=data_dir))
    qtbot.addWidget(window)
    assert not (data_dir / "settings.ini").exists()
    window.breathing.picker.minutes.setValue(15)  # a real choice is remembered
    assert AppContext(data_dir).preferences.session_minutes == 15
    window.close()


def test_every_shortcut_in_the_help_page_exists_in_the_window(window):
    import re

    from PySide6.QtGui import QKeySequence

    from pacer.core.guidance import SHORTCUTS_HTML

    bound = {
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.actions()
        for sequence in action.shortcuts()
    }
    documented = re.findall(r"<b>([^<]+)</b>", SHORTCUTS_HTML)
    keys = [key.strip() for entry in documented for key in entry.split("/")]
    # Esc is handled by the full-screen window itself, not by a window action.
    missing = [key for key in keys if key not in bound and key != "Esc"]
    assert missing == []
    assert len(keys) >= 12


def test_reminders_tab_is_off_by_default_and_saves_times_days_and_words(qtbot, context):
    applied = []
    dialog = PreferencesDialog(context, reminders_applier=lambda d, on: applied.append((d, on)))
    qtbot.addWidget(dialog)
    tab = dialog.reminders
    assert tab.enabled.isChecked() is False
    assert tab.details.isEnabled() is False
    dialog.accept()
    assert applied == []  # nothing about reminders changed: no login item touched

    dialog = PreferencesDialog(context, reminders_applier=lambda d, on: applied.append((d, on)))
    qtbot.addWidget(dialog)
    tab = dialog.reminders
    tab.enabled.setChecked(True)
    tab.time_edits[0].setTime(QTime(20, 15))
    tab.time_boxes[1].setChecked(True)
    tab.time_edits[1].setTime(QTime(7, 45))
    for index in (5, 6):  # weekdays only
        tab.day_boxes[index].setChecked(False)
    tab.words.setCurrentText("  Time for tea and slow breaths  ")
    tab.skip_practised.setChecked(False)
    dialog.accept()
    prefs = AppContext(context.data_dir).preferences
    assert prefs.reminders is True
    assert prefs.reminder_times == "07:45 20:15"
    assert prefs.reminder_days == "mon-fri"
    assert prefs.reminder_text == "Time for tea and slow breaths"
    assert prefs.reminder_skip_practised is False
    assert prefs.reminder_sound is False
    assert applied == [(context.data_dir, True)]
    if os.environ.get("PACER_SCREENSHOT_DIR"):
        dialog.tabs.setCurrentWidget(tab)
        dialog.grab().save(os.path.join(os.environ["PACER_SCREENSHOT_DIR"], "reminders.png"))


def test_reminders_tab_refuses_control_characters_and_no_time(qtbot, context):
    dialog = PreferencesDialog(context, reminders_applier=lambda d, on: None)
    qtbot.addWidget(dialog)
    tab = dialog.reminders
    tab.enabled.setChecked(True)
    tab.words.setCurrentText("Hello\tthere")
    dialog.accept()
    assert "ordinary, visible characters" in dialog.message.text()
    tab.words.setCurrentText("Hello there")
    tab.time_boxes[0].setChecked(False)
    dialog.accept()
    assert "at least one time" in dialog.message.text()
    assert context.preferences.reminders is False


def test_a_window_left_open_never_puts_back_settings_changed_elsewhere(qtbot, data_dir):
    """``pacer reminders --off`` (or a second window) changes settings.ini while this
    window is open; the window's own next change must not write the old value back."""
    from pacer.ui.preferences.settings_store import SettingsStore

    AppContext(data_dir).update_preferences(reminders=True, welcome_seen=True)
    window_context = AppContext(data_dir)
    assert window_context.preferences.reminders is True
    elsewhere = SettingsStore(data_dir)
    elsewhere.save(elsewhere.load().with_changes(reminders=False))
    window_context.update_preferences(countdown=True)
    reread = AppContext(data_dir).preferences
    assert reread.reminders is False
    assert reread.countdown is True


def test_the_controls_show_exactly_the_plan_that_runs_however_it_started(qtbot, data_dir):
    """``pacer breathe --inhale 4 --exhale 8 --minutes 0.5`` and ``pacer relax --clench 3
    --release 5 --closing-minutes 0`` while the saved choices say something else."""
    from pacer.cli import build_parser
    from pacer.commands.options import plan_from_args
    from pacer.commands.relax import build_plan

    AppContext(data_dir).update_preferences(welcome_seen=True, checkin=False)
    parser = build_parser()
    args = parser.parse_args(["breathe", "--inhale", "4", "--exhale", "8", "--minutes", "0.5"])
    breathing = plan_from_args(parser, args, None)
    window = open_window(LaunchRequest(data_dir=data_dir, breathing=breathing))
    qtbot.addWidget(window)
    page = window.breathing
    assert page.options_stack.currentWidget() is page.plan_label
    # Half a minute at 12 s a breath ends after the third whole out-breath: 36 s, as planned.
    assert page.plan_label.text() == "Your pattern · 4 in · 8 out · 36 seconds"
    assert page.picker.isHidden() or not page.picker.isVisibleTo(window)
    page.stop()
    page.surface.summary.done.click()
    assert page.options_stack.currentWidget() is page.picker  # nothing runs: the choices again

    args = parser.parse_args(["relax", "--clench", "3", "--release", "5", "--closing-minutes", "0"])
    window.show_page("relaxation")
    window.relaxation.start_plan(build_plan(args, parser))
    relax = window.relaxation
    assert relax.options_stack.currentWidget() is relax.plan_label
    assert relax.plan_label.text().startswith("Relaxation · clench 3 s · let go 5 s · ")
    window.close()
    QApplication.processEvents()


def test_only_the_home_page_is_built_until_another_is_wanted(window, fake_clock):
    # The first frame waits for nothing it does not show (issue 15).
    assert window.current_page_name == "home"
    for name in ("breathing", "relaxation", "trainer", "history"):
        assert window.built_page(name) is None
    # A session that ends with the practice log never opened leaves it unbuilt.
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 0.5))
    fake_clock.advance(31)
    session.refresh()
    assert session.state is SessionState.FINISHED
    assert window.built_page("history") is None
    window.show_page("history")
    assert window.built_page("history") is window.history
    assert window.pages.currentWidget() is window.history
    assert window.built_page("relaxation") is None
