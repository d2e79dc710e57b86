"""Everything the history view draws, computed once from the log (pure, numpy).

The view only draws these arrays and lists; it computes nothing itself. Times on the chart
axis are Unix seconds, the scale pyqtgraph's ``DateAxisItem`` reads in local time: each
day's bar sits at that day's local noon, and a run's soft band spans from the local
midnight that starts its first day to the one that ends its last day (23 or 25 hours on
daylight-saving days, never a drifting 24).

Any row survives: a session the history cannot place (a date in the year 9999, a practised
time of 1e300 seconds or NaN) is left out of every chart and total and listed calmly
instead, together with the rows the log itself could not read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from pacer.core.history.checkins import CheckIns, check_ins
from pacer.core.history.streaks import (
    ONE_DAY,
    Run,
    Summary,
    find_runs,
    minutes_by_day,
    summarize,
    summary_lines,
)
from pacer.core.practice_log.records import (
    FEELINGS,
    SessionKind,
    SessionRecord,
    feeling_by_key,
)

if TYPE_CHECKING:
    import numpy as np  # loaded when a history is built, never at start-up (issue 15)

DAY_SECONDS = 86_400.0
# The history places sessions from this day up to tomorrow (a session started abroad may
# carry tomorrow's local date); the same span import accepts.
EARLIEST_DAY = date(2000, 1, 1)
# No single session runs longer than a day: a longer practised time cannot be right.
LONGEST_SESSION_SECONDS = 86_400.0
LEFT_OUT_DETAILS = 5
BAR_WIDTH_SECONDS = 0.7 * DAY_SECONDS
CALENDAR_WEEKS = 12
INITIAL_VIEW_DAYS = 35
MIN_VIEW_DAYS = 7


def day_time(day: date, at: time, tz: tzinfo | None = None) -> float:
    """Unix seconds of a wall time on ``day`` in ``tz`` (None: this computer's zone)."""
    if tz is None:
        return datetime.combine(day, at).astimezone().timestamp()
    return datetime.combine(day, at, tzinfo=tz).timestamp()


class UnreadableEntry(Protocol):
    """A row of the log that cannot be shown: the log's own unreadable rows fit this."""

    @property
    def id(self) -> str: ...
    @property
    def started_at_text(self) -> str: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class LeftOut:
    """A session the history cannot place, listed instead of drawn."""

    id: str
    started_at_text: str
    reason: str


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def problem_with(record: SessionRecord, latest_day: date) -> str | None:
    """Why the history cannot show ``record``, in words for the user; None when it can."""
    try:
        day = record.started_at.date()
    except (OverflowError, ValueError, OSError):
        return "its start time cannot be read"
    if not EARLIEST_DAY <= day <= latest_day:
        # Also what keeps every later date sum and Unix time from overflowing.
        return "its date lies outside the days Pacer can place"
    seconds = record.practised_seconds
    if not (_is_number(seconds) and math.isfinite(seconds)):
        return "its practised time cannot be read"
    if not 0 <= seconds <= LONGEST_SESSION_SECONDS:
        return "its practised time cannot be right"
    return None


def split_readable(
    records: Iterable[SessionRecord], today: date
) -> tuple[list[SessionRecord], list[LeftOut]]:
    """The records the history can show, and the ones it lists as left out."""
    latest_day = today + timedelta(days=1)
    shown: list[SessionRecord] = []
    left_out: list[LeftOut] = []
    for record in records:
        problem = problem_with(record, latest_day)
        if problem is None:
            shown.append(record)
        else:
            left_out.append(LeftOut(str(record.id), _start_text(record), problem))
    return shown, left_out


def _start_text(record: SessionRecord) -> str:
    try:
        return record.started_at.isoformat(sep=" ", timespec="minutes")
    except (OverflowError, ValueError):
        return ""


def left_out_lines(
    entries: Sequence[UnreadableEntry], details: int = LEFT_OUT_DETAILS
) -> list[str]:
    """A calm line saying how many entries are left out, then a few of them by date."""
    if not entries:
        return []
    count = len(entries)
    lines = [
        "1 entry could not be read and is left out."
        if count == 1
        else f"{count} entries could not be read and are left out."
    ]
    for entry in entries[:details]:
        when = entry.started_at_text.strip() or "An entry with no readable date"
        lines.append(f"{when}: {entry.reason}.")
    if count > details:
        lines.append(f"…and {count - details} more.")
    return lines


@dataclass(frozen=True)
class CalendarDay:
    day: date
    minutes: float
    rest: bool
    today: bool
    future: bool

    @property
    def practised(self) -> bool:
        return self.minutes > 0


@dataclass(frozen=True)
class HistorySnapshot:
    today: date
    kind: SessionKind | None
    summary: Summary
    lines: list[str]
    bar_days: list[date]
    bar_x: np.ndarray  # local noon of each practised day
    bar_minutes: np.ndarray
    runs: list[Run]
    run_x0: np.ndarray  # local midnight before the run's first day
    run_x1: np.ndarray  # local midnight after its last day
    calendar: list[list[CalendarDay]]  # one list per week, Monday first, oldest week first
    feeling_x: np.ndarray  # start of each session with a noted feeling
    feeling_calm: np.ndarray
    check_ins: CheckIns
    sessions: list[SessionRecord] = field(repr=False)  # newest first
    x_limits: tuple[float, float] = (0.0, 0.0)
    initial_x_range: tuple[float, float] = (0.0, 0.0)
    max_minutes: float = 0.0
    left_out: tuple[UnreadableEntry, ...] = ()  # the log's unreadable rows, then our own
    left_out_lines: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sessions

    @property
    def has_feelings(self) -> bool:
        return self.feeling_x.size > 0

    @property
    def has_check_ins(self) -> bool:
        return self.check_ins.count > 0

    @property
    def has_trainer(self) -> bool:
        return any(r.kind is SessionKind.TRAINER for r in self.sessions)


def build_history(
    records: Iterable[SessionRecord],
    rest_days: Iterable[date],
    today: date,
    *,
    kind: SessionKind | None = None,
    tz: tzinfo | None = None,
    calendar_weeks: int = CALENDAR_WEEKS,
    unreadable: Sequence[UnreadableEntry] = (),
) -> HistorySnapshot:
    """Turn the log's records (any order) into what the history view shows.

    ``kind`` narrows everything to one practice; ``tz`` is the zone of the chart's time
    axis (None: this computer's, as ``DateAxisItem`` uses). ``unreadable`` are rows the log
    could not turn into records; they are listed with the records the history cannot place.
    """
    rest = {d for d in rest_days if EARLIEST_DAY <= d <= today + timedelta(days=1)}
    readable, own_left_out = split_readable(records, today)
    left_out = (*unreadable, *own_left_out)
    chosen = [r for r in readable if kind is None or r.kind is kind]
    summary = summarize(chosen, rest, today)
    per_day = minutes_by_day(chosen)
    bar_days = sorted(per_day)
    noon, midnight = time(12), time(0)
    import numpy as np  # the window imports this module at start; numpy is slow to load

    bar_x = np.fromiter((day_time(d, noon, tz) for d in bar_days), float, len(bar_days))
    bar_minutes = np.fromiter((per_day[d] for d in bar_days), float, len(bar_days))
    runs = find_runs(per_day, rest)
    run_x0 = np.fromiter((day_time(r.first, midnight, tz) for r in runs), float, len(runs))
    run_x1 = np.fromiter((day_time(r.last + ONE_DAY, midnight, tz) for r in runs), float, len(runs))

    # Each start's Unix time once, then everything in time order from one sort.
    starts = [r.started_at.timestamp() for r in chosen]
    order = sorted(range(len(chosen)), key=lambda i: (starts[i], chosen[i].id))
    in_time = [chosen[i] for i in order]
    in_time_starts = [starts[i] for i in order]
    with_feeling = [
        (x, feeling.calm)
        for x, r in zip(in_time_starts, in_time, strict=True)
        if (feeling := feeling_by_key(r.feeling)) is not None
    ]
    feeling_x = np.array([x for x, _ in with_feeling], dtype=float)
    feeling_calm = np.array([c for _, c in with_feeling], dtype=float)

    newest_first = in_time[::-1]

    first_day = min(bar_days[0], today) if bar_days else today
    last_day = max(bar_days[-1], today) if bar_days else today
    # At least a little more than the closest zoom (a week), so the two never conflict.
    first_day = min(first_day - timedelta(days=3), last_day - timedelta(days=MIN_VIEW_DAYS))
    x_min = day_time(first_day, midnight, tz)
    x_max = day_time(last_day + timedelta(days=2), midnight, tz)
    start = max(day_time(last_day - timedelta(days=INITIAL_VIEW_DAYS - 1), midnight, tz), x_min)
    return HistorySnapshot(
        today=today,
        kind=kind,
        summary=summary,
        lines=summary_lines(summary),
        bar_days=bar_days,
        bar_x=bar_x,
        bar_minutes=bar_minutes,
        runs=runs,
        run_x0=run_x0,
        run_x1=run_x1,
        calendar=calendar_grid(per_day, rest, today, calendar_weeks),
        feeling_x=feeling_x,
        feeling_calm=feeling_calm,
        check_ins=check_ins(in_time, starts=in_time_starts),
        sessions=newest_first,
        x_limits=(x_min, x_max),
        initial_x_range=(start, x_max),
        max_minutes=float(bar_minutes.max()) if bar_minutes.size else 0.0,
        left_out=left_out,
        left_out_lines=left_out_lines(left_out),
    )


def calendar_grid(
    per_day: dict[date, float], rest: set[date], today: date, weeks: int
) -> list[list[CalendarDay]]:
    """The last ``weeks`` weeks (Monday to Sunday), this week last."""
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    grid = []
    for week in range(weeks):
        row = []
        for weekday in range(7):
            day = monday + timedelta(days=7 * week + weekday)
            row.append(
                CalendarDay(
                    day=day,
                    minutes=per_day.get(day, 0.0),
                    rest=day in rest,
                    today=day == today,
                    future=day > today,
                )
            )
        grid.append(row)
    return grid


FEELING_LABELS: Sequence[str] = tuple(f.label for f in FEELINGS)
