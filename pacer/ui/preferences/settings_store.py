"""Preferences persisted with QSettings in an INI file inside Pacer's data folder.

Keeping the file next to the log (rather than in the platform's registry or ~/.config)
means ``--data-dir`` moves everything, and the file gets the same private permissions.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from pacer.core.preferences import Preferences, from_mapping, to_mapping
from pacer.core.settings_file import GROUP, settings_path
from pacer.paths import PRIVATE_FILE_MODE


class SettingsStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = settings_path(data_dir)
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self.problems: list[str] = []
        self._known: dict[str, str] = {}  # what this store last read or wrote

    def load(self) -> Preferences:
        self._settings.beginGroup(GROUP)
        stored = {key: self._settings.value(key) for key in self._settings.childKeys()}
        self._settings.endGroup()
        prefs, self.problems = from_mapping(stored)
        self._known = to_mapping(prefs)
        return prefs

    def save(self, prefs: Preferences) -> None:
        """Write only what changed since this store last read or wrote, so a window left
        open never puts back settings that ``pacer reminders`` (or another window) changed."""
        mapping = to_mapping(prefs)
        self._settings.beginGroup(GROUP)
        for key, value in mapping.items():
            if key not in self._known or self._known[key] != value:
                self._settings.setValue(key, value)
        self._settings.endGroup()
        self._settings.sync()
        self._known = mapping
        if self.path.exists() and os.name == "posix":
            os.chmod(self.path, PRIVATE_FILE_MODE)

    @property
    def writable(self) -> bool:
        """Whether the last write reached the file."""
        return self._settings.status() == QSettings.Status.NoError and self._settings.isWritable()
