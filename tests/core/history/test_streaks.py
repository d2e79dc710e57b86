from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pacer.core.history.streaks import (
    Run,
    current_run,
    find_runs,
    minutes_by_day,
    minutes_by_week,
    practice_days,
    summarize,
    summary_lines,
)
from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def session(started_at: datetime, minutes: float = 10) -> SessionRecord:
    return SessionRecord(
        kind=SessionKind.BREATHING,
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=minutes),
        practised_seconds=minutes * 60,
        ended=SessionEnd.COMPLETED,
    )


def local(zone, *parts) -> datetime:
    """A wall time in ``zone``, stored as the log stores it: with its fixed UTC offset."""
    moment = datetime(*parts, tzinfo=zone)
    return moment.replace(tzinfo=timezone(moment.utcoffset()))


def days(*numbers: int, month: int = 3) -> set[date]:
    return {date(2026, month, n) for n in numbers}


def test_an_empty_log_has_no_runs_and_a_welcoming_summary():
    summary = summarize([], [], date(2026, 3, 10))
    assert summary.current_run is None
    assert (summary.total_sessions, summary.total_minutes, summary.days_last_30) == (0, 0, 0)
    assert summary_lines(summary) == [
        "Your practice will appear here after your first session, whenever you like."
    ]


def test_several_sessions_on_one_day_count_one_day_and_add_their_minutes():
    records = [session(local(BERLIN, 2026, 3, 5, h), 7.5) for h in (7, 12, 21)]
    assert practice_days(records) == days(5)
    assert minutes_by_day(records) == {date(2026, 3, 5): 22.5}
    summary = summarize(records, [], date(2026, 3, 5))
    assert summary.current_run == Run(date(2026, 3, 5), date(2026, 3, 5), 1)
    assert summary.total_sessions == 3


def test_a_session_across_midnight_counts_on_the_day_it_started():
    late = session(local(BERLIN, 2026, 3, 5, 23, 50), minutes=25)
    assert practice_days([late]) == days(5)
    assert minutes_by_day([late]) == {date(2026, 3, 5): 25}


@pytest.mark.parametrize(
    ("zone", "change_day"),
    [(BERLIN, 29), (NEW_YORK, 8)],  # spring-forward Sundays of 2026, Europe and US
)
def test_runs_and_days_are_right_across_a_daylight_saving_change(zone, change_day):
    # Just after midnight each night, across the night the clocks go forward an hour.
    records = [
        session(local(zone, 2026, 3, d, 0, 15)) for d in range(change_day - 2, change_day + 3)
    ]
    assert practice_days(records) == {
        date(2026, 3, d) for d in range(change_day - 2, change_day + 3)
    }
    offsets = {r.started_at.utcoffset() for r in records}
    assert len(offsets) == 2  # the log really holds both offsets
    runs = find_runs(practice_days(records))
    assert runs == [Run(date(2026, 3, change_day - 2), date(2026, 3, change_day + 2), 5)]
    assert (
        summarize(records, [], date(2026, 3, change_day) + timedelta(days=3)).current_run == runs[0]
    )


def test_a_changed_time_zone_keeps_the_days_you_lived():
    records = [
        session(local(ZoneInfo("Asia/Tokyo"), 2026, 3, 1, 7, 30)),  # 22:30 on Feb 28 in UTC
        session(local(NEW_YORK, 2026, 3, 1, 21, 0)),  # after the flight: same local day
        session(local(NEW_YORK, 2026, 3, 2, 21, 0)),  # 02:00 on Mar 3 in UTC
    ]
    assert practice_days(records) == days(1, 2)
    assert minutes_by_day(records)[date(2026, 3, 1)] == 20
    assert find_runs(practice_days(records)) == [Run(date(2026, 3, 1), date(2026, 3, 2), 2)]


def test_rest_days_neither_break_nor_lengthen_a_run():
    practised = days(1, 2, 4, 5, 8)
    rest = days(3, 6)  # 7 is neither practised nor rest: a new run starts on the 8th
    assert find_runs(practised, rest) == [
        Run(date(2026, 3, 1), date(2026, 3, 5), 4),
        Run(date(2026, 3, 8), date(2026, 3, 8), 1),
    ]
    # Rest days at the edges are not part of a run.
    assert find_runs(days(2), days(1, 3)) == [Run(date(2026, 3, 2), date(2026, 3, 2), 1)]
    assert find_runs(set(), days(1, 2)) == []


def test_today_not_practised_yet_does_not_end_the_current_run():
    runs = find_runs(days(6, 7, 8, 9))
    assert current_run(runs, set(), date(2026, 3, 9)) == runs[-1]
    assert current_run(runs, set(), date(2026, 3, 10)) == runs[-1]
    assert current_run(runs, set(), date(2026, 3, 11)) is None


def test_rest_days_up_to_today_keep_the_current_run():
    runs = find_runs(days(6, 7), days(8, 9))
    assert current_run(runs, days(8, 9), date(2026, 3, 10)) == Run(
        date(2026, 3, 6), date(2026, 3, 7), 2
    )
    assert current_run(runs, days(8), date(2026, 3, 10)) is None


def test_a_session_ahead_of_todays_date_after_travel_still_belongs_to_the_current_run():
    runs = find_runs(days(9, 10, 11))
    assert current_run(runs, set(), date(2026, 3, 10)) == runs[-1]


def test_counts_for_the_last_7_and_30_days_include_today():
    today = date(2026, 4, 30)
    practised = {today - timedelta(days=n) for n in (0, 3, 6, 7, 20, 29, 30, 45)}
    records = [session(datetime.combine(d, datetime.min.time(), UTC)) for d in practised]
    summary = summarize(records, [], today)
    assert summary.days_last_7 == 3
    assert summary.days_last_30 == 6
    assert summary.days_practised == 8


def test_minutes_per_week_start_on_monday():
    records = [
        session(local(BERLIN, 2026, 3, 1, 8), 10),  # Sunday
        session(local(BERLIN, 2026, 3, 2, 8), 12),  # Monday
        session(local(BERLIN, 2026, 3, 8, 8), 5),  # Sunday
    ]
    assert minutes_by_week(records) == {date(2026, 2, 23): 10, date(2026, 3, 2): 17}


def test_summary_lines_are_plain_and_never_about_what_is_missing():
    today = date(2026, 3, 31)
    records = [session(local(BERLIN, 2026, 3, d, 21), 12) for d in (2, 3, 4, 5, 18, 30, 31)]
    lines = summary_lines(summarize(records, [], today))
    assert lines == [
        "You practised on 7 of the last 30 days.",
        "This week so far: 24 minutes of calm practice.",
        "Altogether: 7 sessions, 84 minutes, on 7 days.",
    ]
    gap_lines = summary_lines(summarize(records, [], date(2026, 4, 20)))
    text = " ".join(gap_lines).lower()
    for unkind in ("miss", "fail", "goal", "target", "broke", "lost", "streak", "score", "level"):
        assert unkind not in text
    assert gap_lines[0] == "You practised on 2 of the last 30 days."


def test_there_is_no_record_to_beat():
    """No longest stretch, no personal best, no count of days in a row to keep alive."""
    today = date(2026, 3, 31)
    long_ago = [session(local(BERLIN, 2026, 2, d, 21)) for d in range(1, 21)]
    recent = [session(local(BERLIN, 2026, 3, d, 21)) for d in (29, 30, 31)]
    summary = summarize(long_ago + recent, [], today)
    text = " ".join(summary_lines(summary)).lower()
    for word in ("longest", "best", "record", "in a row", "stretch", "most"):
        assert word not in text
    assert not hasattr(summary, "longest_run")


def test_a_long_quiet_stretch_is_simply_not_mentioned():
    records = [session(local(BERLIN, 2026, 1, 5, 21), 10)]
    lines = summary_lines(summarize(records, [], date(2026, 6, 1)))
    assert lines == ["Altogether: 1 session, 10 minutes, on 1 day."]
