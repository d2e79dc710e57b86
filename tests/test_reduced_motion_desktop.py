"""Reduced motion that follows the desktop, on a private D-Bus session bus.

A private ``dbus-daemon`` carries a stand-in settings portal (tests/support/
fake_settings_portal.py, answering as the real one does); Pacer's window runs in its own
process (tests/support/motion_probe.py) with motion left at "follow my system" and reports
whether motion is reduced and how high it draws the belly late in an in-breath (0.5: the
figure stays still and only its glow breathes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = ROOT / "tests" / "support"
SYSTEM_PYTHON = "/usr/bin/python3"  # the fake portal uses Debian's python3-dbus and python3-gi
STILL = 0.5

pytestmark = pytest.mark.slow


def _require_fake_portal_python() -> None:
    check = (
        subprocess.run(
            [
                SYSTEM_PYTHON,
                "-c",
                "import dbus, dbus.mainloop.glib; from gi.repository import GLib",
            ],
            capture_output=True,
            check=False,
        )
        if Path(SYSTEM_PYTHON).exists()
        else None
    )
    if check is None or check.returncode != 0:
        message = "needs the system python3 with python3-dbus and python3-gi"
        if os.environ.get("PACER_REQUIRE_SYSTEM_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def session_bus() -> Iterator[str]:
    require_tools("dbus-daemon")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()


class Portal:
    def __init__(self, address: str, settings: dict, *extra: str) -> None:
        _require_fake_portal_python()
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(SUPPORT / "fake_settings_portal.py"), json.dumps(settings), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
        )
        line = self.process.stdout.readline()
        assert line.startswith("ready"), line + self.process.stderr.read()

    def change(self, namespace: str, key: str, kind: str, value: object) -> None:
        self.process.stdin.write(f"{namespace} {key} {kind} {json.dumps(value)}\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "changed"

    def close(self) -> None:
        self.process.stdin.close()  # the portal leaves when its input ends
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()


@pytest.fixture
def portal(session_bus):
    started: list[Portal] = []

    def start(settings: dict, *extra: str) -> Portal:
        started.append(Portal(session_bus, settings, *extra))
        return started[-1]

    yield start
    for running in started:
        running.close()


def probe(address: str, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SUPPORT / "motion_probe.py"), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
    )


def answer(address: str) -> dict:
    process = probe(address)
    out, err = process.communicate(timeout=60)
    assert err == ""  # no warning of any kind, whatever the desktop offers
    assert process.returncode == 0
    (line,) = out.splitlines()
    return json.loads(line)


APPEARANCE = "org.freedesktop.appearance"
GNOME = "org.gnome.desktop.interface"


def test_the_portals_reduced_motion_setting_means_reduced(session_bus, portal):
    portal({APPEARANCE: {"reduced-motion": ["u", 1]}})
    assert answer(session_bus) == {"event": "settled", "reduced": True, "rise": STILL}


def test_gnomes_animations_switched_off_means_reduced(session_bus, portal):
    portal({GNOME: {"enable-animations": ["b", False]}, APPEARANCE: {"reduced-motion": ["u", 0]}})
    assert answer(session_bus)["reduced"] is True


def test_an_older_portal_without_read_one_is_read_through_read(session_bus, portal):
    portal({GNOME: {"enable-animations": ["b", False]}}, "--version-1")
    assert answer(session_bus) == {"event": "settled", "reduced": True, "rise": STILL}


def test_no_wish_for_less_movement_means_full_movement(session_bus, portal):
    portal({GNOME: {"enable-animations": ["b", True]}, APPEARANCE: {"reduced-motion": ["u", 0]}})
    result = answer(session_bus)
    assert result["reduced"] is False
    assert result["rise"] > 0.9  # the belly is nearly full late in the in-breath


def test_a_bus_without_a_portal_calmly_means_full_movement(session_bus):
    result = answer(session_bus)
    assert result["reduced"] is False
    assert result["rise"] > 0.9


def test_no_bus_at_all_calmly_means_full_movement(tmp_path):
    result = answer(f"unix:path={tmp_path}/no-bus-here")
    assert result["reduced"] is False
    assert result["rise"] > 0.9


def test_turning_reduced_motion_on_while_pacer_runs_stills_the_figure(session_bus, portal):
    desktop = portal({APPEARANCE: {"reduced-motion": ["u", 0]}})
    process = probe(session_bus, "--wait-for-change")
    try:
        first = json.loads(process.stdout.readline())
        assert (first["event"], first["reduced"]) == ("settled", False)
        desktop.change(APPEARANCE, "reduced-motion", "u", 1)
        second = json.loads(process.stdout.readline())
        assert second == {"event": "changed", "reduced": True, "rise": STILL}
        out, err = process.communicate(timeout=30)
        assert (out, err, process.returncode) == ("", "", 0)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
