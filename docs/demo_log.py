"""A made-up practice log for the README's pictures: five weeks of ordinary practice.

Deterministic for a given ``today`` (a seeded random choice of days), with quiet days left
out as a real log would. Nothing here is anyone's data.

To show a new field of :class:`SessionRecord`, give it a value in :func:`_session_values`;
fields the record does not have yet are left out, so this keeps working while the log
schema changes (e.g. the before/after check-in ``tension_before`` / ``tension_after``).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog

WEEKS = 5
SEED = 14

NOTES = (
    "Knees on a pillow helped.",
    "Jaw kept tightening; let it go on the out-breath.",
    "Before bed, lights low.",
    "Felt the belly rise more easily today.",
    "Shoulders softer by the end.",
)


def _record(**values: Any) -> SessionRecord:
    """A SessionRecord from ``values``, leaving out fields this version does not know."""
    known = {field.name for field in dataclasses.fields(SessionRecord)}
    return SessionRecord(**{name: value for name, value in values.items() if name in known})


def _session_values(day: date, today: date, rng: random.Random, index: int) -> dict[str, Any]:
    relaxation = rng.random() < 0.3
    minutes = rng.choice((5, 10, 10, 10, 15, 20)) if not relaxation else 13.5
    hour, minute = rng.choice((7, 8, 21, 22)), rng.choice((0, 15, 30))
    if day == today:
        hour = 7  # already over, whenever the pictures are made
    started = datetime.combine(day, time(hour, minute))
    started = started.astimezone()  # the computer's own zone, as the app writes it
    ended_early = rng.random() < 0.12
    practised = minutes * 60 * (rng.uniform(0.4, 0.8) if ended_early else 1.0)
    tension_before = rng.randint(3, 8)
    values: dict[str, Any] = {
        "kind": SessionKind.RELAXATION if relaxation else SessionKind.BREATHING,
        "started_at": started,
        "id": f"00000000-0000-4000-8000-{index:012d}",
        "ended_at": started + timedelta(seconds=round(practised + rng.uniform(5, 40))),
        "planned_seconds": minutes * 60,
        "practised_seconds": round(practised, 1),
        "ended": SessionEnd.ENDED_EARLY if ended_early else SessionEnd.COMPLETED,
        "feeling": rng.choice((None, "same", "softer", "softer", "calm", "unsettled")),
        "note": rng.choice(NOTES) if rng.random() < 0.3 else None,
        # The before/after check-in (0–10, both optional).
        "tension_before": tension_before if rng.random() < 0.8 else None,
        "tension_after": max(0, tension_before - rng.randint(0, 3)) if rng.random() < 0.8 else None,
    }
    if relaxation:
        values.update(inhale=4.0, hold=0.0, exhale=6.0, rest=0.0)
    else:
        inhale, exhale, rest = rng.choice(((4.0, 6.0, 0.0), (4.0, 8.0, 0.0), (4.0, 7.0, 1.0)))
        values.update(inhale=inhale, hold=0.0, exhale=exhale, rest=rest)
    return values


def demo_log(today: date) -> tuple[list[SessionRecord], set[date]]:
    """About five sessions a week over the last five weeks (today included), oldest first,
    and the rest days marked among the quiet days of the last fortnight."""
    rng = random.Random(SEED)
    sessions: list[SessionRecord] = []
    rest_days: set[date] = set()
    first = today - timedelta(weeks=WEEKS) + timedelta(days=1)
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        if day != today and rng.random() < 0.25:
            if (today - day).days < 14 and rng.random() < 0.5:
                rest_days.add(day)
            continue  # a quiet day is simply absent
        for _ in range(2 if rng.random() < 0.15 else 1):
            sessions.append(_record(**_session_values(day, today, rng, len(sessions))))
    return sessions, rest_days


def write_demo_log(data_dir: Path, today: date) -> int:
    """Fill a new log in ``data_dir`` (which must not hold one); returns the session count."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    sessions, rest_days = demo_log(today)
    with PracticeLog.open(data_dir) as log:
        if log.count():
            raise RuntimeError(f"{data_dir} already holds a practice log; use an empty folder")
        log.merge(sessions, rest_days)
        return log.count()
