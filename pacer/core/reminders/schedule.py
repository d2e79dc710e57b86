"""When gentle reminders are due: times of day, weekdays, and the next one after a moment.

Everything here is pure: "now" is passed in as an aware datetime and the time zone is either
a ``tzinfo`` with real rules (tests use ``zoneinfo``) or ``None`` for the system's own zone,
whose rules Python applies through ``datetime.astimezone()`` date by date.

A chosen time is a local wall-clock time. On the night clocks spring forward a time inside
the skipped hour moves forward with the clocks (02:30 becomes 03:30); on the night they fall
back a time that happens twice counts once, the first time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

MAX_TIMES = 3
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EVERY_DAY = frozenset(range(7))
# A reminder that could not be shown near its time (the computer was asleep, the clock
# jumped) is let go quietly rather than shown late.
LATE_AFTER = timedelta(minutes=10)
_SEARCH_DAYS = 9  # a week ahead, plus the days either side of a clock change

_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_DAY_WORDS = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
}


class ReminderError(ValueError):
    """A time or a set of days that makes no sense; the message is written for the user."""


def parse_time(text: str) -> time:
    """``"19:30"`` or ``"7:05"`` → a time of day (24-hour clock)."""
    match = _TIME.match(text)
    if match is None:
        raise ReminderError(f"expected a time like 19:30, got {text!r}")
    hour, minute = int(match[1]), int(match[2])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ReminderError(f"expected a time between 00:00 and 23:59, got {text!r}")
    return time(hour, minute)


def parse_times(text: str | Iterable[str]) -> tuple[time, ...]:
    """Up to three times, separated by commas or spaces; sorted, repeats counted once."""
    parts = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    times = sorted({parse_time(part) for part in parts})
    if len(times) > MAX_TIMES:
        raise ReminderError(f"at most {MAX_TIMES} reminder times a day (got {len(times)})")
    return tuple(times)


def format_time(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_times(times: Iterable[time]) -> str:
    return " ".join(format_time(t) for t in times)


def _day_index(word: str, original: str) -> int:
    word = word.strip().lower()
    if len(word) >= 3:
        for index, name in enumerate(DAY_NAMES):
            if FULL_DAY_NAMES[index].lower().startswith(word) and word.startswith(name):
                return index
    raise ReminderError(f"expected days like mon-fri, sat,sun or daily, got {original!r}")


def parse_days(text: str) -> frozenset[int]:
    """``"mon-fri"``, ``"sat,sun"``, ``"mon,wed,fri"``, ``"daily"`` → weekday numbers (Monday 0).

    Ranges may wrap round the weekend (``fri-mon``); full names are welcome too.
    """
    days: set[int] = set()
    parts = [part for part in re.split(r"[,\s]+", text.strip()) if part]
    if not parts:
        raise ReminderError("expected at least one day, such as mon-fri or daily")
    for part in parts:
        word = part.lower()
        if word in _DAY_WORDS:
            days |= _DAY_WORDS[word]
        elif "-" in word:
            first, _, last = word.partition("-")
            start, end = _day_index(first, text), _day_index(last, text)
            span = (end - start) % 7
            days |= {(start + step) % 7 for step in range(span + 1)}
        else:
            days.add(_day_index(word, text))
    return frozenset(days)


def format_days(days: Iterable[int]) -> str:
    """The shortest canonical spelling: ``daily``, ``mon-fri``, ``sat,sun``, ``mon,wed,fri``."""
    chosen = sorted(set(days))
    if not chosen:
        return ""
    if len(chosen) == 7:
        return "daily"
    runs: list[list[int]] = []
    for day in chosen:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[day] for day in run)
    return ",".join(parts)


def describe_days(days: Iterable[int]) -> str:
    """Days in words: "every day", "Monday to Friday", "Saturday and Sunday"."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "every day"
    if chosen == list(range(5)):
        return "Monday to Friday"
    if len(chosen) >= 3 and chosen == list(range(chosen[0], chosen[-1] + 1)):
        return f"{FULL_DAY_NAMES[chosen[0]]} to {FULL_DAY_NAMES[chosen[-1]]}"
    names = [FULL_DAY_NAMES[day] for day in chosen]
    if len(names) == 1:
        return f"on {names[0]}s"
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe_times(times: Iterable[time]) -> str:
    words = [format_time(t) for t in times]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class ReminderPlan:
    """The chosen times of day and weekdays (Monday 0 … Sunday 6)."""

    times: tuple[time, ...]
    days: frozenset[int] = EVERY_DAY

    @property
    def empty(self) -> bool:
        return not self.times or not self.days


def local_moment(day: date, at: time, zone: tzinfo | None) -> datetime:
    """The moment (in UTC) when the wall clock shows ``at`` on ``day`` (see the module notes).

    UTC, because Python compares and subtracts two datetimes sharing one ``tzinfo`` by their
    wall-clock reading, which is wrong across a change of clocks.
    """
    naive = datetime.combine(day, at)
    if zone is None:
        # The system's rules for that very date; fold=0 puts a skipped time after the gap.
        return naive.astimezone().astimezone(UTC)
    return naive.replace(tzinfo=zone).astimezone(UTC)


def local_now(now: datetime, zone: tzinfo | None) -> datetime:
    return now.astimezone(zone) if zone is not None else now.astimezone()


def slots_on(day: date, plan: ReminderPlan, zone: tzinfo | None) -> list[datetime]:
    if day.weekday() not in plan.days:
        return []
    return [local_moment(day, at, zone) for at in plan.times]


def next_midnight(now: datetime, zone: tzinfo | None) -> datetime:
    today = local_now(now, zone).date()
    return local_moment(today + timedelta(days=1), time(0, 0), zone)


def next_reminder(
    plan: ReminderPlan,
    now: datetime,
    zone: tzinfo | None = None,
    *,
    after: datetime | None = None,
    skip_day: Callable[[date], bool] = lambda _day: False,
) -> datetime | None:
    """The first reminder strictly later than ``now`` (and than ``after``), or None.

    ``skip_day(date)`` leaves out whole local days: "Not today", or a day already practised.
    """
    if plan.empty:
        return None
    floor = now if after is None else max(now, after)
    today = local_now(now, zone).date()
    for offset in range(_SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if skip_day(day):
            continue
        for slot in slots_on(day, plan, zone):
            if slot > floor:
                return slot
    return None


def latest_passed(
    plan: ReminderPlan, now: datetime, zone: tzinfo | None = None, *, after: datetime
) -> datetime | None:
    """The latest reminder time in (``after``, ``now``], or None: what a wake-up is for."""
    if plan.empty or now <= after:
        return None
    today = local_now(now, zone).date()
    for offset in range(_SEARCH_DAYS):
        day = today - timedelta(days=offset)
        for slot in reversed(slots_on(day, plan, zone)):
            if after < slot <= now:
                return slot
            if slot <= after:
                return None
    return None
