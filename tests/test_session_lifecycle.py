"""The real app in a subprocess: log-out (SIGTERM) and a hard crash (SIGKILL) mid-session."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import PracticeLog
from tests.support.sessions import welcome_already_read

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def start_breathing(data_dir: Path) -> subprocess.Popen:
    welcome_already_read(data_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "pacer", "--data-dir", str(data_dir), "breathe", "--minutes", "5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def practised_in_log(data_dir: Path) -> float | None:
    """Read-only peek at the running session's checkpointed time (None: no record yet)."""
    path = data_dir / "practice.db"
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT practised_seconds FROM sessions").fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else float(row[0])


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the app never got there")


def test_sigterm_ends_the_running_session_as_ended_early(tmp_path):
    data_dir = tmp_path / "data"
    app = start_breathing(data_dir)
    try:
        wait_for(lambda: practised_in_log(data_dir) is not None)
        time.sleep(1.5)
        app.send_signal(signal.SIGTERM)
        _, stderr = app.communicate(timeout=30)
    except BaseException:
        app.kill()
        app.communicate(timeout=30)
        raise
    assert app.returncode == 0, stderr
    with PracticeLog.open(data_dir) as log:
        (record,) = log.sessions()
    assert record.kind is SessionKind.BREATHING
    assert record.ended is SessionEnd.ENDED_EARLY
    assert 1.0 < record.practised_seconds < 20


def test_a_hard_crash_keeps_the_time_up_to_the_last_checkpoint(tmp_path):
    data_dir = tmp_path / "data"
    app = start_breathing(data_dir)
    try:
        checkpointed = wait_for(lambda: (t := practised_in_log(data_dir) or 0) >= 4.0 and t)
        app.kill()  # SIGKILL: no chance to write anything more
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate(timeout=30)
    with PracticeLog.open(data_dir) as log:
        (record,) = log.sessions()
    assert record.ended is SessionEnd.INTERRUPTED
    assert record.practised_seconds == pytest.approx(checkpointed, abs=0.01)
