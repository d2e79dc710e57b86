"""The user's preferences as plain, validated values (stored by the Qt side in QSettings).

Reading never fails: a value that is missing or makes no sense falls back to its default,
and the problem is described so the app can mention it once, gently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from pacer.core.audio.levels import DEFAULT_VOLUME_DB
from pacer.core.audio.levels import VOLUME_RANGE_DB as VOLUME_DB_RANGE
from pacer.core.breathing.plan import SESSION_MINUTES_RANGE
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY
from pacer.core.relaxation.limits import CLENCH_SECONDS, CLOSING_MINUTES, RELEASE_SECONDS
from pacer.core.reminders.schedule import format_days, format_times, parse_days, parse_times
from pacer.core.reminders.words import DEFAULT_LINE, check_text
from pacer.core.trainer.plan import (
    DEFAULT_PRACTICE_MINUTES,
    DEFAULT_WARMUP_MINUTES,
    PRACTICE_MINUTES_RANGE,
    WARMUP_MINUTES_RANGE,
)


class Appearance(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class MotionSetting(StrEnum):
    SYSTEM = "system"  # follow the desktop's reduced-motion preference
    REDUCED = "reduced"
    FULL = "full"


@dataclass(frozen=True)
class Preferences:
    pattern: str = f"preset:{DEFAULT_PRESET_KEY}"  # "preset:<key>" or "custom:<name>"
    session_minutes: float | None = 10.0  # None: open-ended
    sound: bool = False  # nothing plays unless the user asks for it
    volume_db: float = DEFAULT_VOLUME_DB
    breath_tone: bool = False
    output_device: str = ""  # "" = the system default
    motion: MotionSetting = MotionSetting.SYSTEM
    countdown: bool = False  # numbers make some people strain, so off by default
    appearance: Appearance = Appearance.SYSTEM
    welcome_seen: bool = False
    # Relaxation timings; None means the sequence file's own default.
    relax_clench_seconds: float | None = None
    relax_release_seconds: float | None = None
    relax_closing_minutes: float | None = None
    relax_skipped_groups: str = ""  # comma-separated group keys switched off
    # Trainer practice: minutes to settle first, and the practice's own length.
    trainer_warmup_minutes: float = DEFAULT_WARMUP_MINUTES
    trainer_practice_minutes: float = DEFAULT_PRACTICE_MINUTES
    # Gentle reminders: off unless asked for. Times "HH:MM" separated by spaces (at most
    # three; none when unreadable, so a damaged file never invents a time), days as
    # "daily", "mon-fri", "sat,sun" …
    reminders: bool = False
    reminder_times: str = ""
    reminder_days: str = "daily"
    reminder_text: str = DEFAULT_LINE
    reminder_skip_practised: bool = True
    reminder_sound: bool = False
    checkin: bool = True  # ask "how tense does your body feel?" before and after practice

    def with_changes(self, **changes: Any) -> Preferences:
        return validate(replace(self, **changes))


class PreferenceError(ValueError):
    pass


def validate(prefs: Preferences) -> Preferences:
    low, high = SESSION_MINUTES_RANGE
    minutes = prefs.session_minutes
    if minutes is not None and not (math.isfinite(minutes) and low <= minutes <= high):
        raise PreferenceError(f"Session length must be between {low:g} and {high:g} minutes.")
    vlow, vhigh = VOLUME_DB_RANGE
    if not (math.isfinite(prefs.volume_db) and vlow <= prefs.volume_db <= vhigh):
        raise PreferenceError(f"Volume must be between {vlow:g} dB and {vhigh:g} dB.")
    for value, allowed, label in (
        (prefs.relax_clench_seconds, CLENCH_SECONDS, "Clench time"),
        (prefs.relax_release_seconds, RELEASE_SECONDS, "Rest time"),
        (prefs.relax_closing_minutes, CLOSING_MINUTES, "Closing breathing"),
    ):
        if value is not None and not (math.isfinite(value) and value in allowed):
            raise PreferenceError(f"{label} must be {allowed.describe()}.")
    for value, (low, high), label in (
        (prefs.trainer_warmup_minutes, WARMUP_MINUTES_RANGE, "Settling time"),
        (prefs.trainer_practice_minutes, PRACTICE_MINUTES_RANGE, "Practice time"),
    ):
        if not (math.isfinite(value) and low <= value <= high):
            raise PreferenceError(f"{label} must be between {low:g} and {high:g} minutes.")
    if not prefs.pattern.startswith(("preset:", "custom:")):
        raise PreferenceError("The chosen pattern is not one Pacer knows.")
    try:
        parse_times(prefs.reminder_times)
        parse_days(prefs.reminder_days)
        check_text(prefs.reminder_text)
    except ValueError as error:
        raise PreferenceError(str(error)) from None
    return prefs


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off"}:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def _optional_number(value: Any) -> float | None:
    if value in (None, "", "none", "open"):
        return None
    return float(value)


def _skipped(value: Any) -> str:
    return ",".join(key.strip() for key in str(value).split(",") if key.strip())


def _joined(value: Any, separator: str = ",") -> str:
    # QSettings reads an unquoted value holding commas back as a list.
    return separator.join(map(str, value)) if isinstance(value, list) else str(value)


def _times(value: Any) -> str:
    return format_times(parse_times(_joined(value)))


def _days(value: Any) -> str:
    return format_days(parse_days(_joined(value)))


def _text(value: Any) -> str:
    return check_text(_joined(value, ", "))


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "pattern": str,
    "session_minutes": _optional_number,
    "sound": _to_bool,
    "volume_db": float,
    "breath_tone": _to_bool,
    "output_device": str,
    "motion": MotionSetting,
    "countdown": _to_bool,
    "appearance": Appearance,
    "welcome_seen": _to_bool,
    "relax_clench_seconds": _optional_number,
    "relax_release_seconds": _optional_number,
    "relax_closing_minutes": _optional_number,
    "relax_skipped_groups": _skipped,
    "trainer_warmup_minutes": float,
    "trainer_practice_minutes": float,
    "reminders": _to_bool,
    "reminder_times": _times,
    "reminder_days": _days,
    "reminder_text": _text,
    "reminder_skip_practised": _to_bool,
    "reminder_sound": _to_bool,
    "checkin": _to_bool,
}


def from_mapping(stored: Mapping[str, Any]) -> tuple[Preferences, list[str]]:
    """Build preferences from stored strings; return them with a list of problems found."""
    defaults = Preferences()
    values: dict[str, Any] = {}
    problems: list[str] = []
    for field in fields(Preferences):
        if field.name not in stored:
            continue
        try:
            candidate = _PARSERS[field.name](stored[field.name])
            validate(replace(defaults, **{field.name: candidate}))
        except (ValueError, TypeError) as error:
            problems.append(f"{field.name}: {error}")
            continue
        values[field.name] = candidate
    return replace(defaults, **values), problems


def to_mapping(prefs: Preferences) -> dict[str, str]:
    out: dict[str, str] = {}
    for field in fields(Preferences):
        value = getattr(prefs, field.name)
        if value is None:
            out[field.name] = "open"
        elif isinstance(value, bool):
            out[field.name] = "true" if value else "false"
        else:
            out[field.name] = str(value)
    return out
