"""Running Pacer with a real screen reader (Orca) or a real AT-SPI client, and reading what was said.

- :func:`a11y_desktop` — Xvfb + openbox, a private session bus (``dbus-run-session``), the
  AT-SPI bus and, if asked, Orca with its debug log; throwaway HOME and XDG folders, so no
  settings of the person running the tests leak in.
- :class:`AtspiProbe` — ``tests/support/atspi_probe.py`` under the system Python
  (python3-pyatspi): the app's accessibility tree, the focused element, and (``listen``) a
  record of announcements and changes as a newer screen reader would receive them.
- :func:`orca_speech`, :func:`app_speech`, :func:`match_speech` — Orca's ``SPEECH OUTPUT``
  lines and the app's own record of each change (``PACER_SPEECH_LOG``), with times.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.system_tools import require_tools
from tests.support.xvfb import XDisplay, xvfb_display

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PROBE = ROOT / "tests" / "support" / "atspi_probe.py"
APP_NAME = "Pacer"


def require_accessibility_tools(*, orca: bool) -> None:
    tools = ["Xvfb", "openbox", "xdotool", "dbus-run-session", BUS_LAUNCHER, SYSTEM_PYTHON]
    require_tools(*tools, *(["orca"] if orca else []))
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
    )
    if found.returncode != 0:
        message = "needs python3-pyatspi for the system Python (see README: system packages)"
        if os.environ.get("PACER_REQUIRE_SYSTEM_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)


def read_line(stream, timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        raise AssertionError(f"no answer within {timeout:g} s")
    return stream.readline()


def finish(process: subprocess.Popen, command: str, timeout: float) -> None:
    """Ask a helper to stop with a line on its standard input; close its pipes either way."""
    try:
        if process.poll() is None:
            process.stdin.write(command + "\n")
            process.stdin.flush()
            process.wait(timeout=timeout)
    except (subprocess.TimeoutExpired, BrokenPipeError):
        process.kill()
        process.wait(timeout=10)
    finally:
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@dataclass
class A11yDesktop:
    display: XDisplay
    home: Path
    session_bus: str
    a11y_bus: str
    orca_log: Path | None

    def env(self, **extra: str) -> dict[str, str]:
        env = self.display.env(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_RUNTIME_DIR=str(self.home / "runtime"),
            DBUS_SESSION_BUS_ADDRESS=self.session_bus,
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        )
        for leaking in ("AT_SPI_BUS_ADDRESS", "PACER_DATA_DIR", "PACER_SPEECH_LOG"):
            env.pop(leaking, None)
        env.update(extra)
        return env

    def launch_pacer(self, data_dir: Path, *args: str, speech_log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "pacer", "--data-dir", str(data_dir), *args],
            cwd=ROOT,
            env=self.env(PACER_SPEECH_LOG=str(speech_log)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def probe(self, listen: Path | None = None) -> AtspiProbe:
        return AtspiProbe(self, listen)


ORCA_LOCK = Path(tempfile.gettempdir()) / "pacer-tests-orca.lock"


@contextmanager
def one_orca_at_a_time(timeout: float = 240) -> Iterator[None]:
    """Orca refuses to start while another runs for the same user (any session), so tests
    that start it — also from another checkout's test run — take turns."""
    with open(ORCA_LOCK, "a") as lock:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError("another test kept Orca busy") from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def a11y_desktop(folder: Path, *, orca: bool) -> Iterator[A11yDesktop]:
    require_accessibility_tools(orca=orca)
    if orca:
        with one_orca_at_a_time(), _a11y_desktop(folder, orca=True) as desktop:
            yield desktop
    else:
        with _a11y_desktop(folder, orca=False) as desktop:
            yield desktop


@contextmanager
def _a11y_desktop(folder: Path, *, orca: bool) -> Iterator[A11yDesktop]:
    home = folder / "home"
    for sub in (".config", ".local/share", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    with xvfb_display(window_manager=True) as display:
        partial = A11yDesktop(display, home, "", "", None)
        env = partial.env()
        env.pop("DBUS_SESSION_BUS_ADDRESS")
        orca_dir = folder / "orca"
        command = ["dbus-run-session", "--", sys.executable, "-m", "tests.support.a11y_desktop"]
        if orca:
            command += ["--orca", str(orca_dir)]
        errors = folder / "desktop.err"
        with open(errors, "w") as error_file:
            driver = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=error_file,
                text=True,
                start_new_session=True,  # its bus, launcher and Orca go with it
            )
        try:
            ready, _, _ = select.select([driver.stdout], [], [], 100)
            line = driver.stdout.readline() if ready else ""
            if not line.startswith("ready "):
                problem = errors.read_text().strip().splitlines()[-5:]
                raise AssertionError(f"the accessibility desktop did not start: {problem}")
            buses = json.loads(line.removeprefix("ready "))
            yield A11yDesktop(
                display,
                home,
                buses["session_bus"],
                buses["a11y_bus"],
                orca_dir / "orca.log" if orca else None,
            )
        finally:
            finish(driver, "stop", timeout=60)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(driver.pid, signal.SIGKILL)  # anything of its session still left


class AtspiProbe:
    def __init__(self, desktop: A11yDesktop, listen: Path | None) -> None:
        command = [SYSTEM_PYTHON, str(PROBE), APP_NAME]
        if listen is not None:
            command += ["--listen", str(listen)]
        self.process = subprocess.Popen(
            command,
            env=desktop.env(AT_SPI_BUS_ADDRESS=desktop.a11y_bus),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert json.loads(read_line(self.process.stdout, 30)) == {"ready": True}

    def ask(self, command: str) -> object:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(read_line(self.process.stdout, 30))

    def close(self) -> None:
        finish(self.process, "quit", timeout=10)

    def __enter__(self) -> AtspiProbe:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# -- what was said -----------------------------------------------------------------------------
_ORCA_SPEECH = re.compile(
    r"^(\d\d):(\d\d):(\d\d\.\d+) - SPEECH OUTPUT: '(.*)'(?: voice=\w+)?(\{.*\})?$"
)


@dataclass(frozen=True)
class Said:
    time: float  # seconds since local midnight
    how: str  # "orca", or how the app sent it: "announcement", "description", "focus"
    text: str


def _seconds(hours: str, minutes: str, seconds: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def orca_speech(log: Path) -> list[Said]:
    said = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        found = _ORCA_SPEECH.match(line)
        if found:
            said.append(Said(_seconds(*found.group(1, 2, 3)), "orca", found.group(4)))
    return said


def app_speech(log: Path) -> list[Said]:
    said = []
    for line in log.read_text(encoding="utf-8").splitlines():
        stamp, how, text = line.split("\t", 2)
        said.append(Said(_seconds(*stamp.split(":")), how, text))
    return said


def plain(text: str) -> str:
    return " ".join(text.split()).rstrip(". ")


@dataclass(frozen=True)
class Heard:
    change: Said
    spoken_at: float
    times_spoken: int

    @property
    def latency(self) -> float:
        return self.spoken_at - self.change.time


def match_speech(changes: list[Said], spoken: list[Said]) -> list[Heard]:
    """Each change, in order, with when Orca first spoke it and how often before the next.

    A focus presentation (the ending) is spoken as its name then its description.
    """
    heard = []
    cursor = 0
    for index, change in enumerate(changes):
        parts = change.text.split("\t")  # a focus presentation: name, then description
        first = plain(parts[0])
        following = changes[index + 1].time if index + 1 < len(changes) else float("inf")
        match = next(
            (
                i
                for i in range(cursor, len(spoken))
                if spoken[i].time >= change.time - 0.05 and plain(spoken[i].text) == first
            ),
            None,
        )
        if match is None:
            raise AssertionError(f"Orca never said {first!r} (changed at {change.time:.3f})")
        for offset, part in enumerate(parts[1:], start=1):
            said = plain(spoken[match + offset].text) if match + offset < len(spoken) else None
            assert said == plain(part), f"after {first!r} Orca said {said!r}, not {part!r}"
        times = sum(
            1
            for s in spoken
            if change.time - 0.05 <= s.time < max(following, spoken[match].time + 0.001)
            and plain(s.text) == first
        )
        heard.append(Heard(change, spoken[match].time, times))
        cursor = match + len(parts)
    return heard
