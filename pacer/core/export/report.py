"""What the printable summary says, worked out without Qt (the PDF only draws this).

Calm and neutral: no targets, no comparison between weeks, "ended early" rather than any word
of failure. The words for kinds, endings and trainer responses come from
:mod:`pacer.core.practice_log.wording`, the same as the window's and the CSV's.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from pacer.core.export.service import ExportData, describe_unreadable
from pacer.core.history.streaks import minutes_by_week, week_start
from pacer.core.practice_log.records import (
    TRAINER_RESPONSES,
    SessionRecord,
    feeling_by_key,
)
from pacer.core.practice_log.wording import (
    ENDED_WORDS,
    KIND_WORDS,
    RESPONSE_SHORT_WORDS,
    RESPONSE_WORDS,
    describe_pattern,
)

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

TABLE_HEADINGS = (
    "Date",
    "Time",
    "Practice",
    "Minutes",
    "How it ended",
    "Tension (0–10) and feeling",
    "Note",
)
WEEK_HEADINGS = ("Week of", "Tension during practice (medians)", "Trainer practice")
NBSP = "\u00a0"  # keeps "4 in" or "after 3" together on one line of the printed table
_NUMBER_AND_WORD = re.compile(r"(\d) (in|out|hold|rest|s)\b")
REST_DAY_WORDS = "Rest day"


def long_date(day: date) -> str:
    """``1 March 2026`` — spelled out so day and month can never be confused."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def table_date(day: date) -> str:
    """``Mon 2 Mar 2026`` — the PDF never breaks it across lines."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_minutes(seconds: float) -> str:
    """Minutes with at most one decimal: ``12``, ``12.5``."""
    return _decimal(seconds / 60.0)


def _seconds(value: float) -> str:
    return f"{_decimal(value)}{NBSP}s"


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
    rest_day: bool = False


@dataclass(frozen=True)
class WeekNote:
    """One week's check-ins and trainer responses, in words; nothing is compared."""

    first_day: date
    tension: str  # "eased from about 6 to about 3 (4 sessions)", or ""
    responses: str  # "softened 4, stayed soft 2", or ""

    @property
    def cells(self) -> tuple[str, str, str]:
        return (long_date(self.first_day), self.tension, self.responses)


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
    week_notes: tuple[WeekNote, ...] = ()
    check_in_text: str = ""  # one neutral sentence over the whole range, or ""
    unreadable_text: str = ""  # "1 entry could not be read and is left out: …", or ""

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


@cache
def _group_names() -> dict[str, str]:
    """Names of the built-in sequence's groups; a key from another sequence is shown as is."""
    try:
        from pacer.core.relaxation.sequence import load_default_script

        return {group.key: group.name for group in load_default_script().groups}
    except (OSError, ValueError):
        return {}


def group_name(key: str) -> str:
    return _group_names().get(key, key)


def practice_words(record: SessionRecord) -> str:
    """What was practised, with its pattern and, for relaxation and trainer practice,
    how it was set up and how the muscles responded."""
    parts = [KIND_WORDS.get(record.kind, str(record.kind).capitalize())]
    pattern = _NUMBER_AND_WORD.sub(rf"\1{NBSP}\2", describe_pattern(record))
    if pattern:
        parts[0] += f", {pattern}"
    if record.clench_seconds is not None and record.release_seconds is not None:
        parts.append(
            f"clench{NBSP}{_seconds(record.clench_seconds)} · "
            f"let{NBSP}go{NBSP}{_seconds(record.release_seconds)}"
        )
    if record.skipped_groups:
        parts.append("left out: " + "; ".join(group_name(k) for k in record.skipped_groups))
    if record.response is not None:
        parts.append(RESPONSE_WORDS.get(record.response, record.response))
    if record.guarding_moments:
        times = "once" if record.guarding_moments == 1 else f"{record.guarding_moments} times"
        parts.append(f"guarding noted {times}")
    return "; ".join(parts)


def minutes_words(record: SessionRecord) -> str:
    practised = format_minutes(record.practised_seconds)
    if record.planned_seconds:
        return f"{practised} of {format_minutes(record.planned_seconds)}"
    return practised


def check_in_words(record: SessionRecord) -> str:
    """``Before 6, after 3`` (the tension check-in) and the feeling, on its own line."""
    before, after = record.tension_before, record.tension_after
    if before is not None and after is not None:
        tension = f"Before{NBSP}{before}, after{NBSP}{after}"
    elif before is not None:
        tension = f"Before{NBSP}{before}"
    elif after is not None:
        tension = f"After{NBSP}{after}"
    else:
        tension = ""
    feeling = feeling_by_key(record.feeling)
    return "\n".join(part for part in (tension, feeling.label if feeling else "") if part)


def report_row(record: SessionRecord) -> ReportRow:
    start = record.started_at
    return ReportRow(
        (
            table_date(start.date()),
            start.strftime("%H:%M"),
            practice_words(record),
            minutes_words(record),
            ENDED_WORDS.get(record.ended, str(record.ended)),
            check_in_words(record),
            (record.note or "").strip(),
        )
    )


def rest_day_row(day: date) -> ReportRow:
    return ReportRow((table_date(day), "", REST_DAY_WORDS, "", "", "", ""), rest_day=True)


def _about(value: float) -> str:
    return f"about {round(value * 2) / 2:g}"


def tension_change(records: list[SessionRecord]) -> str:
    """Median before and after over sessions with both, in neutral words; "" if none."""
    pairs = [
        (r.tension_before, r.tension_after)
        for r in records
        if r.tension_before is not None and r.tension_after is not None
    ]
    if not pairs:
        return ""
    before = statistics.median(b for b, _ in pairs)
    after = statistics.median(a for _, a in pairs)
    count = "1 session" if len(pairs) == 1 else f"{len(pairs)} sessions"
    if round(before * 2) == round(after * 2):
        words = f"stayed {_about(before)}"
    elif after < before:
        words = f"eased from {_about(before)} to {_about(after)}"
    else:
        words = f"went from {_about(before)} to {_about(after)}"
    return f"{words} ({count})"


def response_counts(records: list[SessionRecord]) -> str:
    """``softened 4, stayed soft 2`` in the app's order of answers; "" if none."""
    counts = Counter(r.response for r in records if r.response is not None)
    return ", ".join(
        f"{RESPONSE_SHORT_WORDS[r.key]} {counts[r.key]}" for r in TRAINER_RESPONSES if counts[r.key]
    )


def week_notes(sessions: tuple[SessionRecord, ...]) -> tuple[WeekNote, ...]:
    by_week: dict[date, list[SessionRecord]] = defaultdict(list)
    for record in sessions:
        by_week[week_start(record.started_at.date())].append(record)
    notes = []
    for week in sorted(by_week):
        records = by_week[week]
        note = WeekNote(week, tension_change(records), response_counts(records))
        if note.tension or note.responses:
            notes.append(note)
    return tuple(notes)


def rows_in_date_order(
    sessions: tuple[SessionRecord, ...], rest_days: tuple[date, ...]
) -> tuple[ReportRow, ...]:
    rows: list[ReportRow] = []
    pending = sorted(set(rest_days))
    index = 0
    for record in sessions:
        day = record.started_at.date()
        while index < len(pending) and pending[index] <= day:
            rows.append(rest_day_row(pending[index]))
            index += 1
        rows.append(report_row(record))
    rows.extend(rest_day_row(day) for day in pending[index:])
    return tuple(rows)


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
    overall = tension_change(list(data.sessions))
    check_in = f"When you checked in before and after, tension {overall}." if overall else ""
    left_out = describe_unreadable(data.unreadable)
    return Report(
        title="Practice log",
        range_text=range_text,
        exported_text=f"Exported from Pacer on {long_date(data.exported_at.date())}",
        days_practised=len({r.started_at.date() for r in data.sessions}),
        total_sessions=len(data.sessions),
        total_minutes=sum(r.practised_seconds for r in data.sessions) / 60.0,
        rest_days=len(data.rest_days),
        weeks=weeks,
        rows=rows_in_date_order(data.sessions, data.rest_days),
        week_notes=week_notes(data.sessions),
        check_in_text=check_in,
        unreadable_text=left_out.rstrip(".") if left_out else "",
    )
