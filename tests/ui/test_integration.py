"""The window with everything attached: sessions reach the log, sound follows, relax runs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pacer.core.audio.player import AudioStatus
from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import PracticeLog
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import load_default_script
from pacer.core.session_clock import SessionState
from pacer.ui.launch import LaunchRequest, open_window
from tests.support.sessions import welcome_already_read


def test_a_breathing_session_is_logged_with_its_reflection(window, fake_clock):
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 0.5))
    fake_clock.advance(12)
    session.refresh()
    log = window.context.log
    running = log.get(session.description.session_id)
    assert running.ended is None
    assert running.practised_seconds >= 5  # checkpointed while it runs
    fake_clock.advance(20)
    session.refresh()
    record = log.get(session.description.session_id)
    assert record.ended is SessionEnd.COMPLETED
    assert record.practised_seconds == pytest.approx(30)
    assert (record.inhale, record.exhale, record.planned_seconds) == (4, 6, 30)
    page.surface.summary.feelings.button(4).click()
    page.surface.summary.note.setText("shoulders loose")
    page.surface.summary.done.click()
    record = log.get(session.description.session_id)
    assert record.feeling == "calm"
    assert record.note == "shoulders loose"


def test_ending_early_is_logged_as_ended_early_and_shown_in_history(qtbot, window, fake_clock):
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(42)
    window.breathing.stop()
    record = window.context.log.get(session.description.session_id)
    assert record.ended is SessionEnd.ENDED_EARLY
    assert record.practised_seconds == pytest.approx(42)
    with qtbot.waitSignal(window.history.snapshot_shown, timeout=10_000):
        window.show_page("history")
    assert [r.id for r in window.history.view.snapshot.sessions] == [session.description.session_id]
    assert window.history.view.table_model.rowCount() == 1


def test_relaxation_runs_through_to_the_end_and_is_logged(window, fake_clock):
    page = window.relaxation
    window.show_page("relaxation")
    page.options.closing.setValue(0.5)
    session = page.new_session()
    page.begin(session)
    total = session.timeline.total_seconds
    fake_clock.advance(total / 2)
    session.refresh()
    assert page.surface.step_panel.heading.text()
    fake_clock.advance(total)
    session.refresh()
    record = window.context.log.get(session.description.session_id)
    assert record.kind is SessionKind.RELAXATION
    assert record.ended is SessionEnd.COMPLETED
    options = page.options
    assert (record.clench_seconds, record.release_seconds) == (
        options.clench.value(),
        options.release.value(),
    )
    assert record.skipped_groups == ()
    assert record.practised_seconds == pytest.approx(total)
    assert "whole sequence" in page.surface.summary.sentence.text()


def test_relaxation_options_are_remembered(window, context):
    options = window.relaxation.options
    options.clench.setValue(7)
    options.groups["feet"].setChecked(False)
    assert context.preferences.relax_clench_seconds == 7
    assert context.preferences.relax_skipped_groups == "feet"
    plan = window.relaxation.current_plan()
    assert "feet" not in plan.enabled_groups
    for box in options.groups.values():
        box.setChecked(False)
    assert options.enabled_keys(), "at least one group always stays on"


@dataclass
class FakePlayer:
    settings: object
    on_change: object = None
    available: bool = True

    def __post_init__(self):
        self.calls: list[str] = []

    def start(self, source, elapsed_fn):
        self.calls.append("start")
        self.source = source
        reason = None if self.available else "no sound device was found"
        return AudioStatus(available=self.available, reason=reason, running=self.available)

    def pause(self):
        self.calls.append("pause")

    def resume(self):
        self.calls.append("resume")

    def stop(self, ring_out=True):
        self.calls.append(f"stop(ring_out={ring_out})")

    def set_volume_db(self, db):
        self.calls.append(f"volume({db:g})")

    def status(self):
        return AudioStatus(available=self.available, running="start" in self.calls[-1:])


@pytest.fixture
def fake_players(window):
    made: list[FakePlayer] = []

    def factory(settings, on_change=None):
        made.append(FakePlayer(settings, on_change))
        return made[-1]

    window.sound._player_factory = factory
    return made


def test_sound_follows_the_session_when_on(window, fake_clock, fake_players):
    window.context.update_preferences(sound=True)
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 0.5))
    player = fake_players[0]
    session.pause()
    session.resume()
    fake_clock.advance(31)
    session.refresh()
    assert player.calls == ["start", "pause", "resume", "stop(ring_out=True)"]
    assert player.source.total_seconds == 30


def test_m_key_turns_sound_on_mid_session_and_off_again(window, qtbot, fake_players):
    from PySide6.QtCore import Qt

    window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    assert fake_players == []
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert window.context.preferences.sound is True
    assert fake_players[0].calls == ["start"]
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert window.context.preferences.sound is False
    assert fake_players[0].calls[-1] == "stop(ring_out=False)"


def test_missing_sound_device_shows_a_calm_notice_with_retry(window, fake_players):
    window.sound._player_factory = lambda settings, on_change=None: (
        fake_players.append(FakePlayer(settings, on_change, available=False)) or fake_players[-1]
    )
    window.context.update_preferences(sound=True)
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    assert window.sound_notice.isVisible()
    assert "no sound device was found" in window.sound_notice.text
    assert session.state is SessionState.RUNNING  # practice carries on quietly
    window.sound_notice.retry_requested.emit()
    assert fake_players[0].calls == ["start", "start"]


def test_relax_from_the_command_line_starts_at_once(qtbot, data_dir):
    welcome_already_read(data_dir)
    plan = RelaxationPlan(load_default_script(), closing_minutes=1)
    window = open_window(LaunchRequest(data_dir=data_dir, relaxation=plan))
    qtbot.addWidget(window)
    assert window.current_page_name == "relaxation"
    assert window.relaxation.session.state is SessionState.RUNNING
    window.close()


def test_an_unopenable_log_is_explained_and_practice_still_works(qtbot, data_dir, monkeypatch):
    from pacer.core.practice_log import store

    def refuse(cls, data_dir, **kwargs):
        raise store.NewerLogError("it was written by a newer Pacer.")

    monkeypatch.setattr(PracticeLog, "open", classmethod(refuse))
    monkeypatch.setattr(
        "pacer.ui.main_window.MainWindow.welcome_then",
        lambda self, then, always=False: then() if then else None,
    )
    window = open_window(LaunchRequest(data_dir=data_dir))
    qtbot.addWidget(window)
    assert any("newer Pacer" in m for m in window.notices.messages)
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 1))
    assert session.state is SessionState.RUNNING
    window.close()


def test_closing_the_summary_without_choosing_writes_nothing(window, fake_clock):
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(15)
    window.breathing.stop()
    before = window.context.log.get(session.description.session_id)
    window.breathing.surface.summary.done.click()
    assert window.context.log.get(session.description.session_id) == before
    assert before.feeling is None
    assert before.note is None


def test_the_practice_log_follows_a_change_to_night_colours(qtbot, window, fake_clock):
    from pacer.core.preferences import Appearance

    window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(30)
    window.breathing.stop()
    window.context.update_preferences(appearance=Appearance.LIGHT)
    with qtbot.waitSignal(window.history.snapshot_shown, timeout=10_000):
        window.show_page("history")
    view = window.history.view
    day_background = view.minutes_chart.backgroundBrush().color().lightness()
    view.zoom_in_button.click()
    zoomed = view.minutes_chart.view_box.viewRange()[0]
    window.context.update_preferences(appearance=Appearance.DARK)
    assert window.history.view is view  # recoloured in place
    assert view.minutes_chart.backgroundBrush().color().lightness() < day_background
    assert view.minutes_chart.view_box.viewRange()[0] == pytest.approx(zoomed)
    assert view.table_model.rowCount() == 1


def test_starting_relaxation_asks_before_ending_a_running_breathing_session(window, fake_clock):
    asked = []
    answer = {"value": False}

    def confirm(running):
        asked.append(running.kind)
        return answer["value"]

    window.services.confirm_replacing = confirm
    breathing = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(20)
    window.show_page("relaxation")
    window.relaxation.toggle()
    assert asked == [SessionKind.BREATHING]
    assert breathing.state is SessionState.RUNNING
    assert window.relaxation.session is None
    answer["value"] = True
    window.relaxation.toggle()
    assert breathing.outcome.ended is SessionEnd.ENDED_EARLY
    assert window.relaxation.session.state is SessionState.RUNNING
