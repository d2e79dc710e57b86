from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pacer.core.history.model import (
    BAR_WIDTH_SECONDS,
    DAY_SECONDS,
    build_history,
    day_time,
)
from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.wording import describe_minutes, describe_pattern

BERLIN = ZoneInfo("Europe/Berlin")


def session(day: date, minutes=10.0, kind=SessionKind.BREATHING, feeling=None, hour=21):
    start = datetime.combine(day, time(hour), tzinfo=BERLIN)
    start = start.replace(tzinfo=timezone(start.utcoffset()))
    return SessionRecord(
        kind=kind,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        practised_seconds=minutes * 60,
        ended=SessionEnd.COMPLETED,
        feeling=feeling,
    )


def test_bars_sit_at_local_noon_even_on_a_daylight_saving_day():
    days = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]  # the 29th has 23 hours
    snapshot = build_history([session(d) for d in days], [], date(2026, 3, 30), tz=BERLIN)
    noons = [datetime.fromtimestamp(x, BERLIN) for x in snapshot.bar_x]
    assert [(n.date(), n.hour, n.minute) for n in noons] == [(d, 12, 0) for d in days]
    gaps = [b - a for a, b in zip(snapshot.bar_x, snapshot.bar_x[1:], strict=False)]
    assert gaps == [DAY_SECONDS - 3600, DAY_SECONDS]
    assert min(gaps) > BAR_WIDTH_SECONDS  # bars never touch, even on the short day


def test_run_bands_span_whole_local_days():
    days = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 4, 2)]
    snapshot = build_history([session(d) for d in days], [], date(2026, 4, 2), tz=BERLIN)
    bands = [
        (datetime.fromtimestamp(a, BERLIN), datetime.fromtimestamp(b, BERLIN))
        for a, b in zip(snapshot.run_x0, snapshot.run_x1, strict=True)
    ]
    assert [(a.date(), a.hour, b.date(), b.hour) for a, b in bands] == [
        (date(2026, 3, 28), 0, date(2026, 3, 30), 0),
        (date(2026, 4, 2), 0, date(2026, 4, 3), 0),
    ]


def test_minutes_add_up_per_day_and_the_kind_filter_narrows_everything():
    day = date(2026, 5, 6)
    records = [
        session(day, 10, SessionKind.BREATHING, hour=7),
        session(day, 6.5, SessionKind.RELAXATION, hour=21),
        session(day - timedelta(days=1), 4, SessionKind.RELAXATION),
    ]
    both = build_history(records, [], day, tz=BERLIN)
    assert list(both.bar_minutes) == [4, 16.5]
    relax = build_history(records, [], day, tz=BERLIN, kind=SessionKind.RELAXATION)
    assert list(relax.bar_minutes) == [4, 6.5]
    assert relax.summary.total_sessions == 2
    assert [s.kind for s in relax.sessions] == [SessionKind.RELAXATION] * 2
    assert relax.sessions[0].started_at > relax.sessions[1].started_at  # newest first


def test_the_calendar_covers_recent_weeks_monday_first_with_rest_days():
    today = date(2026, 5, 6)  # a Wednesday
    snapshot = build_history(
        [session(today - timedelta(days=1))], {today - timedelta(days=2)}, today, calendar_weeks=4
    )
    grid = snapshot.calendar
    assert len(grid) == 4
    assert all(len(week) == 7 for week in grid)
    assert grid[0][0].day == date(2026, 4, 13)
    assert grid[0][0].day.weekday() == 0
    this_week = {cell.day: cell for cell in grid[-1]}
    assert this_week[date(2026, 5, 5)].practised
    assert this_week[date(2026, 5, 4)].rest
    assert not this_week[date(2026, 5, 4)].practised
    assert this_week[today].today
    assert this_week[date(2026, 5, 7)].future


def test_feelings_follow_time_and_sessions_without_one_are_left_out():
    days = [date(2026, 5, d) for d in (1, 2, 3)]
    records = [
        session(days[0], feeling="tense"),
        session(days[1]),
        session(days[2], feeling="calm"),
    ]
    snapshot = build_history(records, [], days[-1])
    assert list(snapshot.feeling_calm) == [1, 5]
    assert snapshot.has_feelings


def test_zoom_limits_cover_the_whole_log_and_open_on_recent_weeks():
    today = date(2026, 6, 30)
    first = today - timedelta(days=400)
    snapshot = build_history([session(first), session(today)], [], today, tz=BERLIN)
    low, high = snapshot.x_limits
    assert low <= day_time(first, time(0), BERLIN)
    assert high >= day_time(today + timedelta(days=1), time(0), BERLIN)
    start, end = snapshot.initial_x_range
    assert end == high
    assert 34 * DAY_SECONDS < end - start < 38 * DAY_SECONDS


def test_an_empty_log_builds_an_empty_but_usable_snapshot():
    snapshot = build_history([], [], date(2026, 1, 1))
    assert snapshot.empty
    assert snapshot.bar_x.size == 0
    assert snapshot.max_minutes == 0
    assert snapshot.x_limits[0] < snapshot.x_limits[1]
    assert not snapshot.has_feelings


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"inhale": 4.0, "exhale": 6.0}, "4 in · 6 out"),
        (
            {"inhale": 4.0, "hold": 1.0, "exhale": 7.5, "rest": 2.0},
            "4 in · 1 hold · 7.5 out · 2 rest",
        ),
        ({}, ""),
    ],
)
def test_pattern_words(fields, expected):
    record = SessionRecord(
        kind=SessionKind.BREATHING, started_at=datetime(2026, 1, 1, tzinfo=UTC), **fields
    )
    assert describe_pattern(record) == expected


def test_minutes_words():
    assert describe_minutes(42) == "42 s"
    assert describe_minutes(90) == "1.5 min"
    assert describe_minutes(1200) == "20 min"
