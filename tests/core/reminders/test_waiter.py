"""The waiting process's decisions, with a fake "now" moved by hand and in-memory state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pacer.core.preferences import Preferences, from_mapping
from pacer.core.reminders.schedule import ReminderPlan, parse_days
from pacer.core.reminders.state import ReminderState, load_state, save_state, state_path
from pacer.core.reminders.waiter import Outcome, ReminderSettings, ReminderWaiter, settings_from

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@dataclass
class World:
    now: datetime
    settings: ReminderSettings = field(
        default_factory=lambda: ReminderSettings(True, ReminderPlan((time(19, 30),)), "Hello")
    )
    state: ReminderState = field(default_factory=ReminderState)
    practised: set[date] = field(default_factory=set)
    running: bool = False

    def waiter(self) -> ReminderWaiter:
        return ReminderWaiter(
            now=lambda: self.now,
            load_settings=lambda: self.settings,
            load_state=lambda: self.state,
            save_state=lambda state: setattr(self, "state", state),
            practised_on=lambda day: day in self.practised,
            practice_running=lambda: self.running,
            zone=BERLIN,
        )


def test_wakes_at_the_reminder_shows_it_once_then_sleeps_until_midnight():
    world = World(at("2026-03-10T12:00"))
    waiter = world.waiter()
    first = waiter.wake()
    assert first.outcome is None
    assert first.next_wake == at("2026-03-10T19:30")
    world.now = at("2026-03-10T19:30:00.2")
    shown = waiter.wake()
    assert (shown.slot, shown.outcome) == (at("2026-03-10T19:30"), Outcome.SHOW)
    assert shown.next_wake == at("2026-03-11T00:00")  # midnight comes before tomorrow's
    again = waiter.wake()  # a spurious wake-up a moment later
    assert again.outcome is None
    world.now = at("2026-03-11T00:00")
    assert waiter.wake().next_wake == at("2026-03-11T19:30")


def test_a_restart_or_clock_set_back_never_repeats_a_reminder():
    world = World(at("2026-03-10T19:30:01"))
    world.state = ReminderState(last_slot=at("2026-03-10T19:30"))
    world.now = at("2026-03-10T18:45")  # the clock was set back after the reminder
    waiter = world.waiter()
    assert waiter.wake().next_wake == at("2026-03-11T00:00")
    world.now = at("2026-03-10T19:31")
    assert waiter.wake().outcome is None


def test_starting_after_a_reminder_time_does_not_show_it_late():
    world = World(at("2026-03-10T19:35"))  # logged in just after 19:30
    result = world.waiter().wake()
    assert result.outcome is None
    assert result.next_reminder == at("2026-03-11T19:30")


def test_after_sleeping_through_a_reminder_it_is_let_go_quietly():
    world = World(at("2026-03-10T19:00"))
    waiter = world.waiter()
    waiter.wake()
    world.now = at("2026-03-10T23:10")  # the laptop woke up hours later
    result = waiter.wake()
    assert (result.slot, result.outcome) == (at("2026-03-10T19:30"), Outcome.LATE)
    world.now = at("2026-03-10T19:34")  # …a few minutes late is still fine
    world.state = ReminderState()
    waiter.since = at("2026-03-10T19:00")
    assert waiter.wake().outcome is Outcome.SHOW


def test_a_day_already_practised_stays_quiet_unless_asked_otherwise():
    world = World(at("2026-03-10T08:00"), practised={date(2026, 3, 10)})
    waiter = world.waiter()
    assert waiter.wake().next_reminder == at("2026-03-11T19:30")
    world.now = at("2026-03-10T19:30")
    assert waiter.wake().outcome is Outcome.PRACTISED
    world.settings = ReminderSettings(
        True, ReminderPlan((time(19, 30),)), "Hello", skip_if_practised=False
    )
    world.now = at("2026-03-11T19:30")
    world.practised.add(date(2026, 3, 11))
    assert waiter.wake().outcome is Outcome.SHOW


def test_not_today_silences_the_rest_of_the_day_and_is_kept():
    plan = ReminderPlan((time(8, 0), time(12, 0), time(19, 30)))
    world = World(at("2026-03-10T08:00:01"))
    world.settings = ReminderSettings(True, plan, "Hello")
    waiter = world.waiter()
    waiter.since = at("2026-03-10T07:00")
    assert waiter.wake().outcome is Outcome.SHOW
    world.now = at("2026-03-10T08:01")
    waiter.not_today()
    assert world.state.quiet_day == date(2026, 3, 10)
    restarted = world.waiter()  # the state is all a new process needs
    assert restarted.wake().next_reminder == at("2026-03-11T08:00")
    world.now = at("2026-03-10T12:00")
    assert restarted.wake().outcome is Outcome.QUIET


def test_no_reminder_while_a_practice_is_running_and_none_saved_for_later():
    world = World(at("2026-03-10T19:00"), running=True)
    waiter = world.waiter()
    waiter.wake()
    world.now = at("2026-03-10T19:30")
    assert waiter.wake().outcome is Outcome.PRACTISING
    world.running = False
    world.now = at("2026-03-10T19:40")
    assert waiter.wake().outcome is None


def test_weekdays_only_and_turned_off():
    world = World(at("2026-03-13T20:00"))  # Friday
    world.settings = ReminderSettings(
        True, ReminderPlan((time(19, 30),), parse_days("mon-fri")), "x"
    )
    assert world.waiter().wake().next_reminder == at("2026-03-16T19:30")
    world.settings = ReminderSettings(False, ReminderPlan((time(19, 30),)), "x")
    result = world.waiter().wake()
    assert result.next_reminder is None
    assert result.next_wake == at("2026-03-14T00:00")


def test_new_settings_do_not_show_a_time_that_has_just_passed():
    world = World(at("2026-03-10T09:00"))
    waiter = world.waiter()
    waiter.wake()
    world.now = at("2026-03-10T19:40")
    world.settings = ReminderSettings(True, ReminderPlan((time(19, 35),)), "x")
    waiter.start_afresh()
    assert waiter.wake().outcome is None


def test_state_file_round_trip_and_calm_fallback(data_dir):
    state = ReminderState(date(2026, 3, 10), at("2026-03-10T19:30"))
    save_state(data_dir, state)
    assert load_state(data_dir) == state
    assert state_path(data_dir).stat().st_mode & 0o777 == 0o600
    state_path(data_dir).write_text("{ not json")
    assert load_state(data_dir) == ReminderState()


def test_reminder_preferences_default_off_and_fall_back_calmly():
    prefs = Preferences()
    assert prefs.reminders is False
    assert prefs.reminder_skip_practised is True
    assert prefs.reminder_sound is False
    loaded, problems = from_mapping(
        {
            "reminders": "true",
            "reminder_times": "25:00",
            "reminder_days": "someday",
            "reminder_text": "Breathe\x1b[31m",
        }
    )
    assert loaded.reminders is True
    assert loaded.reminder_times == ""  # never an invented time
    assert loaded.reminder_days == "daily"
    assert loaded.reminder_text == Preferences().reminder_text
    assert len(problems) == 3
    assert settings_from(loaded).plan.empty


@pytest.mark.parametrize("text", ["", " ", "x" * 121, "line\nbreak", "a\u202eb"])
def test_own_words_are_length_limited_and_free_of_control_characters(text):
    from pacer.core.preferences import PreferenceError

    with pytest.raises(PreferenceError):
        Preferences().with_changes(reminder_text=text)


def test_default_words_stay_discreet():
    from pacer.core.reminders import words

    lowered = " ".join((words.TITLE, *words.NEUTRAL_LINES)).lower()
    for word in ("vagin", "pelvic", "pain", "sex", "missed", "goal", "streak", "muscle"):
        assert word not in lowered
