"""Where Pacer keeps the user's private data (log, settings), decided without Qt.

Order of precedence: ``--data-dir``, then ``$PACER_DATA_DIR``, then the platform's per-user
application-data location.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pacer.identity import APP_NAME, DATA_DIR_ENV

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def platform_dirs(platform: str | None = None) -> PlatformDirsABC:
    """platformdirs' rules for ``platform``, named so they give the folders Pacer always used:
    ``~/.local/share/pacer`` (or ``$XDG_DATA_HOME/pacer``), ``~/Library/Application
    Support/Pacer``, ``%APPDATA%\\Pacer`` (roaming, and no publisher folder)."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        from platformdirs.windows import Windows

        return Windows(APP_NAME, appauthor=False, roaming=True)
    if platform == "darwin":
        from platformdirs.macos import MacOS

        return MacOS(APP_NAME, appauthor=False)
    from platformdirs.unix import Unix

    return Unix(APP_NAME.lower(), appauthor=False)


def default_data_dir(platform: str | None = None) -> Path:
    return Path(platform_dirs(platform).user_data_dir)


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser().absolute()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; tighten it if it exists."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)
    return path
