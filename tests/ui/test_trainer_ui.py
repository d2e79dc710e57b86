"""Trainer practice in the window: settle, practise paced by the out-breath, close — calmly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pacer.core.breathing import BreathPattern
from pacer.core.practice_log.records import SessionKind
from pacer.core.session_clock import SessionState
from pacer.core.trainer.plan import TrainerPlan
from pacer.core.trainer.timeline import TrainerStage
from pacer.ui.launch import LaunchRequest, open_window
from tests.support.sessions import welcome_already_read

PLAN = TrainerPlan(BreathPattern(inhale=4, exhale=6), warmup_minutes=0.5, practice_minutes=1)


def run_to(session, clock, seconds):
    clock.advance(max(seconds - session.elapsed(), 0.0))
    session.refresh()
    return session.snapshot


def test_trainer_practice_opens_from_the_command_line_in_full_screen(qtbot, data_dir):
    welcome_already_read(data_dir)
    window = open_window(LaunchRequest(data_dir=data_dir, trainer=PLAN, fullscreen=True))
    qtbot.addWidget(window)
    assert window.current_page_name == "trainer"
    session = window.trainer.session
    assert session.state is SessionState.RUNNING
    assert session.kind is SessionKind.TRAINER
    assert window.fullscreen.active
    window.close()
    QApplication.processEvents()


def test_the_out_breath_of_the_practice_is_offered_never_counted_down(window, fake_clock):
    page = window.trainer
    window.show_page("trainer")
    session = page.start_plan(PLAN)
    surface = page.surface
    run_to(session, fake_clock, 5.0)  # settling: an out-breath like any other
    assert surface.step_panel.heading.text() == "Settling in"
    assert surface.title.text() == "Slowly out… let go"
    practice_start = session.timeline.practice_start
    run_to(session, fake_clock, practice_start + 5.0)  # a practice out-breath
    assert session.snapshot.stage is TrainerStage.PRACTICE
    assert surface.step_panel.heading.text() == "Practice"
    assert "if and when it feels right" in surface.hint.text()
    assert surface.step_panel.countdown.text() == ""
    assert not surface.step_panel.ring.isVisibleTo(page), "no countdown to anything"
    run_to(session, fake_clock, practice_start + 11.0)  # …and the next in-breath asks nothing
    assert "nothing to do" in surface.hint.text()


def test_g_notes_moments_of_guarding_and_c_moves_on_to_the_closing_breaths(
    window, qtbot, fake_clock
):
    page = window.trainer
    window.show_page("trainer")
    session = page.start_plan(PLAN)
    planned_total = session.timeline.total_seconds
    practice_start = session.timeline.practice_start
    run_to(session, fake_clock, practice_start + 12.0)
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClick(window, Qt.Key.Key_G)
    assert session.moments_noted == 2
    assert page.surface.next_label.text() == "Noted. Keep breathing slowly."
    qtbot.keyClick(window, Qt.Key.Key_C)
    timeline = session.timeline
    assert timeline.total_seconds < planned_total
    assert timeline.closing_start == pytest.approx(practice_start + 20.0)  # after this breath
    assert session.clock.length_seconds == pytest.approx(timeline.total_seconds)
    run_to(session, fake_clock, timeline.closing_start + 1.0)
    assert session.snapshot.stage is TrainerStage.CLOSING
    assert not page.closing_button.isEnabled()
    run_to(session, fake_clock, timeline.total_seconds + 1.0)
    assert session.outcome.ended.value == "completed"
    assert session.outcome.moments_noted == 2
    summary = page.surface.summary
    assert summary.question.text() == "How did the muscles respond?"
    assert [b.text() for b in summary.feelings.buttons()] == [
        "Guarded throughout",
        "Guarded, then softened",
        "Stayed soft",
        "I stopped, and that's fine",
    ]


def test_g_and_c_do_nothing_outside_a_trainer_session(window, qtbot, fake_clock):
    window.show_page("breathing")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    session = window.breathing.session
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert session.moments_noted == 0
    assert session.state is SessionState.RUNNING


def test_trainer_words_stay_discreet_and_gentle(window):
    page = window.trainer
    window.show_page("trainer")
    texts = " ".join(label.text().lower() for label in page.findChildren(type(page.surface.title)))
    for word in ("vagina", "insert", "dilator", "size", "depth", "goal", "target", "fail"):
        assert word not in texts
    assert window.windowTitle() == "Pacer"


def test_a_trainer_session_is_logged_with_its_response_and_moments_never_a_size(
    window, qtbot, fake_clock
):
    window.context.update_preferences(checkin=True)
    page = window.trainer
    window.show_page("trainer")
    page.toggle()
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_6)
    session = page.session
    run_to(session, fake_clock, session.timeline.practice_start + 12.0)
    qtbot.keyClick(window, Qt.Key.Key_G)
    run_to(session, fake_clock, session.timeline.total_seconds + 1)
    qtbot.keyClick(page.surface.checkin, Qt.Key.Key_2)
    summary = page.surface.summary
    summary.feelings.button(1).click()  # "Guarded, then softened"
    summary.note.setText("slow and easy")
    summary.done.click()
    record = window.context.log.get(session.description.session_id)
    assert record.kind is SessionKind.TRAINER
    assert record.ended.value == "completed"
    assert (record.tension_before, record.tension_after) == (6, 2)
    assert record.response == "softened"
    assert record.guarding_moments == 1
    assert record.note == "slow and easy"
    assert record.feeling is None
