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

    def load(self) -> Preferences:
        self._settings.beginGroup(GROUP)
        stored = {key: self._settings.value(key) for key in self._settings.childKeys()}
        self._settings.endGroup()
        prefs, self.problems = from_mapping(stored)
        return prefs

    def save(self, prefs: Preferences) -> None:
        self._settings.beginGroup(GROUP)
        for key, value in to_mapping(prefs).items():
            self._settings.setValue(key, value)
        self._settings.endGroup()
        self._settings.sync()
        if self.path.exists() and os.name == "posix":
            os.chmod(self.path, PRIVATE_FILE_MODE)
