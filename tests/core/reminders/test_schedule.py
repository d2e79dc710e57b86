"""The reminder schedule, with an injected "now" and real time zones."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from pacer.core.reminders.schedule import (
    EVERY_DAY,
    ReminderError,
    ReminderPlan,
    describe_days,
    format_days,
    latest_passed,
    next_midnight,
    next_reminder,
    parse_days,
    parse_time,
    parse_times,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str, zone=BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat,sun", {5, 6}),
        ("mon,wed,fri", {0, 2, 4}),
        ("daily", set(range(7))),
        ("fri-mon", {4, 5, 6, 0}),
        ("Monday, Thursday", {0, 3}),
        ("weekends", {5, 6}),
    ],
)
def test_days_accept_ranges_lists_and_words(text, days):
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "funday", "mo", "mon-", "mon-xyz", "1-5"])
def test_days_that_make_no_sense_are_refused(text):
    with pytest.raises(ReminderError):
        parse_days(text)


def test_days_are_written_back_in_their_shortest_form():
    assert format_days(range(7)) == "daily"
    assert format_days({0, 1, 2, 3, 4}) == "mon-fri"
    assert format_days({5, 6}) == "sat,sun"
    assert format_days({0, 2, 4}) == "mon,wed,fri"
    assert describe_days({0, 1, 2, 3, 4}) == "Monday to Friday"
    assert describe_days({5, 6}) == "Saturday and Sunday"


def test_times_are_checked_sorted_and_at_most_three():
    assert parse_time("7:05") == time(7, 5)
    assert parse_times("19:30 08:00,19:30") == (time(8, 0), time(19, 30))
    for bad in ("24:00", "12:60", "noon", "7.30", "-1:00"):
        with pytest.raises(ReminderError):
            parse_time(bad)
    with pytest.raises(ReminderError, match="at most 3"):
        parse_times("06:00 07:00 08:00 09:00")


def test_next_reminder_keeps_to_the_chosen_weekdays():
    plan = ReminderPlan((time(19, 30),), parse_days("mon-fri"))
    friday_evening = at("2026-03-13T20:00")  # a Friday, after the reminder
    assert next_reminder(plan, friday_evening, BERLIN) == at("2026-03-16T19:30")  # Monday
    assert next_reminder(plan, at("2026-03-13T19:29"), BERLIN) == at("2026-03-13T19:30")


def test_several_times_a_day_come_in_order_and_never_the_same_one_twice():
    plan = ReminderPlan((time(8, 0), time(12, 30), time(19, 30)))
    now = at("2026-03-10T09:00")
    first = next_reminder(plan, now, BERLIN)
    assert first == at("2026-03-10T12:30")
    assert next_reminder(plan, now, BERLIN, after=first) == at("2026-03-10T19:30")
    assert next_reminder(plan, first, BERLIN) == at("2026-03-10T19:30")


def test_spring_forward_in_berlin_keeps_the_wall_clock_time():
    # Clocks go from 02:00 to 03:00 on Sunday 29 March 2026 in Berlin.
    plan = ReminderPlan((time(19, 30),))
    saturday = at("2026-03-28T20:00")
    sunday = next_reminder(plan, saturday, BERLIN)
    assert sunday.astimezone(BERLIN).hour == 19
    assert sunday.astimezone(BERLIN).utcoffset() == timedelta(hours=2)
    # Saturday 19:30 to Sunday 19:30 is only 23 hours that night.
    assert sunday - next_reminder(plan, at("2026-03-27T20:00"), BERLIN) == timedelta(hours=23)


def test_a_time_inside_the_skipped_hour_moves_forward_with_the_clocks():
    plan = ReminderPlan((time(2, 30),))
    due = next_reminder(plan, at("2026-03-29T00:00"), BERLIN)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_fall_back_in_new_york_counts_a_doubled_time_once():
    # 01:30 happens twice on Sunday 1 November 2026 in New York.
    plan = ReminderPlan((time(1, 30),))
    now = at("2026-11-01T00:00", NEW_YORK)
    first = next_reminder(plan, now, NEW_YORK)
    # The first 01:30, still on summer time.
    assert first.astimezone(NEW_YORK).utcoffset() == timedelta(hours=-4)
    again = next_reminder(plan, first + timedelta(minutes=1), NEW_YORK)
    assert again.astimezone(NEW_YORK).date() == date(2026, 11, 2)  # not the second 01:30


def test_spring_forward_in_new_york_for_an_evening_reminder():
    plan = ReminderPlan((time(19, 30),))
    due = next_reminder(plan, at("2026-03-07T21:00", NEW_YORK), NEW_YORK)
    assert due == at("2026-03-08T19:30", NEW_YORK)
    assert due.astimezone(NEW_YORK).utcoffset() == timedelta(hours=-4)


def test_skipped_days_such_as_not_today_or_already_practised():
    plan = ReminderPlan((time(8, 0), time(19, 30)))
    now = at("2026-03-10T09:00")
    quiet = date(2026, 3, 10)
    due = next_reminder(plan, now, BERLIN, skip_day=lambda day: day == quiet)
    assert due == at("2026-03-11T08:00")


def test_midnight_rollover():
    assert next_midnight(at("2026-03-10T23:59:30"), BERLIN) == at("2026-03-11T00:00")
    plan = ReminderPlan((time(0, 0),))
    assert next_reminder(plan, at("2026-03-10T23:59:59"), BERLIN) == at("2026-03-11T00:00")
    # The night the clocks change is 23 hours long; midnight is still midnight.
    assert next_midnight(at("2026-03-28T12:00"), BERLIN) == at("2026-03-29T00:00")
    assert next_midnight(at("2026-03-29T12:00"), BERLIN) - at("2026-03-29T00:00") == timedelta(
        hours=23
    )


def test_latest_passed_finds_only_the_most_recent_time_and_nothing_already_dealt_with():
    plan = ReminderPlan((time(8, 0), time(12, 30), time(19, 30)), EVERY_DAY)
    now = at("2026-03-10T20:00")
    assert latest_passed(plan, now, BERLIN, after=at("2026-03-10T07:00")) == at("2026-03-10T19:30")
    assert latest_passed(plan, now, BERLIN, after=at("2026-03-10T19:30")) is None
    # Across midnight: yesterday's evening time is still found.
    assert latest_passed(plan, at("2026-03-11T07:00"), BERLIN, after=at("2026-03-10T19:00")) == at(
        "2026-03-10T19:30"
    )


def test_an_empty_plan_is_never_due():
    assert next_reminder(ReminderPlan(()), at("2026-03-10T09:00"), BERLIN) is None
    assert next_reminder(ReminderPlan((time(9, 0),), frozenset()), at("2026-03-10T08:00")) is None
