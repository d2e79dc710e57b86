"""Open Pacer the way a desktop menu does: ``gio launch`` on its installed ``.desktop`` file.

``gio`` starts the program and exits at once, leaving the app to whoever adopts orphans
(init, which in a container may never reap it). :func:`adopting_orphans` makes this test
process adopt it instead, so the test can wait for it and read its exit status.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.system_tools import require_tools
from tests.support.xvfb import XDisplay, press_keys, wait_for_window

_PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


@dataclass(frozen=True)
class PrivateHome:
    """A whole per-user environment inside a temporary folder."""

    home: Path

    @property
    def data_home(self) -> Path:
        return self.home / ".local" / "share"

    def env(self, display: XDisplay) -> dict[str, str]:
        env = display.env(
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.data_home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(self.home / "runtime"),
        )
        for name in ("PACER_DATA_DIR", "DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_DIRS"):
            env.pop(name, None)
        return env

    @classmethod
    def create(cls, folder: Path) -> PrivateHome:
        private = cls(folder / "home")
        (private.home / "runtime").mkdir(mode=0o700, parents=True)
        return private


@contextmanager
def adopting_orphans() -> Iterator[None]:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) was refused")
    try:
        yield
    finally:
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def wait_for_exit(pid: int, timeout: float = 30.0) -> int | None:
    """Exit status of an adopted child, or None if it is still running after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.1)
    return None


@dataclass
class LaunchedApp:
    pid: int
    window: str
    stderr: Path


def launch_from_menu(
    display: XDisplay, env: dict[str, str], launcher: Path, logs: Path
) -> LaunchedApp:
    """``gio launch`` the launcher; return the app once its main window shows (welcome closed)."""
    require_tools("gio", "xdotool")
    logs.mkdir(parents=True, exist_ok=True)
    stderr = logs / "stderr.txt"
    with open(logs / "stdout.txt", "wb") as out, open(stderr, "wb") as err:
        # The app inherits these files; gio itself returns as soon as it has started it.
        gio = subprocess.run(
            ["gio", "launch", str(launcher)], env=env, stdout=out, stderr=err, timeout=30
        )
    assert gio.returncode == 0, stderr.read_text(errors="replace")
    welcome = wait_for_window(display, "Welcome to Pacer.*")
    press_keys(display, welcome, "Return")
    window = wait_for_window(display, "Pacer")
    pid = subprocess.run(
        ["xdotool", "getwindowpid", window],
        env=display.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return LaunchedApp(int(pid), window, stderr)


def stop_if_running(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    wait_for_exit(pid, timeout=10)
