"""Small builders for session records used by export and import tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord

PARIS_WINTER = timezone(timedelta(hours=1))


def finished_session(
    day: str,
    time: str = "08:30",
    *,
    minutes: float = 10.0,
    tz: timezone = PARIS_WINTER,
    kind: SessionKind = SessionKind.BREATHING,
    ended: SessionEnd = SessionEnd.COMPLETED,
    note: str | None = None,
    feeling: str | None = None,
    planned_minutes: float | None = 10.0,
) -> SessionRecord:
    start = datetime.fromisoformat(f"{day}T{time}:00").replace(tzinfo=tz)
    breathing = kind is SessionKind.BREATHING
    return SessionRecord(
        kind=kind,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes, seconds=7.25),
        planned_seconds=None if planned_minutes is None else planned_minutes * 60,
        practised_seconds=minutes * 60,
        ended=ended,
        inhale=4.0 if breathing else None,
        hold=0.0 if breathing else None,
        exhale=6.5 if breathing else None,
        rest=1.0 if breathing else None,
        feeling=feeling,
        note=note,
    )


def welcome_already_read(data_dir: Path) -> Path:
    """A data folder whose person has read the first-run welcome, so a practice asked for
    on the command line starts at once."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / "settings.ini").write_text("[preferences]\nwelcome_seen=true\n")
    return data_dir
