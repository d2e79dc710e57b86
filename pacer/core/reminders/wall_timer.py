"""One kernel timer to a wall-clock moment, and a watch on the system time zone (Linux).

``RealtimeTimer`` is a ``timerfd`` on ``CLOCK_REALTIME`` armed with an absolute deadline
(``TFD_TIMER_ABSTIME``): it fires when the wall clock reaches the moment, also when the
computer slept through it, and costs nothing while it waits. With
``TFD_TIMER_CANCEL_ON_SET`` the kernel cancels it whenever the wall clock is set (by hand,
by NTP stepping it, or on resume from suspend), and reading it then fails with
``ECANCELED``: the caller recomputes and arms it again. ``ZoneWatcher`` uses inotify on
the folder of ``/etc/localtime`` to notice a change of time zone, which moves local times
without touching the clock.

Both expose ``fileno()`` for an event loop to watch; neither polls.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import struct
import sys
from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from pathlib import Path

_CLOCK_REALTIME = 0
_TFD_TIMER_ABSTIME = 1
_TFD_TIMER_CANCEL_ON_SET = 2
_NONBLOCK_CLOEXEC = os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
# inotify: a file created, moved in, rewritten or removed in the watched folder.
_IN_CLOSE_WRITE, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x8, 0x80, 0x100, 0x200
_IN_ATTRIB = 0x4
_EVENT_HEADER = struct.Struct("iIII")


class Wake(Enum):
    DUE = "due"  # the moment came
    CLOCK_SET = "clock set"  # the wall clock was changed (or the computer woke up)
    NOTHING = "nothing"


class _Timespec(ctypes.Structure):
    _fields_ = (("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long))


class _Itimerspec(ctypes.Structure):
    _fields_ = (("it_interval", _Timespec), ("it_value", _Timespec))


def _os_error(call: str) -> OSError:
    number = ctypes.get_errno()
    return OSError(number, f"{call}: {os.strerror(number)}")


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def realtime_timer_available() -> bool:
    return sys.platform.startswith("linux")


class RealtimeTimer:
    def __init__(self) -> None:
        self._libc = _libc()
        fd = int(self._libc.timerfd_create(_CLOCK_REALTIME, _NONBLOCK_CLOEXEC))
        if fd < 0:
            raise _os_error("timerfd_create")
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def arm(self, moment: datetime) -> None:
        """Fire when the wall clock reaches ``moment`` (an aware datetime)."""
        stamp = max(moment.timestamp(), 1e-6)  # zero would disarm the timer
        seconds = int(stamp)
        value = _Itimerspec(_Timespec(0, 0), _Timespec(seconds, int((stamp - seconds) * 1e9)))
        flags = _TFD_TIMER_ABSTIME | _TFD_TIMER_CANCEL_ON_SET
        if self._libc.timerfd_settime(self._fd, flags, ctypes.byref(value), None) != 0:
            raise _os_error("timerfd_settime")

    def acknowledge(self) -> Wake:
        """Read what woke the loop; the timer must be armed again afterwards."""
        try:
            os.read(self._fd, 8)
        except BlockingIOError:
            return Wake.NOTHING
        except OSError as error:
            if error.errno == errno.ECANCELED:
                return Wake.CLOCK_SET
            raise
        return Wake.DUE

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


LOCAL_TIME_FILES = (Path("/etc/localtime"), Path("/etc/timezone"))


class ZoneWatcher:
    """Tells when one of ``files`` (by default the system time-zone files) changes."""

    def __init__(self, files: Iterable[Path] = LOCAL_TIME_FILES) -> None:
        self._libc = _libc()
        self._names: set[bytes] = set()
        fd = int(self._libc.inotify_init1(_NONBLOCK_CLOEXEC))
        if fd < 0:
            raise _os_error("inotify_init1")
        self._fd = fd
        mask = _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE | _IN_ATTRIB
        folders = set()
        for path in files:
            self._names.add(os.fsencode(path.name))
            folders.add(path.parent)
        for folder in folders:
            # A folder that cannot be watched only means that change goes unnoticed.
            self._libc.inotify_add_watch(self._fd, os.fsencode(folder), mask)

    def fileno(self) -> int:
        return self._fd

    def changed(self) -> bool:
        """Drain pending events; True if one of the watched files was among them."""
        changed = False
        while True:
            try:
                data = os.read(self._fd, 4096)
            except BlockingIOError:
                return changed
            offset = 0
            while offset + _EVENT_HEADER.size <= len(data):
                _wd, _mask, _cookie, length = _EVENT_HEADER.unpack_from(data, offset)
                start = offset + _EVENT_HEADER.size
                name = data[start : start + length].rstrip(b"\0")
                changed = changed or name in self._names
                offset = start + length

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
