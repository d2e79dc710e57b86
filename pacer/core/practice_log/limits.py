"""What a session in the log may hold: the same limits as the app that records it.

One check, used twice: import refuses a file holding a session outside these limits, and the
log lists a stored row outside them as unreadable instead of handing it to the history view or
an export (a row written by hand or by an older version must never stop either).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from pacer.core.breathing.pattern import PHASE_BOUNDS, Phase
from pacer.core.breathing.plan import SESSION_MINUTES_RANGE
from pacer.core.practice_log.records import (
    TENSION_RANGE,
    TRAINER_RESPONSE_KEYS,
    SessionKind,
    SessionRecord,
)
from pacer.core.relaxation import limits as relaxation

EARLIEST_DAY = date(2000, 1, 1)
# Far enough ahead for a computer whose clock was once set wrong; near enough that no date
# arithmetic on it can overflow.
LATEST_STORED_DAY = date(2199, 12, 31)
MAX_NOTE_CHARS = 10_000
MAX_GUARDING_MOMENTS = 999
# Practised time never exceeds the time from start to end; a little slack for rounding.
PRACTISED_SLACK_SECONDS = 2.0
# A session still open (or exported while running) has no end to compare with.
MAX_OPEN_SESSION_SECONDS = 24 * 3600.0
_LONGEST_BREATH = sum(bounds.maximum for bounds in PHASE_BOUNDS.values())
# Trainer practice: settling in (up to 10 minutes), the practice itself (as long as a
# breathing session may be) and a minute of closing breaths, finishing on a whole breath.
_TRAINER_WARMUP_MINUTES = 10.0
_TRAINER_CLOSING_MINUTES = 1.0


def _relaxation_longest() -> float:
    steps = relaxation.MAX_GROUPS * relaxation.MAX_EFFORTS_PER_GROUP
    per_step = relaxation.CLENCH_SECONDS.maximum + relaxation.RELEASE_SECONDS.maximum
    return (
        relaxation.LEAD_IN_SECONDS.maximum
        + steps * per_step
        + relaxation.CLOSING_MINUTES.maximum * 60.0
        + 2 * _LONGEST_BREATH
    )


PLANNED_SECONDS: dict[SessionKind, tuple[float, float]] = {
    SessionKind.BREATHING: (
        SESSION_MINUTES_RANGE[0] * 60.0,
        SESSION_MINUTES_RANGE[1] * 60.0 + _LONGEST_BREATH,
    ),
    SessionKind.RELAXATION: (1.0, _relaxation_longest()),
    SessionKind.TRAINER: (
        1.0,
        (_TRAINER_WARMUP_MINUTES + SESSION_MINUTES_RANGE[1] + _TRAINER_CLOSING_MINUTES) * 60.0
        + 2 * _LONGEST_BREATH,
    ),
}
_PHASES = {phase.value: PHASE_BOUNDS[phase] for phase in Phase}
_GROUP_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Every control character except tab (\x09) and newline (\x0a).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class RecordProblem:
    """Which field is outside the limits, and a calm sentence saying how."""

    field: str
    message: str


def text_problem(text: str) -> str | None:
    """Why a note cannot be kept as it is, or None."""
    if len(text) > MAX_NOTE_CHARS:
        return f"is longer than {MAX_NOTE_CHARS:,} characters"
    if _CONTROL.search(text):
        return "holds a control character (only line breaks and tabs are kept)"
    return None


def _number_problem(value: object, low: float, high: float, unit: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"should be a number of {unit}"
    if not math.isfinite(value) or not low <= value <= high:
        return f"should be between {low:g} and {high:g} {unit} (it is {_short(value)})"
    return None


def _short(value: float) -> str:
    text = f"{value:g}"
    return text if len(text) <= 12 else text[:11] + "…"


_PHASE_RANGES = tuple((name, b.minimum, b.maximum) for name, b in _PHASES.items())
_CLENCH = (relaxation.CLENCH_SECONDS.minimum, relaxation.CLENCH_SECONDS.maximum)
_RELEASE = (relaxation.RELEASE_SECONDS.minimum, relaxation.RELEASE_SECONDS.maximum)


def _plainly_within(record: SessionRecord, latest: date) -> bool:
    """A quick yes for the usual record (a log is read whole, often); False means "look
    closer", not "refuse". Comparisons with NaN are false, so NaN is never waved through."""
    try:
        started, ended_at = record.started_at, record.ended_at
        if not EARLIEST_DAY <= started.date() <= latest:
            return False
        practised = record.practised_seconds
        if type(practised) is not float and type(practised) is not int:
            return False
        if ended_at is None:
            if not 0.0 <= practised <= MAX_OPEN_SESSION_SECONDS:
                return False
        elif not (
            EARLIEST_DAY <= ended_at.date() <= latest
            and ended_at >= started
            and 0.0 <= practised <= (ended_at - started).total_seconds() + PRACTISED_SLACK_SECONDS
        ):
            return False
        planned = record.planned_seconds
        if planned is not None:
            low, high = PLANNED_SECONDS[record.kind]
            if not low <= planned <= high:
                return False
        for name, low, high in _PHASE_RANGES:
            value = getattr(record, name)
            if value is not None and not low <= value <= high:
                return False
        clench, release = record.clench_seconds, record.release_seconds
        if clench is not None and not _CLENCH[0] <= clench <= _CLENCH[1]:
            return False
        if release is not None and not _RELEASE[0] <= release <= _RELEASE[1]:
            return False
        guarding = record.guarding_moments
        return (
            (record.skipped_groups is None or record.skipped_groups == ())
            and (record.response is None or record.response in TRAINER_RESPONSE_KEYS)
            and (
                guarding is None
                or (type(guarding) is int and 0 <= guarding <= MAX_GUARDING_MOMENTS)
            )
            and (record.tension_before is None or type(record.tension_before) is int)
            and (record.tension_after is None or type(record.tension_after) is int)
            and (record.note is None or (len(record.note) < 200 and record.note.isprintable()))
        )
    except TypeError:
        return False


def record_problem(record: SessionRecord, latest: date) -> RecordProblem | None:
    """The first field of ``record`` outside the app's limits, or None if all are within.

    ``latest`` is the last day a session may start or end on: tomorrow for an import, a
    far day for rows already in the log.
    """
    if _plainly_within(record, latest):
        return None
    for name in ("started_at", "ended_at"):
        moment = getattr(record, name)
        if moment is not None and not EARLIEST_DAY <= moment.date() <= latest:
            return RecordProblem(
                name,
                f"should be between {EARLIEST_DAY.isoformat()} and {latest.isoformat()} "
                f"(it is {moment.date().isoformat()})",
            )
    if record.ended_at is not None and record.ended_at < record.started_at:
        return RecordProblem("ended_at", "is before the session starts")
    if record.planned_seconds is not None:
        low, high = PLANNED_SECONDS[record.kind]
        problem = _number_problem(record.planned_seconds, low, high, "seconds")
        if problem:
            return RecordProblem("planned_seconds", problem)
    if record.ended_at is None:
        longest = MAX_OPEN_SESSION_SECONDS
    else:
        span = (record.ended_at - record.started_at).total_seconds()
        longest = span + PRACTISED_SLACK_SECONDS
    problem = _number_problem(record.practised_seconds, 0.0, longest, "seconds")
    if problem:
        if (
            record.ended_at is not None
            and _number_problem(record.practised_seconds, 0.0, math.inf, "seconds") is None
        ):
            problem = "is longer than the time from its start to its end"
        return RecordProblem("practised_seconds", problem)
    for name, bounds in _PHASES.items():
        value = getattr(record, name)
        if value is not None:
            problem = _number_problem(value, bounds.minimum, bounds.maximum, "seconds")
            if problem:
                return RecordProblem(name, problem)
    for name, allowed in (
        ("clench_seconds", relaxation.CLENCH_SECONDS),
        ("release_seconds", relaxation.RELEASE_SECONDS),
    ):
        value = getattr(record, name)
        if value is not None:
            problem = _number_problem(value, allowed.minimum, allowed.maximum, "seconds")
            if problem:
                return RecordProblem(name, problem)
    if record.skipped_groups is not None:
        groups = record.skipped_groups
        if len(groups) > relaxation.MAX_GROUPS or len(set(groups)) != len(groups):
            return RecordProblem(
                "skipped_groups", f"should name at most {relaxation.MAX_GROUPS} different groups"
            )
        for key in groups:
            if not isinstance(key, str) or not _GROUP_KEY.match(key):
                return RecordProblem(
                    "skipped_groups",
                    "should hold group keys of lower-case letters, digits and hyphens",
                )
    if record.response is not None and record.response not in TRAINER_RESPONSE_KEYS:
        return RecordProblem(
            "response", "is not one of " + ", ".join(sorted(TRAINER_RESPONSE_KEYS))
        )
    if record.guarding_moments is not None and (
        isinstance(record.guarding_moments, bool)
        or not isinstance(record.guarding_moments, int)
        or not 0 <= record.guarding_moments <= MAX_GUARDING_MOMENTS
    ):
        return RecordProblem(
            "guarding_moments", f"should be a whole number from 0 to {MAX_GUARDING_MOMENTS}"
        )
    for name in ("tension_before", "tension_after"):
        value = getattr(record, name)
        if value is not None and (isinstance(value, bool) or value not in TENSION_RANGE):
            return RecordProblem(name, "should be a whole number from 0 to 10")
    if record.note is not None:
        if not isinstance(record.note, str):
            return RecordProblem("note", "should be text")
        problem = text_problem(record.note)
        if problem:
            return RecordProblem("note", problem)
    return None
