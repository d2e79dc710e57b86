"""Only one waiting process per data folder: an advisory lock file that holds its process id.

The lock belongs to the open file, so it is released however the process ends; a stale
file left behind holds nothing and is simply taken over.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pacer.paths import PRIVATE_FILE_MODE

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILENAME = "reminders.lock"


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


class AlreadyWaitingError(Exception):
    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


class WaitingLock:
    """Take with :meth:`acquire`; raises :class:`AlreadyWaitingError` if another process has it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = lock_path(data_dir)
        self._fd: int | None = None

    def acquire(self) -> WaitingLock:
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise AlreadyWaitingError(_read_pid(self.path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the lock
        self._fd = None

    def __enter__(self) -> WaitingLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def waiting_pid(data_dir: Path) -> int | None:
    """The process id of the waiting process for this data folder, or None if none runs."""
    path = lock_path(data_dir)
    if fcntl is None:  # pragma: no cover - Windows: trust the file
        return _read_pid(path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return _read_pid(path)  # None only in the instant before it writes its id
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
