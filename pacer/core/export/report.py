"""What the printable summary says, worked out without Qt (the PDF only draws this).

Calm and neutral: no targets, no comparison, "ended early" rather than any word of failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pacer.core.export.service import ExportData
from pacer.core.history.streaks import minutes_by_week, week_start
from pacer.core.practice_log.records import SessionRecord, feeling_by_key
from pacer.core.practice_log.wording import ENDED_WORDS, KIND_WORDS, describe_pattern

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

TABLE_HEADINGS = ("Date", "Time", "Practice", "Minutes", "How it ended", "Feeling", "Note")


def long_date(day: date) -> str:
    """``1 March 2026`` — spelled out so day and month can never be confused."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_minutes(seconds: float) -> str:
    """Minutes with at most one decimal: ``12``, ``12.5``."""
    return _decimal(seconds / 60.0)


@dataclass(frozen=True)
class WeekBar:
    first_day: date  # Monday, or the range's first day for a partial first week
    minutes: float

    @property
    def label(self) -> str:
        return short_date(self.first_day)


@dataclass(frozen=True)
class ReportRow:
    cells: tuple[str, str, str, str, str, str, str]  # in TABLE_HEADINGS order


@dataclass(frozen=True)
class Report:
    title: str
    range_text: str
    exported_text: str
    days_practised: int
    total_sessions: int
    total_minutes: float
    rest_days: int
    weeks: tuple[WeekBar, ...]
    rows: tuple[ReportRow, ...]

    @property
    def summary_items(self) -> tuple[tuple[str, str], ...]:
        """(label, value) pairs for the summary cards."""
        items = [
            ("Days with practice", str(self.days_practised)),
            ("Sessions", str(self.total_sessions)),
            ("Minutes practised", f"{round(self.total_minutes)}"),
        ]
        if self.rest_days:
            items.append(("Rest days noted", str(self.rest_days)))
        return tuple(items)


def minutes_per_week(
    sessions: tuple[SessionRecord, ...], first: date, last: date
) -> tuple[WeekBar, ...]:
    """Every week of the range, quiet ones included, with the practice log's own weekly sums."""
    totals = minutes_by_week(sessions)
    bars = []
    week = week_start(first)
    while week <= last:
        # Each bar is labelled with its first day inside the range (weeks start on Monday).
        bars.append(WeekBar(max(week, first), totals.get(week, 0.0)))
        week += timedelta(days=7)
    return tuple(bars)


def practice_words(record: SessionRecord) -> str:
    words = KIND_WORDS.get(record.kind, str(record.kind).capitalize())
    pattern = describe_pattern(record)
    return f"{words}, {pattern}" if pattern else words


def minutes_words(record: SessionRecord) -> str:
    practised = format_minutes(record.practised_seconds)
    if record.planned_seconds:
        return f"{practised} of {format_minutes(record.planned_seconds)}"
    return practised


def report_row(record: SessionRecord) -> ReportRow:
    start = record.started_at
    feeling = feeling_by_key(record.feeling)
    return ReportRow(
        (
            f"{WEEKDAYS[start.weekday()]} {start.day} {MONTHS[start.month - 1][:3]} {start.year}",
            start.strftime("%H:%M"),
            practice_words(record),
            minutes_words(record),
            ENDED_WORDS.get(record.ended, str(record.ended)),
            feeling.label if feeling else "",
            (record.note or "").strip(),
        )
    )


def build_report(data: ExportData) -> Report:
    first, last = data.first_day, data.last_day
    if first is None or last is None:
        range_text = "No sessions yet"
        weeks: tuple[WeekBar, ...] = ()
    else:
        range_text = (
            long_date(first) if first == last else f"{long_date(first)} – {long_date(last)}"
        )
        weeks = minutes_per_week(data.sessions, first, last)
    return Report(
        title="Practice log",
        range_text=range_text,
        exported_text=f"Exported from Pacer on {long_date(data.exported_at.date())}",
        days_practised=len({r.started_at.date() for r in data.sessions}),
        total_sessions=len(data.sessions),
        total_minutes=sum(r.practised_seconds for r in data.sessions) / 60.0,
        rest_days=len(data.rest_days),
        weeks=weeks,
        rows=tuple(report_row(r) for r in data.sessions),
    )
