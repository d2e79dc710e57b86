"""What one practice session looks like in the log, export and import."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SessionKind(StrEnum):
    BREATHING = "breathing"
    RELAXATION = "relaxation"
    TRAINER = "trainer"  # practice with a trainer, paced by the out-breath


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


@dataclass(frozen=True)
class TrainerResponse:
    key: str
    label: str


# "How did the muscles respond?" — how the body answered, never how far or how large.
TRAINER_RESPONSES: tuple[TrainerResponse, ...] = (
    TrainerResponse("guarded", "Guarded throughout"),
    TrainerResponse("softened", "Guarded, then softened"),
    TrainerResponse("soft", "Stayed soft"),
    TrainerResponse("stopped", "I stopped, and that's fine"),
)
TRAINER_RESPONSE_KEYS = frozenset(r.key for r in TRAINER_RESPONSES)

# The before/after check-in: "How tense does your body feel right now?" 0 = completely soft.
TENSION_RANGE = range(11)


def new_session_id() -> str:
    """A random (version 4) UUID as text, made without the uuid module, which is slow to
    load (it loads ``platform``) and would be loaded before the first frame."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


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
    # Relaxation sessions: the timings they ran with and the groups left out.
    clench_seconds: float | None = None
    release_seconds: float | None = None
    skipped_groups: tuple[str, ...] | None = None
    # Trainer practice: how the muscles responded (a key of TRAINER_RESPONSES) and how many
    # moments of guarding were noted. There is deliberately no size, depth or time held.
    response: str | None = None
    guarding_moments: int | None = None
    # The optional check-in before and after, 0 (completely soft) to 10.
    tension_before: int | None = None
    tension_after: int | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("started_at must be timezone-aware")
        if self.ended_at is not None and self.ended_at.tzinfo is None:
            raise ValueError("ended_at must be timezone-aware")
        if self.feeling is not None and self.feeling not in FEELING_KEYS:
            raise ValueError(f"unknown feeling {self.feeling!r}")
        if self.response is not None and self.response not in TRAINER_RESPONSE_KEYS:
            raise ValueError(f"unknown response {self.response!r}")
        before, after = self.tension_before, self.tension_after
        if before is not None and (type(before) is not int or before not in TENSION_RANGE):
            raise ValueError("tension_before must be a whole number from 0 to 10")
        if after is not None and (type(after) is not int or after not in TENSION_RANGE):
            raise ValueError("tension_after must be a whole number from 0 to 10")


# Field order shared by the CSV header, the JSON export and the store's columns. New fields
# go at the end, so the CSV's columns keep their places.
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
    "clench_seconds",
    "release_seconds",
    "skipped_groups",
    "response",
    "guarding_moments",
    "tension_before",
    "tension_after",
)


@dataclass(frozen=True)
class UnreadableRow:
    """A row in the log that cannot be shown as a session (written by hand or by an older
    version, say). Readers list it instead of failing; it stays in the file untouched."""

    id: str
    started_at_text: str
    reason: str
