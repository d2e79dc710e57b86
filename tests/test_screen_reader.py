"""A practice a screen-reader user can follow from start to end, tried with real clients.

The app runs on Xvfb under a private session bus with the AT-SPI bus (tests/support/
screen_reader.py). Change times come from the app itself: with ``PACER_SPEECH_LOG`` set it
writes one line per change as it shows it (a phase, a step, "Paused", the ending) and how it
sent it to screen readers. Orca's debug log stamps each ``SPEECH OUTPUT`` with the same
clock, so each change is matched, in order, with the first time Orca said it.

- Orca 43.1 (Debian 12's): listens for no announcements, so the app speaks through the name
  of the focused practice surface; every phase, step, pause and the ending must be spoken
  once each, within 0.5 s.
- A newer reader, stood in for by an AT-SPI client that listens for ``object:announcement``
  as Orca ≥ 45.2 does: every change must reach it exactly once, as an announcement, never
  also as a name or description change (which such readers speak too).
- The accessibility tree (pyatspi): names, roles, labels and the Tab order of each page.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.screen_reader import (
    A11yDesktop,
    a11y_desktop,
    app_speech,
    match_speech,
    orca_speech,
)
from tests.support.sessions import welcome_already_read
from tests.support.xvfb import press_keys, wait_for_window

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
PHASES = ("Breathe in, belly rises", "Slowly out, let go")
LATENCY_LIMIT = 0.5


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(0.1)


def log_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def close(app: subprocess.Popen) -> None:
    app.terminate()  # SIGTERM ends Pacer calmly (exit 0)
    _, stderr = app.communicate(timeout=30)
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr


def short_sequence(folder: Path) -> Path:
    """The built-in sequence with a 1-second lead-in, so a test run stays short."""
    text = (ROOT / "assets" / "sequences" / "progressive-relaxation.toml").read_text()
    short = re.sub(r"(\[lead_in\]\nseconds = )\d+", r"\g<1>1", text, count=1)
    assert short != text
    path = folder / "short.toml"
    path.write_text(short)
    return path


def report(heard) -> str:
    latencies = [h.latency for h in heard]
    return (
        f"{len(heard)} changes, latency median {statistics.median(latencies) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )


def assert_heard_once_in_time(changes, spoken) -> list:
    heard = match_speech(changes, spoken)
    for h in heard:
        assert h.times_spoken == 1, f"{h.change.text!r} was spoken {h.times_spoken} times"
        assert h.latency < LATENCY_LIMIT, (
            f"{h.change.text!r} spoken {h.latency * 1000:.0f} ms after it changed"
        )
    return heard


def test_orca_43_speaks_every_step_of_a_breathing_and_a_relaxation_session(tmp_path):
    """One Orca for both sessions (one Orca per user at a time, and it takes a while to start)."""
    with a11y_desktop(tmp_path / "desktop", orca=True) as desktop:
        breathing = tmp_path / "breathing"
        breathing.mkdir()
        orca_hears_a_breathing_session(desktop, breathing)
        relaxation = tmp_path / "relaxation"
        relaxation.mkdir()
        orca_hears_a_relaxation_session(desktop, relaxation)


def without_check_in(data: Path) -> Path:
    """The check-in question is heard in the breathing run; elsewhere it is off."""
    with (data / "settings.ini").open("a") as settings:
        settings.write("checkin=false\n")
    return data


def orca_hears_a_breathing_session(desktop: A11yDesktop, folder: Path) -> None:
    data = welcome_already_read(folder / "data")
    speech_log = folder / "speech.log"
    app = desktop.launch_pacer(
        data, "breathe", "--inhale", "2", "--exhale", "3", "--minutes", "0.5", speech_log=speech_log
    )
    try:
        window = wait_for_window(desktop.display, "Pacer")
        wait_until(lambda: log_lines(speech_log), 30, "the first breath")
        started = time.monotonic()
        wait_until(lambda: time.monotonic() - started > 6.5, 10, "a few breaths")
        press_keys(desktop.display, window, "space")  # pause
        wait_until(lambda: "Paused" in speech_log.read_text(), 5, "pausing")
        time.sleep(1.0)
        press_keys(desktop.display, window, "space")  # and go on
        wait_until(lambda: "\tfocus\t" in speech_log.read_text(), 45, "the check-in")
        time.sleep(1.0)  # Orca speaks the question
        press_keys(desktop.display, window, "s")  # skipped: then the summary
        wait_until(lambda: speech_log.read_text().count("\tfocus\t") >= 2, 10, "the ending")
        time.sleep(1.0)  # Orca speaks the ending
    finally:
        close(app)

    changes = app_speech(speech_log)
    assert all(c.how in ("name", "focus") for c in changes), changes  # Orca 43's way
    texts = [c.text for c in changes]
    breaths = [t for t in texts if t in PHASES]
    assert breaths[0] == PHASES[0]
    assert all(a != b for a, b in itertools.pairwise(breaths)), breaths
    assert len(breaths) >= 11
    paused = texts.index("Paused. Take all the time you need.")
    assert texts[paused + 1].startswith("Continuing. ")
    assert texts[-2].startswith("And now? How tense does your body feel?")  # the check-in
    assert texts[-1].startswith("You breathed slowly for 30 seconds")
    assert texts[-1].endswith("\tIf you like, how do you feel now?")

    spoken = orca_speech(desktop.orca_log)
    heard = assert_heard_once_in_time(changes, spoken)
    assert not [s for s in spoken if "layered pane" in s.text]
    print("Orca 43, breathing:", report(heard))


def orca_hears_a_relaxation_session(desktop: A11yDesktop, folder: Path) -> None:
    data = without_check_in(welcome_already_read(folder / "data"))
    speech_log = folder / "speech.log"
    skip = [
        arg for key in ("feet", "buttocks", "pelvic-floor", "abdominals") for arg in ("--skip", key)
    ]
    app = desktop.launch_pacer(
        data,
        "relax",
        "--sequence",
        str(short_sequence(folder)),
        "--clench",
        "3",
        "--release",
        "5",
        "--closing-minutes",
        "0",
        *skip,
        speech_log=speech_log,
    )
    try:
        wait_until(lambda: "\tfocus\t" in (log_lines(speech_log) or [""])[-1], 60, "the ending")
        time.sleep(1.0)
    finally:
        close(app)

    changes = app_speech(speech_log)
    texts = [c.text for c in changes]
    assert texts[0].startswith("Settle in.")
    steps = [t.split(". ")[1:3] for t in texts[1:5]]
    assert steps == [
        ["Clench", "Full effort"],
        ["Let go", "Rest and notice"],
        ["Clench", "Half effort"],
        ["Let go", "Rest and notice"],
    ]
    assert all(t.startswith("Shoulders, neck and jaw, group 1 of 1.") for t in texts[1:5])
    assert texts[-1].startswith("You went through the whole sequence")

    spoken = orca_speech(desktop.orca_log)
    heard = assert_heard_once_in_time(changes, spoken)
    print("Orca 43, relaxation:", report(heard))


def test_a_reader_that_listens_for_announcements_hears_each_change_once(tmp_path):
    """Stand-in for Orca ≥ 45.2, NVDA's and VoiceOver's way: announcements, nothing doubled."""
    events = tmp_path / "events.jsonl"
    speech_log = tmp_path / "speech.log"
    with a11y_desktop(tmp_path, orca=False) as desktop, desktop.probe(listen=events):
        data = without_check_in(welcome_already_read(tmp_path / "data"))
        app = desktop.launch_pacer(
            data, "breathe", "--inhale", "2", "--exhale", "3", "--minutes", "0.5",
            speech_log=speech_log,
        )  # fmt: skip
        try:
            window = wait_for_window(desktop.display, "Pacer")
            wait_until(lambda: len(log_lines(speech_log)) >= 3, 30, "three phases")
            press_keys(desktop.display, window, "space")
            wait_until(lambda: "Paused" in speech_log.read_text(), 5, "pausing")
            press_keys(desktop.display, window, "space")
            wait_until(lambda: "Continuing" in speech_log.read_text(), 5, "going on")
            press_keys(desktop.display, window, "ctrl+e")
            wait_until(lambda: "\tfocus\t" in speech_log.read_text(), 10, "the ending")
            time.sleep(0.5)
        finally:
            close(app)
    changes = app_speech(speech_log)
    received = [json.loads(line) for line in log_lines(events)]
    announced = [e["data"] for e in received if e["type"] == "object:announcement"]
    sent = [c.text for c in changes if c.how == "announcement"]
    assert sent == [c.text for c in changes if c.how != "focus"]  # all went as announcements
    assert announced == sent
    assert "Paused. Take all the time you need." in announced
    # Nothing was also sent as a change of a name or a description (a newer reader speaks
    # those of the focused element too, so the step would be said twice).
    changed = [
        e["data"]
        for e in received
        if e["type"].startswith("object:property-change:accessible-") and e["data"]
    ]
    assert not {text.strip() for text in changed} & set(sent), changed
    pictures = [
        e["data"]
        for e in received
        if e["type"] == "object:property-change:accessible-name"
        and e["source"].get("role") == "image"
    ]
    # The figure is renamed with what it shows, once per change (pausing changes nothing).
    assert pictures == [
        "Breathing picture: belly rising",
        "Breathing picture: belly falling",
        "Breathing picture: belly rising",
        "Breathing picture: resting",
    ], pictures
    ending = changes[-1].text.split("\t")
    focused = [
        e["source"]["name"]
        for e in received
        if e["type"] == "object:state-changed:focused" and e["detail1"] == 1
    ]
    assert focused[-1] == ending[0]
    assert ending[0].startswith("You took some time to breathe slowly")


def rows_then_columns(nodes: list[dict]) -> bool:
    """Reading order: each next element is further right on the same row, or lower down."""
    for before, after in itertools.pairwise(nodes):
        bx, by, _, bh = before["extents"]
        ax, ay, _, ah = after["extents"]
        before_mid, after_mid = by + bh / 2, ay + ah / 2
        if abs(after_mid - before_mid) < min(bh, ah) / 2:  # the same row
            if ax <= bx:
                return False
        elif after_mid < before_mid:
            return False
    return True


def tab_cycle(desktop: A11yDesktop, probe, window: str, stops: int) -> list[dict]:
    """Where focus lands on each Tab, once round the page and one step more."""
    subprocess.run(
        ["xdotool", "windowactivate", "--sync", window],
        env=desktop.display.env(),
        check=True,
        timeout=10,
    )
    seen = []
    for _ in range(stops + 1):
        subprocess.run(
            ["xdotool", "key", "--clearmodifiers", "Tab"],
            env=desktop.display.env(),
            check=True,
            timeout=10,
        )
        before = seen[-1] if seen else None
        deadline = time.monotonic() + 2
        focused = probe.ask("focused")
        while focused == before and time.monotonic() < deadline:
            focused = probe.ask("focused")
        seen.append(focused)
    return seen


def said_as(node: dict) -> str:
    """What a reader calls a control: its label when it has one, else its name."""
    return node["labelled_by"][0] if node["labelled_by"] else node["name"]


def from_top(cycle: list[dict]) -> list[dict]:
    """The Tab cycle, started at its top-left element (Tab wraps from the bottom)."""
    names = [said_as(n) for n in cycle]
    length = next(i for i in range(1, len(names) + 1) if names[i:] == names[: len(names) - i])
    loop = cycle[:length]

    def middle(node: dict) -> float:
        return node["extents"][1] + node["extents"][3] / 2

    # Where the cycle climbs furthest back up is where Tab wraps from the bottom to the top.
    wrap = max(range(length), key=lambda i: middle(loop[i]) - middle(loop[(i + 1) % length]))
    first = (wrap + 1) % length
    return loop[first:] + loop[:first]


def test_tree_names_roles_labels_and_tab_order(tmp_path):
    # As a newer reader sees it (one that hears announcements: names stay put).
    events = tmp_path / "events.jsonl"
    with a11y_desktop(tmp_path, orca=False) as desktop, desktop.probe(listen=events) as probe:
        data = without_check_in(welcome_already_read(tmp_path / "data"))
        app = desktop.launch_pacer(data, speech_log=tmp_path / "speech.log")
        try:
            window = wait_for_window(desktop.display, "Pacer")
            wait_until(lambda: isinstance(probe.ask("tree"), list), 20, "the tree")

            def shown() -> list[dict]:
                return [n for n in probe.ask("tree") if n["shown"]]

            def assert_clean(nodes: list[dict]) -> None:
                layered = [n for n in nodes if n["role"] == "layered pane" and not n["name"]]
                assert not layered, layered

            assert_clean(shown())
            home = from_top(tab_cycle(desktop, probe, window, 5))
            assert [said_as(n) for n in home] == [
                "Breathe",
                "Relax",
                "Trainer practice",
                "Your practice log",
                "Preferences",
            ]
            assert rows_then_columns(home)

            press_keys(desktop.display, window, "ctrl+1")
            time.sleep(0.3)
            nodes = shown()
            assert_clean(nodes)
            # On Linux Qt names a combo box by its current item; its purpose comes from the
            # label it is labelled by (Orca says "Breathing pattern combo box. Calm …").
            combo = next(n for n in nodes if n["role"] == "combo box")
            assert combo["labelled_by"] == ["Breathing pattern"]
            assert combo["name"].startswith("Calm")
            length = next(n for n in nodes if n["name"] == "Session length in minutes")
            assert length["labelled_by"] == ["Session length in minutes"]
            figure = next(n for n in nodes if n["name"].startswith("Breathing picture"))
            assert figure["role"] == "image"
            assert figure["name"] == "Breathing picture: resting"
            breathing = from_top(tab_cycle(desktop, probe, window, 6))
            assert [said_as(n) for n in breathing] == [
                "Breathing pattern",
                "Session length in minutes",
                "Your patterns…",
                "Practice",
                "Begin",
                "Full screen",
            ]
            assert rows_then_columns(breathing)

            press_keys(desktop.display, window, "space")  # begin
            wait_until(
                lambda: (probe.ask("focused") or {}).get("name") == "Practice",
                5,
                "focus resting on the practice",
            )

            press_keys(desktop.display, window, "ctrl+e")  # end: the summary takes focus
            wait_until(
                lambda: (probe.ask("focused") or {}).get("name", "").startswith("You took"),
                5,
                "the ending taking focus",
            )
            ending = probe.ask("focused")
            assert ending["description"] == "If you like, how do you feel now?"
            nodes = shown()
            assert_clean(nodes)
            summary = from_top(tab_cycle(desktop, probe, window, 10))
            names_in_order = [said_as(n) for n in summary]
            assert names_in_order[0] == "Practice"
            assert names_in_order[1] == ending["name"]
            assert names_in_order[-3:] == ["A note for yourself (optional)", "Done", "Full screen"]
            assert rows_then_columns(summary[2:])  # after the containers, the controls

            press_keys(desktop.display, window, "ctrl+2")
            time.sleep(0.5)
            nodes = shown()
            assert_clean(nodes)
            for name in (
                "Clench time in seconds",
                "Let-go time in seconds",
                "Closing breathing in minutes",
            ):
                spin = next(n for n in nodes if n["name"] == name)
                assert spin["labelled_by"] == [name]
            relaxation = from_top(tab_cycle(desktop, probe, window, 7))
            assert [said_as(n) for n in relaxation] == [
                "Clench time in seconds",
                "Let-go time in seconds",
                "Closing breathing in minutes",
                "Muscle groups",
                "Practice",
                "Begin",
                "Full screen",
            ]
            assert rows_then_columns(relaxation)
        finally:
            close(app)
