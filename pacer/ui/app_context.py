"""What every view shares: the data folder, preferences, saved patterns, the log, the theme."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pacer.core.breathing.library import PatternLibrary
from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.presets import PRESETS
from pacer.core.breathing.usual import resolve_pattern
from pacer.core.practice_log.store import LogError, PracticeLog
from pacer.core.preferences import MotionSetting, Preferences
from pacer.paths import DataDirError, prepare_data_dir
from pacer.ui.common.theme import Theme, palette_for, stylesheet_for, theme_for
from pacer.ui.platform.reduced_motion import DesktopMotion
from pacer.ui.preferences.settings_store import SettingsStore


class AppContext(QObject):
    preferences_changed = Signal(object)
    theme_changed = Signal(object)
    patterns_changed = Signal()
    motion_changed = Signal(bool)  # the desktop's wish changed while following it

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = SettingsStore(self.data_dir)
        self.preferences = self.settings.load()
        self.patterns = PatternLibrary(self.data_dir)
        self.notices: list[str] = list(self.patterns.notices)
        if self.settings.problems:
            self.notices.append(
                "Some saved preferences made no sense to Pacer, so their usual values are used: "
                + "; ".join(self.settings.problems)
            )
        self.log: PracticeLog | None = None
        self.log_problem: str | None = self._open_log()
        if self.log is not None:
            self.notices.extend(self.log.notices)
        if self.log_problem is not None:
            self.notices.append(
                f"Your practice log could not be opened: {self.log_problem} "
                "You can still practise; this time's sessions will not be written down."
            )
        self.desktop_motion = DesktopMotion(self)
        self.desktop_motion.changed.connect(self._desktop_motion_changed)
        self.theme: Theme = theme_for(self.preferences.appearance)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.styleHints().colorSchemeChanged.connect(self._refresh_theme)

    def _open_log(self) -> str | None:
        """Open the log, or say in one sentence why not (the window then goes on without it)."""
        try:
            prepare_data_dir(self.data_dir)
            self.log = PracticeLog.open(self.data_dir)
        except (DataDirError, LogError) as error:
            return str(error)
        except (OSError, sqlite3.Error) as error:  # e.g. the disk filled while it was set up
            return f"Pacer could not set it up in {self.data_dir} ({error})."
        return None

    def close(self) -> None:
        if self.log is not None:
            self.log.close()
            self.log = None

    def update_preferences(self, **changes: object) -> Preferences:
        self.preferences = self.preferences.with_changes(**changes)
        self.settings.save(self.preferences)
        self.preferences_changed.emit(self.preferences)
        self._refresh_theme()
        return self.preferences

    @property
    def reduced_motion(self) -> bool:
        motion = self.preferences.motion
        if motion is MotionSetting.SYSTEM:
            return self.desktop_motion.reduced
        return motion is MotionSetting.REDUCED

    def _desktop_motion_changed(self, reduced: bool) -> None:
        if self.preferences.motion is MotionSetting.SYSTEM:
            self.motion_changed.emit(reduced)

    def apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette_for(self.theme))
            app.setStyleSheet(stylesheet_for(self.theme))

    def _refresh_theme(self) -> None:
        theme = theme_for(self.preferences.appearance)
        if theme != self.theme:
            self.theme = theme
            self.apply_theme()
            self.theme_changed.emit(theme)

    # Patterns are referred to as "preset:<key>" or "custom:<name>".
    def pattern_choices(self) -> list[tuple[str, str, BreathPattern]]:
        choices = [(f"preset:{p.key}", p.name, p.pattern) for p in PRESETS]
        choices += [(f"custom:{name}", name, pattern) for name, pattern in self.patterns.items()]
        return choices

    def resolve_pattern(self, ref: str) -> tuple[str, BreathPattern]:
        return resolve_pattern(ref, dict(self.patterns.items()))
