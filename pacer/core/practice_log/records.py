"""What one practice session looks like in the log, export and import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SessionKind(StrEnum):
    BREATHING = "breathing"
    RELAXATION = "relaxation"


class SessionEnd(StrEnum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"  # neutral wording: stopping is always fine
    INTERRUPTED = "interrupted"  # the app closed unexpectedly; time kept up to the last checkpoint


@dataclass(frozen=True)
class Feeling:
    key: str
    label: str
    calm: int  # ordinal for charting over time only; never shown as a score


# "How do you feel now?" — a few gentle words, no numbers shown, nothing to beat.
FEELINGS: tuple[Feeling, ...] = (
    Feeling("tense", "Still tense", 1),
    Feeling("unsettled", "A little unsettled", 2),
    Feeling("same", "About the same", 3),
    Feeling("softer", "A bit softer", 4),
    Feeling("calm", "Calm and loose", 5),
)
FEELING_KEYS = frozenset(f.key for f in FEELINGS)


def feeling_by_key(key: str | None) -> Feeling | None:
    return next((f for f in FEELINGS if f.key == key), None)


def new_session_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class SessionRecord:
    """One session. Timestamps are timezone-aware and keep the local UTC offset."""

    kind: SessionKind
    started_at: datetime
    id: str = field(default_factory=new_session_id)
    ended_at: datetime | None = None
    planned_seconds: float | None = None  # None: open-ended
    practised_seconds: float = 0.0  # pauses excluded
    ended: SessionEnd | None = None  # None while the session is still running
    inhale: float | None = None
    hold: float | None = None
    exhale: float | None = None
    rest: float | None = None
    feeling: str | None = None  # a key of FEELINGS
    note: str | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("started_at must be timezone-aware")
        if self.ended_at is not None and self.ended_at.tzinfo is None:
            raise ValueError("ended_at must be timezone-aware")
        if self.feeling is not None and self.feeling not in FEELING_KEYS:
            raise ValueError(f"unknown feeling {self.feeling!r}")


# Field order shared by the CSV header, the JSON export and the store's columns.
RECORD_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "started_at",
    "ended_at",
    "planned_seconds",
    "practised_seconds",
    "ended",
    "inhale",
    "hold",
    "exhale",
    "rest",
    "feeling",
    "note",
)
