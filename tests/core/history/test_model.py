from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from pacer.core.history.checkins import change_sentence
from pacer.core.history.model import (
    BAR_WIDTH_SECONDS,
    DAY_SECONDS,
    MIN_VIEW_DAYS,
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


# -- any row survives ---------------------------------------------------------------------


def _odd(**changes):
    record = session(date(2026, 5, 2))
    return dataclasses.replace(record, **changes)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"started_at": datetime(9999, 12, 31, 21, 0, tzinfo=timezone(timedelta(hours=1)))},
            "date",
        ),
        ({"started_at": datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))}, "date"),
        ({"started_at": datetime(1999, 12, 31, 23, 0, tzinfo=UTC)}, "date"),
        ({"practised_seconds": 1e300}, "practised time"),
        ({"practised_seconds": float("nan")}, "practised time"),
        ({"practised_seconds": float("inf")}, "practised time"),
        ({"practised_seconds": -5.0}, "practised time"),
    ],
)
def test_a_row_the_history_cannot_place_is_left_out_and_listed(changes, reason):
    today = date(2026, 5, 6)
    good = session(date(2026, 5, 5))
    odd = _odd(**changes)
    snapshot = build_history([good, odd], [], today, tz=BERLIN)
    assert [r.id for r in snapshot.sessions] == [good.id]
    assert list(snapshot.bar_minutes) == [10]
    assert snapshot.summary.total_sessions == 1
    assert [e.id for e in snapshot.left_out] == [odd.id]
    assert reason in snapshot.left_out[0].reason
    assert snapshot.left_out_lines[0] == "1 entry could not be read and is left out."
    low, high = snapshot.x_limits
    assert high - low < 30 * DAY_SECONDS  # the odd row stretches nothing


def test_a_session_dated_tomorrow_after_travel_is_still_shown():
    today = date(2026, 5, 6)
    snapshot = build_history([session(today + timedelta(days=1))], [], today)
    assert not snapshot.left_out
    assert snapshot.summary.total_sessions == 1


def test_the_logs_own_unreadable_rows_are_listed_first_and_calmly():
    @dataclasses.dataclass(frozen=True)
    class Row:  # the shape of the log's UnreadableRow
        id: str
        started_at_text: str
        reason: str

    rows = [
        Row(f"id{n}", f"2026-04-0{n}T21:00:00+02:00", "its kind is unknown") for n in range(1, 7)
    ]
    odd = _odd(practised_seconds=float("nan"))
    snapshot = build_history(
        [session(date(2026, 5, 5)), odd], [], date(2026, 5, 6), unreadable=rows
    )
    assert [e.id for e in snapshot.left_out] == [*(r.id for r in rows), odd.id]
    lines = snapshot.left_out_lines
    assert lines[0] == "7 entries could not be read and are left out."
    assert lines[1] == "2026-04-01T21:00:00+02:00: its kind is unknown."
    assert lines[-1] == "…and 2 more."
    assert len(lines) == 1 + 5 + 1
    for unkind in ("error", "fail", "corrupt", "invalid"):
        assert unkind not in " ".join(lines).lower()


def test_rest_days_out_of_range_are_ignored():
    today = date(2026, 5, 6)
    snapshot = build_history([session(today)], {date(9999, 12, 31), date(1, 1, 1)}, today)
    assert snapshot.summary.total_sessions == 1


def test_a_large_odd_log_builds_without_raising():
    today = date(2026, 5, 6)
    odd_values = [
        {"practised_seconds": v} for v in (0.0, 1e-300, 86_400.0, 86_401.0, 1e300, -0.0)
    ] + [{"feeling": None}, {"note": "\x00" * 3}]
    records = [_odd(**changes) for changes in odd_values]
    snapshot = build_history(records, [], today)
    assert len(snapshot.sessions) + len(snapshot.left_out) == len(records)


# -- check-ins and trainer practice ---------------------------------------------------------


def _checked(day, before, after, kind=SessionKind.BREATHING, hour=21):
    return dataclasses.replace(
        session(day, kind=kind, hour=hour), tension_before=before, tension_after=after
    )


def test_check_ins_are_pairs_within_sessions_never_joined_across_days():
    days = [date(2026, 5, d) for d in (1, 2, 10)]
    records = [
        _checked(days[0], 6, 3),
        _checked(days[1], 7, None),  # after skipped
        session(days[1], hour=8),  # no check-in at all
        _checked(days[2], None, 2),  # before skipped
        _checked(days[2], 5, 5, hour=7),
    ]
    ins = build_history(records, [], days[-1]).check_ins
    assert ins.count == 4
    assert ins.pairs == 2
    assert np.array_equal(ins.before, [6, 7, 5, np.nan], equal_nan=True)
    assert np.array_equal(ins.after, [3, np.nan, 5, 2], equal_nan=True)
    # Segments come in pairs of points at one session's time: never from one session to another.
    xs = ins.segment_x.reshape(-1, 2)
    assert (xs[:, 0] == xs[:, 1]).all()
    assert list(ins.segment_y) == [6, 3, 5, 5]


@pytest.mark.parametrize(
    ("pairs", "sentence"),
    [
        ([], None),
        (
            [(6, 3)],
            "You checked in before and after 1 session; each shows here as a pair of points.",
        ),
        (
            [(6, 3), (5, 5)],
            "You checked in before and after 2 sessions; each shows here as a pair of points.",
        ),
        (
            [(6, 3), (7, 2), (5, 4), (6, 3)],
            "On days you checked in, tension eased from about 6 to about 3 during practice.",
        ),
        (
            [(4, 4), (5, 4), (4, 5)],
            "On days you checked in, tension stayed at about 4 during practice.",
        ),
        (
            [(3, 5), (2, 4), (3, 4)],
            "On days you checked in, tension was about 3 before practice and about 4 after it.",
        ),
        ([(5, 2), (6, 3), (5, 3), (6, 2)], "eased from about 6 to about 3"),  # 5.5 and 2.5 go up
    ],
)
def test_one_neutral_sentence_from_medians(pairs, sentence):
    text = change_sentence(pairs)
    if sentence is None:
        assert text is None
        return
    assert sentence in text
    for word in ("better", "worse", "improv", "goal", "target", "week", "↑", "↓", "best"):
        assert word not in text.lower()


def test_the_sentence_follows_the_kind_chosen():
    day = date(2026, 5, 1)
    records = [_checked(day - timedelta(days=n), 6, 3) for n in range(3)] + [
        _checked(day - timedelta(days=n), 4, 4, kind=SessionKind.TRAINER, hour=8) for n in range(3)
    ]
    every = build_history(records, [], day)
    trainer = build_history(records, [], day, kind=SessionKind.TRAINER)
    assert every.check_ins.pairs == 6
    assert trainer.check_ins.sentence == (
        "On days you checked in, tension stayed at about 4 during practice."
    )
    assert trainer.has_trainer
    assert not build_history(records, [], day, kind=SessionKind.BREATHING).has_trainer
    assert [r.kind for r in trainer.sessions] == [SessionKind.TRAINER] * 3


def test_trainer_practice_can_be_shown_on_its_own():
    day = date(2026, 5, 1)
    records = [
        session(day, 10, SessionKind.BREATHING, hour=7),
        dataclasses.replace(
            session(day, 8, SessionKind.TRAINER), response="softened", guarding_moments=2
        ),
    ]
    trainer = build_history(records, [], day, kind=SessionKind.TRAINER)
    assert list(trainer.bar_minutes) == [8]
    assert trainer.sessions[0].response == "softened"


def test_the_zoom_limits_are_never_narrower_than_the_closest_zoom():
    today = date(2026, 6, 30)
    for records in ([], [session(today)], [session(today - timedelta(days=2)), session(today)]):
        low, high = build_history(records, [], today, tz=BERLIN).x_limits
        assert high - low > MIN_VIEW_DAYS * DAY_SECONDS
