"""What the waiting process remembers between runs: "Not today" and the last reminder time.

Kept in ``reminders-state.json`` in the data folder (written whole, private). It is only a
note to self: a file that cannot be read is simply started afresh, since losing it can at
worst let one reminder through that "Not today" had asked to hold back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from pacer.core.files import atomic_write_text

STATE_FILENAME = "reminders-state.json"
_FORMAT = "pacer-reminders-state"


@dataclass(frozen=True)
class ReminderState:
    quiet_day: date | None = None  # "Not today" was chosen on this local day
    last_slot: datetime | None = None  # the latest reminder time already dealt with

    def quiet_on(self, day: date) -> bool:
        return self.quiet_day == day

    def with_quiet_day(self, day: date) -> ReminderState:
        return replace(self, quiet_day=day)

    def with_last_slot(self, slot: datetime) -> ReminderState:
        if self.last_slot is not None and self.last_slot >= slot:
            return self
        return replace(self, last_slot=slot)


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_FILENAME


def load_state(data_dir: Path) -> ReminderState:
    try:
        raw = json.loads(state_path(data_dir).read_text(encoding="utf-8"))
        if raw.get("format") != _FORMAT:
            return ReminderState()
        quiet = raw.get("quiet_day")
        last = raw.get("last_slot")
        last_slot = datetime.fromisoformat(last) if last else None
        if last_slot is not None and last_slot.tzinfo is None:
            last_slot = None
        return ReminderState(date.fromisoformat(quiet) if quiet else None, last_slot)
    except (OSError, ValueError, TypeError, AttributeError):
        return ReminderState()


def save_state(data_dir: Path, state: ReminderState) -> None:
    payload = {
        "format": _FORMAT,
        "version": 1,
        "quiet_day": state.quiet_day.isoformat() if state.quiet_day else None,
        "last_slot": state.last_slot.isoformat() if state.last_slot else None,
    }
    atomic_write_text(state_path(data_dir), json.dumps(payload, indent=1) + "\n")
