"""``settings.ini`` in the data folder: the window keeps it with QSettings; read here without Qt.

The command line reads the usual practice from it before any window exists, through the
Qt-free reader in :mod:`pacer.core.qsettings_ini`. Reading never fails: a missing or
unreadable file means the usual values, and a value that makes no sense is listed as a problem.
"""

from __future__ import annotations

from pathlib import Path

from pacer.core.preferences import Preferences, from_mapping
from pacer.core.qsettings_ini import read_group

FILE_NAME = "settings.ini"
GROUP = "preferences"


def settings_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def load_preferences(data_dir: Path) -> tuple[Preferences, list[str]]:
    """The saved preferences and any problems found; changes nothing on disk."""
    try:
        stored = read_group(settings_path(data_dir), GROUP)
    except OSError:  # not there yet, or not readable: the usual values
        return Preferences(), []
    return from_mapping(stored)
