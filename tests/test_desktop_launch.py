"""A real double-click: install the launcher in a private home, open it as a desktop menu does.

``pacer --install-desktop-entry`` writes the launcher; ``gio launch`` starts it on Xvfb (with
openbox) exactly as a menu or file manager would; the window appears, Ctrl+Q closes it, the
process exits with status 0, and everything it wrote stays inside the temporary home.

The packaged bundle's own launcher gets the same test when ``PACER_BUNDLE_DIR`` names the
built bundle (``packaging/check_bundle.sh`` sets it after ``make bundle``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pacer.desktop_entry import exec_line
from pacer.identity import APP_ID
from tests.support.desktop_launch import (
    PrivateHome,
    adopting_orphans,
    launch_from_menu,
    stop_if_running,
    wait_for_exit,
)
from tests.support.xvfb import press_keys, xvfb_display

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


def _entries(launcher: Path) -> dict[str, str]:
    lines = launcher.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def _double_click(tmp_path: Path, install: list[str]) -> tuple[PrivateHome, Path, list[str]]:
    """Install with ``install``, launch from the menu, quit with Ctrl+Q.

    Returns the private home, the launcher and the launched process's command line.
    """
    private = PrivateHome.create(tmp_path)
    with xvfb_display(window_manager=True) as display, adopting_orphans():
        env = private.env(display)
        subprocess.run([*install, "--install-desktop-entry"], env=env, check=True, timeout=60)
        launcher = private.data_home / "applications" / f"{APP_ID}.desktop"
        app = launch_from_menu(display, env, launcher, tmp_path / "logs")
        try:
            command = Path(f"/proc/{app.pid}/cmdline").read_bytes().decode().split("\0")[:-1]
            press_keys(display, app.window, "ctrl+q")
            status = wait_for_exit(app.pid)
        finally:
            stop_if_running(app.pid)
    stderr = app.stderr.read_text(errors="replace")
    assert status == 0, f"Pacer exited with {status}:\n{stderr}"
    assert "Traceback" not in stderr
    return private, launcher, command


def _assert_data_stayed_in(private: PrivateHome) -> None:
    data = private.data_home / "pacer"
    assert (data / "practice.db").is_file()
    assert data.stat().st_mode & 0o777 == 0o700
    assert "welcome_seen" in (data / "settings.ini").read_text(encoding="utf-8")


def test_double_clicking_the_installed_launcher_opens_pacer_and_ctrl_q_quits(tmp_path):
    private, launcher, command = _double_click(tmp_path, [sys.executable, "-m", "pacer"])
    script = Path(sys.executable).parent / "pacer"
    assert _entries(launcher)["Exec"] == exec_line([str(script)])
    assert str(script) in command  # the menu started this installation, not another one
    _assert_data_stayed_in(private)


def test_double_clicking_the_bundles_launcher_opens_the_bundle(tmp_path):
    bundle = os.environ.get("PACER_BUNDLE_DIR")
    if not bundle:
        pytest.skip(
            "needs the packaged app: PACER_BUNDLE_DIR=packaging/dist/Pacer (check_bundle.sh)"
        )
    program = (Path(bundle) / "pacer").absolute()
    assert program.is_file(), f"no bundled program at {program}"
    private, launcher, command = _double_click(tmp_path, [str(program)])
    assert _entries(launcher)["Exec"] == exec_line([str(program)])
    assert command[0] == str(program)
    _assert_data_stayed_in(private)


def test_the_installed_package_opens_from_the_system_menu(tmp_path):
    """Run by packaging/check_deb.sh between installing the .deb and purging it."""
    if os.environ.get("PACER_CHECK_INSTALLED_DEB") != "1":
        pytest.skip(
            "needs the .deb installed: packaging/check_deb.sh sets PACER_CHECK_INSTALLED_DEB"
        )
    launcher = Path("/usr/share/applications") / f"{APP_ID}.desktop"
    assert _entries(launcher)["Exec"] == "pacer"
    private = PrivateHome.create(tmp_path)
    with xvfb_display(window_manager=True) as display, adopting_orphans():
        app = launch_from_menu(display, private.env(display), launcher, tmp_path / "logs")
        try:
            program = Path(f"/proc/{app.pid}/exe").resolve()
            press_keys(display, app.window, "ctrl+q")
            status = wait_for_exit(app.pid)
        finally:
            stop_if_running(app.pid)
    stderr = app.stderr.read_text(errors="replace")
    assert status == 0, f"Pacer exited with {status}:\n{stderr}"
    assert "Traceback" not in stderr
    assert program == Path("/opt/pacer/pacer")
    _assert_data_stayed_in(private)
