"""Where Pacer keeps the user's private data (log, settings), decided without Qt.

Order of precedence: ``--data-dir``, then ``$PACER_DATA_DIR``, then the platform's per-user
application-data location. A folder Pacer cannot use is reported in one calm sentence
(:class:`DataDirError`), never as a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
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


class DataDirError(Exception):
    """The data folder cannot be used; the message is one sentence written for the user."""


_REASONS = {
    errno.EEXIST: "it is a file, not a folder",
    errno.ENOTDIR: "part of that path is a file, not a folder",
    errno.EROFS: "that disk is read-only",
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.ENOENT: "a folder cannot be made there",
}


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or str(error)).lower()


def _problem(path: Path, reason: str) -> DataDirError:
    return DataDirError(f"{path} cannot be Pacer's data folder: {reason}.")


def prepare_data_dir(path: Path) -> Path:
    """Create ``path`` privately if needed and check that a file can be written in it.

    Raises DataDirError when it is a file, cannot be created, is read-only or full.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise _problem(path, _REASONS[errno.EEXIST])
    existed = path.is_dir()
    try:
        ensure_private_dir(path)
        _write_probe(path)
    except OSError as error:
        if not existed:
            with contextlib.suppress(OSError):
                path.rmdir()  # leave nothing behind that Pacer cannot use
        raise _problem(path, _reason(error)) from error
    return path


def check_readable_data_dir(path: Path) -> Path:
    """For commands that only read: a missing folder is fine (there is simply nothing yet),
    but something that is not a folder, or one that cannot be read, is a DataDirError."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise _problem(path, _REASONS[errno.EEXIST])
    if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
        raise _problem(path, "you do not have permission to read it")
    return path


def _write_probe(folder: Path) -> None:
    # A byte written and synced shows a read-only or completely full disk before the log
    # or the settings try; it is removed at once.
    fd, name = tempfile.mkstemp(prefix=".pacer-write-check-", dir=folder)
    try:
        os.write(fd, b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
        os.unlink(name)
