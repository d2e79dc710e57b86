"""What the waiting process decides each time it wakes, with time and storage passed in.

A wake-up may come from the timer, a clock or time-zone change, midnight, or new settings.
Each time the waiter looks for the latest reminder time since it last looked: that one is
shown (once) or quietly let go, and every earlier one counts as dealt with, so nothing is
ever repeated or piled up. Then it names the next moment to wake: the next reminder, or
midnight, whichever comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum

from pacer.core.preferences import Preferences
from pacer.core.reminders.schedule import (
    LATE_AFTER,
    ReminderPlan,
    latest_passed,
    local_now,
    next_midnight,
    next_reminder,
    parse_days,
    parse_times,
)
from pacer.core.reminders.state import ReminderState


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool
    plan: ReminderPlan
    text: str
    skip_if_practised: bool = True
    sound: bool = False


def settings_from(prefs: Preferences) -> ReminderSettings:
    plan = ReminderPlan(parse_times(prefs.reminder_times), parse_days(prefs.reminder_days))
    return ReminderSettings(
        enabled=prefs.reminders,
        plan=plan,
        text=prefs.reminder_text,
        skip_if_practised=prefs.reminder_skip_practised,
        sound=prefs.reminder_sound,
    )


class Outcome(StrEnum):
    SHOW = "show"
    OFF = "off"  # reminders were turned off
    LATE = "late"  # the computer slept or the clock jumped past it: let go quietly
    QUIET = "quiet"  # "Not today"
    PRACTISED = "practised"  # already practised that day
    PRACTISING = "practising"  # a practice is running right now


@dataclass(frozen=True)
class WakeResult:
    slot: datetime | None  # the reminder time this wake-up dealt with, if any
    outcome: Outcome | None
    next_wake: datetime
    next_reminder: datetime | None


@dataclass
class ReminderWaiter:
    """``now`` gives an aware datetime; the rest reads and writes what the waiter needs."""

    now: Callable[[], datetime]
    load_settings: Callable[[], ReminderSettings]
    load_state: Callable[[], ReminderState]
    save_state: Callable[[ReminderState], None]
    practised_on: Callable[[date], bool]
    practice_running: Callable[[], bool]
    zone: tzinfo | None = None
    since: datetime | None = None  # reminder times up to here are not this waiter's to show

    def __post_init__(self) -> None:
        if self.since is None:
            self.since = self.now()

    def start_afresh(self) -> None:
        """New settings: times already past today stay past (nothing shows at once)."""
        self.since = max(self.since or self.now(), self.now())

    def _handled_until(self, state: ReminderState) -> datetime:
        assert self.since is not None
        if state.last_slot is None:
            return self.since
        return max(self.since, state.last_slot)

    def wake(self) -> WakeResult:
        now = self.now()
        settings = self.load_settings()
        state = self.load_state()
        slot = latest_passed(settings.plan, now, self.zone, after=self._handled_until(state))
        outcome = None
        if slot is not None:
            state = state.with_last_slot(slot)
            self.save_state(state)
            outcome = self.decide(slot, now, settings, state)
        upcoming = self.upcoming(now, settings, state)
        midnight = next_midnight(now, self.zone)
        next_wake = midnight if upcoming is None else min(upcoming, midnight)
        return WakeResult(slot, outcome, next_wake, upcoming)

    def decide(
        self, slot: datetime, now: datetime, settings: ReminderSettings, state: ReminderState
    ) -> Outcome:
        day = local_now(slot, self.zone).date()
        if not settings.enabled:
            return Outcome.OFF
        if now - slot > LATE_AFTER:
            return Outcome.LATE
        if state.quiet_on(day):
            return Outcome.QUIET
        if settings.skip_if_practised and self.practised_on(day):
            return Outcome.PRACTISED
        if self.practice_running():
            return Outcome.PRACTISING
        return Outcome.SHOW

    def upcoming(
        self, now: datetime, settings: ReminderSettings, state: ReminderState | None = None
    ) -> datetime | None:
        """The next reminder that would be shown as things stand, or None."""
        if not settings.enabled:
            return None
        state = self.load_state() if state is None else state
        today = local_now(now, self.zone).date()
        practised_today = settings.skip_if_practised and self.practised_on(today)

        def skip(day: date) -> bool:
            return state.quiet_on(day) or (practised_today and day == today)

        return next_reminder(
            settings.plan, now, self.zone, after=self._handled_until(state), skip_day=skip
        )

    def not_today(self) -> ReminderState:
        """ "Not today": nothing more until tomorrow (kept, so a restart keeps it)."""
        state = self.load_state().with_quiet_day(local_now(self.now(), self.zone).date())
        self.save_state(state)
        return state
