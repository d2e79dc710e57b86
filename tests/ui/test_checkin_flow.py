"""The before/after check-in in the practice flow: one question, one key or click, skippable.

Before a practice the question waits on the idle page: a number answers it and begins at
once; Space (or Begin) begins without an answer, as always; S puts it aside. After a
practice it comes before the summary.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pacer.core.session_clock import SessionState


@pytest.fixture
def checking_in(window):
    window.context.update_preferences(checkin=True)
    window.show_page("breathing")
    page = window.breathing
    page.show_idle()
    return page


def test_the_question_waits_before_a_practice_and_a_number_answers_and_begins(checking_in, qtbot):
    page = checking_in
    assert page.surface.checkin_shown
    assert page.surface.checkin.before
    assert page.session is None, "nothing runs while the question waits"
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_3)
    assert page.session.state is SessionState.RUNNING
    assert page.session.description.tension_before == 3
    assert not page.surface.checkin_shown


def test_space_begins_at_once_leaving_the_question_unanswered(checking_in, qtbot):
    page = checking_in
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)
    assert page.session.state is SessionState.RUNNING
    assert page.session.description.tension_before is None


def test_s_puts_the_question_aside_without_beginning(checking_in, qtbot):
    page = checking_in
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_S)
    assert not page.surface.checkin_shown
    assert page.session is None
    qtbot.keyClick(page.window(), Qt.Key.Key_Space)
    assert page.session.state is SessionState.RUNNING


def test_after_the_session_the_question_comes_first_then_the_summary(
    checking_in, qtbot, fake_clock
):
    page = checking_in
    given = []
    page.tension_after_given.connect(lambda session, value: given.append(value))
    page.toggle()
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
    page.surface.summary.done.click()
    assert page.surface.checkin_shown, "ready for the next practice"
    assert page.surface.checkin.before


def test_skipping_after_writes_nothing_and_shows_the_summary(checking_in, qtbot, fake_clock):
    page = checking_in
    given = []
    page.tension_after_given.connect(lambda session, value: given.append(value))
    page.toggle()
    fake_clock.advance(5)
    page.stop()
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_S)
    assert given == []
    assert page.surface.summary_shown


def test_the_question_is_answered_in_full_screen_too(window, checking_in, qtbot):
    page = checking_in
    window.enter_fullscreen()
    full = window.fullscreen.window
    assert page.surface.checkin.isVisible()
    assert page.surface.checkin.window() is full
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_0)
    assert page.session.description.tension_before == 0
    assert window.fullscreen.active
    window.fullscreen.leave()


def test_switching_the_check_in_off_takes_the_question_away(window, checking_in, qtbot):
    page = checking_in
    window.context.update_preferences(checkin=False)
    assert not page.surface.checkin_shown
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.session.state is SessionState.RUNNING
    window.context.update_preferences(checkin=True)
    assert not page.surface.checkin_shown, "not while a practice runs"
