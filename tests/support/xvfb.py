"""A private Xvfb server for tests that need a real X display."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.support.system_tools import require_tools


@dataclass
class XDisplay:
    name: str
    width: int
    height: int

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb", **extra)
        env.pop("WAYLAND_DISPLAY", None)
        return env


@contextmanager
def xvfb_display(
    width: int = 1280, height: int = 800, window_manager: bool = False
) -> Iterator[XDisplay]:
    require_tools("Xvfb")
    if window_manager:
        require_tools("openbox")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    wm = None
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        display = XDisplay(f":{number}", width, height)
        if window_manager:
            wm = subprocess.Popen(
                ["openbox"], env=display.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(0.5)
        yield display
    finally:
        if wm is not None:
            wm.terminate()
            wm.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


def wait_for_window(display: XDisplay, title: str, timeout: float = 30.0) -> str:
    """Poll until a visible window whose title matches the regex ``^title$`` exists."""
    require_tools("xdotool")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
            env=display.env(),
            capture_output=True,
            text=True,
        )
        ids = found.stdout.split()
        if ids:
            return ids[0]
        time.sleep(0.2)
    raise AssertionError(f"no visible window titled {title!r} within {timeout:g} s")


def window_geometry(display: XDisplay, window_id: str) -> tuple[int, int]:
    out = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", window_id],
        env=display.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = dict(line.split("=", 1) for line in out.split())
    return int(values["WIDTH"]), int(values["HEIGHT"])


def screenshot(display: XDisplay, path: os.PathLike[str] | str) -> None:
    require_tools("import")
    subprocess.run(
        ["import", "-window", "root", str(path)], env=display.env(), check=True, timeout=30
    )


def press_keys(display: XDisplay, window_id: str, *keys: str) -> None:
    """Focus the window (a window manager must run) and type keys as a user would."""
    env = display.env()
    subprocess.run(
        ["xdotool", "windowactivate", "--sync", window_id], env=env, check=True, timeout=10
    )
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], env=env, check=True, timeout=10)
