"""Practice days and runs of days, as pure functions of the log's records.

- A session counts on the calendar day it *started*, in the local time where it was
  practised (the UTC offset saved with it). A session at 23:50 that runs past midnight
  belongs to the first day; someone who travels keeps the days they actually lived.
- A run is a stretch of calendar days with practice, where a rest day the user marked
  neither breaks nor lengthens it. Today not practised yet does not end the current run.
- Nothing here judges a gap: a day without practice is simply not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pacer.core.practice_log.records import SessionRecord

ONE_DAY = timedelta(days=1)


def practice_day(record: SessionRecord) -> date:
    """The local calendar day a session counts on: the day it started, where it started."""
    return record.started_at.date()


def practice_days(records: Iterable[SessionRecord]) -> set[date]:
    return {practice_day(r) for r in records}


def minutes_by_day(records: Iterable[SessionRecord]) -> dict[date, float]:
    """Practised minutes (pauses excluded) for each day that has any session."""
    totals: dict[date, float] = defaultdict(float)
    for record in records:
        totals[practice_day(record)] += record.practised_seconds / 60.0
    return dict(totals)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def minutes_by_week(records: Iterable[SessionRecord]) -> dict[date, float]:
    """Practised minutes per week, keyed by the week's Monday."""
    totals: dict[date, float] = defaultdict(float)
    for day, minutes in minutes_by_day(records).items():
        totals[week_start(day)] += minutes
    return dict(totals)


@dataclass(frozen=True)
class Run:
    """Consecutive days of practice from ``first`` to ``last`` (rest days may sit inside)."""

    first: date
    last: date
    practised_days: int

    @property
    def calendar_days(self) -> int:
        return (self.last - self.first).days + 1


def _bridged(earlier: date, later: date, rest: set[date]) -> bool:
    """True when every day strictly between the two is a rest day."""
    day = earlier + ONE_DAY
    while day < later:
        if day not in rest:
            return False
        day += ONE_DAY
    return True


def find_runs(practised: Iterable[date], rest: Iterable[date] = ()) -> list[Run]:
    """Every run, oldest first. A run starts and ends on a practised day."""
    rest_days = set(rest)
    days = sorted(set(practised))
    runs: list[Run] = []
    if not days:
        return runs
    first = last = days[0]
    count = 1
    for day in days[1:]:
        if _bridged(last, day, rest_days):
            count += 1
        else:
            runs.append(Run(first, last, count))
            first, count = day, 1
        last = day
    runs.append(Run(first, last, count))
    return runs


def current_run(runs: list[Run], rest: Iterable[date], today: date) -> Run | None:
    """The run still going today: its last practised day is today or yesterday, or only
    rest days lie between it and today. Today not practised yet never ends it."""
    if not runs:
        return None
    latest = runs[-1]
    if latest.last >= today - ONE_DAY or _bridged(latest.last, today, set(rest)):
        return latest
    return None


def days_practised_in_last(practised: set[date], today: date, days: int) -> int:
    """Practised days among the ``days`` calendar days ending today (today included)."""
    earliest = today - timedelta(days=days - 1)
    return sum(1 for day in practised if earliest <= day <= today)


@dataclass(frozen=True)
class Summary:
    today: date
    total_sessions: int
    total_minutes: float
    days_practised: int
    days_last_7: int
    days_last_30: int
    minutes_last_7: float
    minutes_this_week: float
    current_run: Run | None


def summarize(records: Iterable[SessionRecord], rest: Iterable[date], today: date) -> Summary:
    records = list(records)
    rest_days = set(rest)
    per_day = minutes_by_day(records)
    practised = set(per_day)
    runs = find_runs(practised, rest_days)
    week_from = week_start(today)
    seven_from = today - timedelta(days=6)
    return Summary(
        today=today,
        total_sessions=len(records),
        total_minutes=sum(per_day.values()),
        days_practised=len(practised),
        days_last_7=days_practised_in_last(practised, today, 7),
        days_last_30=days_practised_in_last(practised, today, 30),
        minutes_last_7=sum(m for d, m in per_day.items() if seven_from <= d <= today),
        minutes_this_week=sum(m for d, m in per_day.items() if week_from <= d <= today),
        current_run=current_run(runs, rest_days, today),
    )


def _minutes(value: float) -> str:
    whole = round(value)
    if whole == 0 and value > 0:
        return "under a minute"
    return "1 minute" if whole == 1 else f"{whole} minutes"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def summary_lines(summary: Summary) -> list[str]:
    """Plain, kind sentences about the practice so far.

    Nothing about what is missing, and nothing to beat: no longest stretch, no count of days
    in a row to keep alive. A quiet stretch of days is simply not mentioned.
    """
    if summary.total_sessions == 0:
        return ["Your practice will appear here after your first session, whenever you like."]
    lines = []
    if summary.days_last_30 > 0:
        lines.append(f"You practised on {summary.days_last_30} of the last 30 days.")
    if summary.minutes_this_week > 0:
        lines.append(f"This week so far: {_minutes(summary.minutes_this_week)} of calm practice.")
    sessions = "1 session" if summary.total_sessions == 1 else f"{summary.total_sessions} sessions"
    lines.append(
        f"Altogether: {sessions}, {_minutes(summary.total_minutes)}, "
        f"on {_days(summary.days_practised)}."
    )
    return lines
