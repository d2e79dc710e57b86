"""Start the real app in a subprocess on a real X server and close it like a user would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.sessions import welcome_already_read
from tests.support.xvfb import (
    XDisplay,
    press_keys,
    screenshot,
    wait_for_window,
    window_geometry,
    xvfb_display,
)

ROOT = Path(__file__).resolve().parents[1]
PACER = (sys.executable, "-m", "pacer")
SHORT_TRAINER = ("--warmup-minutes", "0", "--minutes", "1", "--inhale", "2", "--exhale", "3")
pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
FULL_SCREEN_BREATHING = ("breathe", "--minutes", "5", "--fullscreen")


def start_pacer(display: XDisplay, argv: list[str]) -> subprocess.Popen[str]:
    """The real app on ``display``, as a person would start it from a terminal."""
    return subprocess.Popen(
        argv,
        cwd=ROOT,
        env=display.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_app_shows_its_window_and_quits_cleanly_on_ctrl_q(tmp_path):
    with xvfb_display(window_manager=True) as display:
        app = start_pacer(
            display, [sys.executable, "-m", "pacer", "--data-dir", str(tmp_path / "data")]
        )
        try:
            window = wait_for_window(display, "Pacer")
            width, height = window_geometry(display, window)
            assert width >= 480
            assert height >= 420
            # A first run greets the person once; Enter ("Begin") closes the welcome.
            welcome = wait_for_window(display, "Welcome to Pacer.*")
            shots = os.environ.get("PACER_SCREENSHOT_DIR")
            if shots:
                screenshot(display, Path(shots) / "smoke-welcome.png")
            press_keys(display, welcome, "Return")
            if shots:
                screenshot(display, Path(shots) / "smoke-main-window.png")
            press_keys(display, window, "ctrl+q")
            _, stderr = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700


def test_breathe_fullscreen_fills_the_screen_and_esc_leaves(tmp_path):
    with xvfb_display(window_manager=True) as display:
        app = start_pacer(
            display,
            [
                sys.executable,
                "-m",
                "pacer",
                "--data-dir",
                str(tmp_path / "data"),
                "breathe",
                "--minutes",
                "1",
                "--fullscreen",
            ],
        )
        try:
            # The first practice on a fresh folder waits for the welcome; Enter closes it.
            welcome = wait_for_window(display, "Welcome to Pacer.*")
            press_keys(display, welcome, "Return")
            full = wait_for_window(display, "Pacer — practice")
            assert window_geometry(display, full) == (display.width, display.height)
            shots = os.environ.get("PACER_SCREENSHOT_DIR")
            if shots:
                screenshot(display, Path(shots) / "smoke-fullscreen.png")
            press_keys(display, full, "Escape")
            main = wait_for_window(display, "Pacer")
            assert window_geometry(display, main)[0] < display.width
            press_keys(display, main, "ctrl+q")
            _, stderr = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate(timeout=30)
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr


def _logged_session(data_dir: Path) -> tuple[float, str | None]:
    with sqlite3.connect(f"file:{data_dir / 'practice.db'}?mode=ro", uri=True, timeout=2) as conn:
        practised, ended = conn.execute("SELECT practised_seconds, ended FROM sessions").fetchone()
    return float(practised), ended


def test_space_in_full_screen_pauses_without_leaving_and_ctrl_q_keeps_the_session(tmp_path):
    data_dir = welcome_already_read(tmp_path / "data")
    with xvfb_display(window_manager=True) as display:
        app = start_pacer(display, [*PACER, "--data-dir", str(data_dir), *FULL_SCREEN_BREATHING])
        try:
            full = wait_for_window(display, "Pacer — practice")
            # Move the mouse first: the large targets show, as they would for a person.
            subprocess.run(
                ["xdotool", "mousemove", "--window", full, "200", "200"],
                env=display.env(),
                check=True,
            )
            time.sleep(1.5)
            press_keys(display, full, "space")
            time.sleep(0.5)  # pausing writes a checkpoint at once
            paused_at, ended = _logged_session(data_dir)
            assert ended is None
            assert paused_at > 0.5
            time.sleep(6.0)  # longer than a checkpoint interval: a running session would grow
            assert _logged_session(data_dir) == (paused_at, None)
            still = wait_for_window(display, "Pacer — practice")
            assert window_geometry(display, still) == (display.width, display.height)
            press_keys(display, still, "ctrl+q")
            _, stderr = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate(timeout=30)
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr
    practised, ended = _logged_session(data_dir)
    assert ended == "ended_early"
    assert practised == pytest.approx(paused_at, abs=0.01)


def test_a_short_trainer_session_on_a_real_screen_is_logged(tmp_path):
    """Keys as a person presses them: G notes a moment of guarding, C moves on to the
    closing breaths, Ctrl+Q leaves; the log holds a trainer session and nothing about size."""
    data_dir = welcome_already_read(tmp_path / "data")
    (data_dir / "settings.ini").write_text("[preferences]\nwelcome_seen=true\ncheckin=false\n")
    with xvfb_display(window_manager=True) as display:
        app = start_pacer(display, [*PACER, "--data-dir", str(data_dir), "trainer", *SHORT_TRAINER])
        try:
            window = wait_for_window(display, "Pacer")
            time.sleep(2.5)  # within the practice: there is no settling when warm-up is 0
            press_keys(display, window, "g")
            time.sleep(0.5)
            press_keys(display, window, "c")
            time.sleep(1.0)
            press_keys(display, window, "ctrl+q")
            _, stderr = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate(timeout=30)
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr
    with sqlite3.connect(f"file:{data_dir / 'practice.db'}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM sessions").fetchone())
    assert row["kind"] == "trainer"
    assert row["ended"] == "ended_early"
    assert row["guarding_moments"] == 1
    assert row["practised_seconds"] > 3
    assert not [name for name in row if any(w in name for w in ("size", "depth", "diameter"))]
