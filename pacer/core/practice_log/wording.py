"""The words for a logged session, shared by the window, the CSV and the PDF.

One vocabulary: a session that ran to its end reads the same in the practice-log table, the
exported files and the printed summary. Neutral throughout: stopping is never a failure.
"""

from __future__ import annotations

from pacer.core.breathing.wording import pattern_phrase
from pacer.core.practice_log.records import (
    TRAINER_RESPONSES,
    SessionEnd,
    SessionKind,
    SessionRecord,
)

KIND_WORDS: dict[SessionKind, str] = {
    SessionKind.BREATHING: "Belly breathing",
    SessionKind.RELAXATION: "Relaxation",
    SessionKind.TRAINER: "Trainer practice",
}
ENDED_WORDS: dict[SessionEnd | None, str] = {
    SessionEnd.COMPLETED: "Ran to the end",
    SessionEnd.ENDED_EARLY: "Ended early",
    SessionEnd.INTERRUPTED: "Closed unexpectedly",
    None: "In progress",
}
RESPONSE_WORDS: dict[str, str] = {r.key: r.label for r in TRAINER_RESPONSES}
# The same answers, short enough to count in a line: "softened 4, stayed soft 2".
RESPONSE_SHORT_WORDS: dict[str, str] = {
    "guarded": "guarded throughout",
    "softened": "softened",
    "soft": "stayed soft",
    "stopped": "stopped",
}


def describe_pattern(record: SessionRecord) -> str:
    """``4 in · 6 out`` for the breathing a session was paced by; empty when unknown."""
    if record.inhale is None or record.exhale is None:
        return ""
    return pattern_phrase(record.inhale, record.hold or 0.0, record.exhale, record.rest or 0.0)


def describe_minutes(seconds: float) -> str:
    minutes = seconds / 60.0
    if minutes < 1:
        return f"{round(seconds)} s"
    return f"{minutes:.1f} min" if minutes < 10 else f"{round(minutes)} min"
