"""The window on a data folder it cannot use: a calm notice, and practice goes on unrecorded."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.practice_log.store import LOG_FILENAME, PracticeLog
from pacer.core.session_clock import SessionState
from pacer.ui.launch import LaunchRequest, open_window

UNRECORDED = "You can still practise; this time's sessions will not be written down."


@pytest.fixture
def no_welcome(monkeypatch):
    monkeypatch.setattr(
        "pacer.ui.main_window.MainWindow.welcome_then",
        lambda self, then, always=False: then() if then else None,
    )


def open_on(qtbot, folder):
    window = open_window(LaunchRequest(data_dir=folder))
    qtbot.addWidget(window)
    return window


def practise_a_little(window):
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 1))
    assert session.state is SessionState.RUNNING
    window.breathing.stop()


def test_a_file_as_data_folder_gets_a_notice_and_practice_goes_on(qtbot, tmp_path, no_welcome):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("keep me\n")
    window = open_on(qtbot, a_file)
    assert window.context.log is None
    assert window.notices.messages == [
        f"Your practice log could not be opened: {a_file} cannot be Pacer's data folder: "
        f"it is a file, not a folder. {UNRECORDED}"
    ]
    practise_a_little(window)
    assert a_file.read_text() == "keep me\n"
    window.close()


def test_a_full_disk_before_the_log_exists_gets_the_same_notice(
    qtbot, tmp_path, no_welcome, monkeypatch
):
    def full(folder):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pacer.paths._write_probe", full)
    folder = tmp_path / "fresh"
    window = open_on(qtbot, folder)
    assert window.context.log is None
    assert window.notices.messages == [
        f"Your practice log could not be opened: {folder} cannot be Pacer's data folder: "
        f"the disk is full. {UNRECORDED}"
    ]
    assert not folder.exists()  # nothing half-made is left behind
    practise_a_little(window)
    window.close()


def test_a_disk_that_fills_during_the_logs_set_up_falls_back_calmly(
    qtbot, tmp_path, no_welcome, monkeypatch
):
    def disk_full(self, now):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(PracticeLog, "_migrate", disk_full)
    folder = tmp_path / "fresh"
    window = open_on(qtbot, folder)
    assert window.context.log is None
    assert window.notices.messages == [
        f"Your practice log could not be opened: Pacer could not set it up in {folder} "
        f"(database or disk is full). {UNRECORDED}"
    ]
    practise_a_little(window)
    window.close()
    monkeypatch.undo()
    with PracticeLog.open(folder) as log:  # with room again, the log simply starts
        assert log.sessions() == []
    assert (folder / LOG_FILENAME).exists()
