"""Turning reminders on and off: the login item and the waiting process follow the settings.

On: the login item is written and a waiting process is started now (or, if one already
waits, asked with SIGHUP to read the new times). Off: the login item is removed and the
waiting process is asked to stop (SIGTERM).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pacer.core.reminders import login_item
from pacer.core.reminders.waiting_lock import waiting_pid


@dataclass(frozen=True)
class Applied:
    login_item: str | None  # where the login item now lives (None: removed)
    waiting_pid: int | None  # the process told about the change, or started


def _signal(pid: int | None, signum: int) -> bool:
    if pid is None or pid <= 0:
        return False
    try:
        os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def spawn_detached(command: Sequence[str]) -> int:
    """Start a program detached from this process (it outlives the window or the waiter)."""
    options: dict[str, Any] = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "close_fds": True,
    }
    if sys.platform.startswith("win"):
        options["creationflags"] = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
            subprocess, "CREATE_NEW_PROCESS_GROUP", 0
        )
    else:
        options["start_new_session"] = True
    process = subprocess.Popen(list(command), **options)
    # Someone must collect its exit status; a daemon thread does, whenever that comes.
    threading.Thread(target=process.wait, name="pacer-child-reaper", daemon=True).start()
    return process.pid


def apply(data_dir: Path, enabled: bool, launch: Sequence[str] | None = None) -> Applied:
    """Make the login item and the waiting process match ``enabled``. Raises OSError."""
    if not enabled:
        login_item.unregister()
        pid = waiting_pid(data_dir)
        _signal(pid, signal.SIGTERM)
        return Applied(None, pid)
    command = login_item.waiting_command(data_dir, launch)
    where = login_item.register(command)
    pid = waiting_pid(data_dir)
    reload_signal = getattr(signal, "SIGHUP", None)
    if reload_signal is None:  # Windows: no reload signal, so start over with the new times
        _signal(pid, signal.SIGTERM)
    elif _signal(pid, reload_signal):
        return Applied(where, pid)
    with contextlib.suppress(OSError):
        pid = spawn_detached(command)
    return Applied(where, pid)
