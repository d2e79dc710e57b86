"""Everything the history view draws, computed once from the log (pure, numpy).

The view only draws these arrays and lists; it computes nothing itself. Times on the chart
axis are Unix seconds, the scale pyqtgraph's ``DateAxisItem`` reads in local time: each
day's bar sits at that day's local noon, and a run's soft band spans from the local
midnight that starts its first day to the one that ends its last day (23 or 25 hours on
daylight-saving days, never a drifting 24).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

import numpy as np

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

DAY_SECONDS = 86_400.0
BAR_WIDTH_SECONDS = 0.7 * DAY_SECONDS
CALENDAR_WEEKS = 12
INITIAL_VIEW_DAYS = 35
MIN_VIEW_DAYS = 7


def day_time(day: date, at: time, tz: tzinfo | None = None) -> float:
    """Unix seconds of a wall time on ``day`` in ``tz`` (None: this computer's zone)."""
    if tz is None:
        return datetime.combine(day, at).astimezone().timestamp()
    return datetime.combine(day, at, tzinfo=tz).timestamp()


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
    sessions: list[SessionRecord] = field(repr=False)  # newest first
    x_limits: tuple[float, float] = (0.0, 0.0)
    initial_x_range: tuple[float, float] = (0.0, 0.0)
    max_minutes: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.sessions

    @property
    def has_feelings(self) -> bool:
        return self.feeling_x.size > 0


def build_history(
    records: Iterable[SessionRecord],
    rest_days: Iterable[date],
    today: date,
    *,
    kind: SessionKind | None = None,
    tz: tzinfo | None = None,
    calendar_weeks: int = CALENDAR_WEEKS,
) -> HistorySnapshot:
    """Turn the log's records (any order) into what the history view shows.

    ``kind`` narrows everything to breathing or relaxation; ``tz`` is the zone of the
    chart's time axis (None: this computer's, as ``DateAxisItem`` uses).
    """
    rest = set(rest_days)
    chosen = [r for r in records if kind is None or r.kind is kind]
    summary = summarize(chosen, rest, today)
    per_day = minutes_by_day(chosen)
    bar_days = sorted(per_day)
    noon, midnight = time(12), time(0)
    bar_x = np.fromiter((day_time(d, noon, tz) for d in bar_days), float, len(bar_days))
    bar_minutes = np.fromiter((per_day[d] for d in bar_days), float, len(bar_days))
    runs = find_runs(per_day, rest)
    run_x0 = np.fromiter((day_time(r.first, midnight, tz) for r in runs), float, len(runs))
    run_x1 = np.fromiter((day_time(r.last + ONE_DAY, midnight, tz) for r in runs), float, len(runs))

    with_feeling = sorted(
        (r.started_at.timestamp(), feeling_by_key(r.feeling).calm) for r in chosen if r.feeling
    )
    feeling_x = np.array([x for x, _ in with_feeling], dtype=float)
    feeling_calm = np.array([c for _, c in with_feeling], dtype=float)

    newest_first = sorted(chosen, key=lambda r: (r.started_at.timestamp(), r.id), reverse=True)

    first_day = min(bar_days[0], today) if bar_days else today
    last_day = max(bar_days[-1], today) if bar_days else today
    x_min = day_time(first_day - timedelta(days=3), midnight, tz)
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
        sessions=newest_first,
        x_limits=(x_min, x_max),
        initial_x_range=(start, x_max),
        max_minutes=float(bar_minutes.max()) if bar_minutes.size else 0.0,
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
