"""The before/after check-in in the practice flow: one question, one key or click, skippable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pacer.core.session_clock import SessionState


@pytest.fixture
def checking_in(window):
    window.context.update_preferences(checkin=True)
    window.show_page("breathing")
    return window.breathing


def test_begin_asks_first_and_a_digit_answers_and_starts(checking_in, qtbot):
    page = checking_in
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)
    assert page.surface.checkin_shown
    assert page.surface.checkin.before
    assert page.session is None, "nothing runs while the question is asked"
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_3)
    assert page.session.state is SessionState.RUNNING
    assert page.session.description.tension_before == 3
    assert not page.surface.checkin_shown


def test_space_over_the_question_begins_without_an_answer(checking_in, qtbot):
    page = checking_in
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)
    assert page.session.state is SessionState.RUNNING
    assert page.session.description.tension_before is None


def test_after_the_session_the_question_comes_first_then_the_summary(
    checking_in, qtbot, fake_clock
):
    page = checking_in
    given = []
    page.tension_after_given.connect(lambda session, value: given.append(value))
    page.toggle()
    page.surface.checkin.skip_button.click()
    session = page.session
    fake_clock.advance(20)
    qtbot.keyClick(page.window(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert session.outcome is not None
    assert page.surface.checkin_shown
    assert not page.surface.checkin.before
    assert page.surface.title.text() == "Gently come back"
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)  # Space starts nothing over an ending
    assert page.session is session
    assert page.surface.checkin_shown
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_T)  # T answers 10
    assert given == [10]
    assert page.surface.summary_shown
    assert "20 seconds" in page.surface.summary.sentence.text()


def test_skipping_after_writes_nothing_and_shows_the_summary(checking_in, qtbot, fake_clock):
    page = checking_in
    given = []
    page.tension_after_given.connect(lambda session, value: given.append(value))
    page.toggle()
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_S)
    fake_clock.advance(5)
    page.stop()
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_S)
    assert given == []
    assert page.surface.summary_shown


def test_the_question_is_asked_in_full_screen_too(window, checking_in, qtbot):
    page = checking_in
    window.enter_fullscreen()
    full = window.fullscreen.window
    qtbot.keyClick(full, Qt.Key.Key_Space)
    assert page.surface.checkin.isVisible()
    assert page.surface.checkin.window() is full
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_0)
    assert page.session.description.tension_before == 0
    assert window.fullscreen.active
    window.fullscreen.leave()


def test_with_the_check_in_off_begin_starts_at_once(window, qtbot):
    window.context.update_preferences(checkin=False)
    window.show_page("breathing")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.breathing.session.state is SessionState.RUNNING
