"""The user's own named breathing patterns, kept in ``patterns.json`` in the data folder.

A file that cannot be read is never overwritten: it is moved aside, and the user is told.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from pacer.core.breathing.pattern import BreathPattern, PatternError
from pacer.core.breathing.presets import PRESETS
from pacer.core.files import atomic_write_text

FILE_NAME = "patterns.json"
FORMAT = "pacer-patterns"
VERSION = 1
MAX_NAME_LENGTH = 40


class LibraryError(ValueError):
    """A calm message for the user, e.g. a name already in use."""


class PatternLibrary:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.notices: list[str] = []
        self._patterns: dict[str, BreathPattern] = self._load()

    def _load(self) -> dict[str, BreathPattern]:
        if not self.path.exists():
            return {}
        try:
            return _parse(self.path)
        except _READ_ERRORS as error:
            moved = self.path.with_name(f"{self.path.stem}.unreadable-{_stamp()}{self.path.suffix}")
            try:
                self.path.replace(moved)
            except OSError:
                self.notices.append(
                    f"Your saved patterns could not be read ({error}); they were left as they are."
                )
                return {}
            self.notices.append(
                f"Your saved patterns could not be read ({error}). The file was kept as {moved.name}."
            )
            return {}

    def _save(self) -> None:
        items = [{"name": n, "pattern": p.to_dict()} for n, p in self._patterns.items()]
        data = {"format": FORMAT, "version": VERSION, "patterns": items}
        atomic_write_text(self.path, json.dumps(data, indent=2) + "\n")

    def names(self) -> list[str]:
        return sorted(self._patterns, key=str.casefold)

    def get(self, name: str) -> BreathPattern | None:
        return self._patterns.get(name)

    def items(self) -> list[tuple[str, BreathPattern]]:
        return [(name, self._patterns[name]) for name in self.names()]

    def save(self, name: str, pattern: BreathPattern, *, replace: bool = False) -> str:
        name = self._check_name(name)
        if name in self._patterns and not replace:
            raise LibraryError(f"You already have a pattern called “{name}”.")
        self._patterns[name] = pattern
        self._save()
        return name

    def rename(self, old: str, new: str) -> str:
        if old not in self._patterns:
            raise LibraryError(f"There is no saved pattern called “{old}”.")
        new = self._check_name(new)
        if new != old and new in self._patterns:
            raise LibraryError(f"You already have a pattern called “{new}”.")
        self._patterns = {(new if n == old else n): p for n, p in self._patterns.items()}
        self._save()
        return new

    def delete(self, name: str) -> None:
        if self._patterns.pop(name, None) is not None:
            self._save()

    @staticmethod
    def _check_name(name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise LibraryError("Please give the pattern a name.")
        if len(name) > MAX_NAME_LENGTH:
            raise LibraryError(f"Please keep the name under {MAX_NAME_LENGTH} characters.")
        if any(name.casefold() == preset.name.casefold() for preset in PRESETS):
            raise LibraryError(
                f"“{name}” is the name of a built-in pattern; please choose another."
            )
        return name


def read_saved_patterns(data_dir: Path) -> dict[str, BreathPattern]:
    """Your patterns, read without changing anything: empty when there are none or the file
    cannot be read (the window's library then keeps that file aside and says so)."""
    try:
        return _parse(Path(data_dir) / FILE_NAME)
    except _READ_ERRORS:
        return {}


def _parse(path: Path) -> dict[str, BreathPattern]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError("not a Pacer pattern file of a known version")
    return {
        str(item["name"]): BreathPattern.from_dict(item["pattern"]) for item in data["patterns"]
    }


_READ_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, PatternError)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")
