"""Where Pacer keeps the user's private data (log, settings), decided without Qt.

Order of precedence: ``--data-dir``, then ``$PACER_DATA_DIR``, then the platform's per-user
application-data location.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from pacer.identity import APP_NAME, DATA_DIR_ENV

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def default_data_dir(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        base = env.get("APPDATA")
        return Path(base) / APP_NAME if base else home / "AppData" / "Roaming" / APP_NAME
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    base = env.get("XDG_DATA_HOME")
    return (Path(base) if base else home / ".local" / "share") / APP_NAME.lower()


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser().absolute()
    return default_data_dir(env)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; tighten it if it exists."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)
    return path
