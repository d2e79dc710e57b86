"""Which readers hear announcements: read from the AT-SPI registry's list of registered events."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from pacer.ui.common.reader_events import RegistryWatch, hears_announcements, normalised_event
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
# What Debian 12's Orca 43.1 registers (read from its registry here): no announcements.
ORCA_43 = [
    "Focus::",
    "Object:PropertyChange:AccessibleName",
    "Object:PropertyChange:AccessibleDescription",
    "Object:StateChanged:Focused",
    "Object:TextChanged:Insert",
    "Window:Activate:",
]


def test_event_names_are_compared_the_way_the_registry_spells_them():
    assert normalised_event("Object:Announcement:") == "object:announcement"
    assert normalised_event("object:announcement") == "object:announcement"
    assert normalised_event("object:property-change:accessible-name") == (
        "object:propertychange:accessiblename"
    )


def test_only_a_client_asking_for_announcements_counts():
    assert not hears_announcements(ORCA_43)
    assert hears_announcements([*ORCA_43, "Object:Announcement:"])
    assert not hears_announcements(["Object:"]), "an inspector listening to everything"
    assert not hears_announcements([])


def test_the_watch_follows_readers_registering_and_leaving():
    require_tools("dbus-run-session")
    registry = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.support.fake_registry"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready = registry.stdout.readline()
        assert ready.startswith("ready ")

        def tell(line: str) -> None:
            registry.stdin.write(line + "\n")
            registry.stdin.flush()
            assert registry.stdout.readline() == "done\n"

        for event in ORCA_43:
            tell(f"add {event}")
        watch = RegistryWatch(ready.removeprefix("ready ").strip())
        watch.start()
        assert watch.heard(wait=5) is False

        def becomes(expected: bool) -> None:
            deadline = time.monotonic() + 5
            while watch.heard() is not expected:
                assert time.monotonic() < deadline, f"the watch never saw {expected}"
                time.sleep(0.02)

        tell("add Object:Announcement:")  # a newer reader starts
        becomes(True)
        tell("remove Object:Announcement:")  # and stops again
        becomes(False)
    finally:
        registry.stdin.close()
        registry.wait(timeout=10)
        registry.stdout.close()


def test_without_a_registry_the_answer_stays_unknown():
    watch = RegistryWatch("unix:path=/nonexistent/pacer-test-bus")
    watch.start()
    assert watch.heard(wait=5) is None
