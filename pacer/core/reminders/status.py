"""Reminders described in calm words, for ``pacer reminders --status`` and the preferences."""

from __future__ import annotations

from datetime import datetime, timedelta

from pacer.core.reminders.schedule import (
    FULL_DAY_NAMES,
    describe_days,
    describe_times,
    format_time,
)
from pacer.core.reminders.state import ReminderState
from pacer.core.reminders.waiter import ReminderSettings


def describe_moment(moment: datetime, now: datetime) -> str:
    """ "today at 19:30", "tomorrow at 08:00", "on Saturday at 09:00" (local time)."""
    local, today = moment.astimezone(), now.astimezone().date()
    at = format_time(local.time())
    if local.date() == today:
        return f"today at {at}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow at {at}"
    if local.date() < today + timedelta(days=7):
        return f"on {FULL_DAY_NAMES[local.weekday()]} at {at}"
    return f"on {local.date().isoformat()} at {at}"


def describe_plan(settings: ReminderSettings) -> str:
    plan = settings.plan
    if plan.empty:
        return "no times are set yet"
    days = describe_days(plan.days)
    return f"at {describe_times(plan.times)}, {days}"


def status_lines(
    settings: ReminderSettings,
    state: ReminderState,
    upcoming: datetime | None,
    now: datetime,
    waiting_pid: int | None,
) -> list[str]:
    if not settings.enabled:
        return ["Reminders are off. Nothing will appear unless you turn them on."]
    lines = [f"Reminders are on: {describe_plan(settings)}."]
    if state.quiet_on(now.astimezone().date()):
        lines.append("You chose “Not today”, so nothing more appears today.")
    if upcoming is not None:
        lines.append(f"The next one is {describe_moment(upcoming, now)}.")
    if settings.skip_if_practised:
        lines.append("On a day you have already practised, they stay quiet.")
    if waiting_pid is not None:
        lines.append(f"Waiting quietly in the background (process {waiting_pid}).")
    else:
        lines.append(
            "Nothing is waiting right now; it starts when you log in "
            "(or now, with: pacer reminders --run)."
        )
    return lines
