"""Pacer's motion choice against the desktop's wish, in-process (the D-Bus side is tested in
tests/test_reduced_motion_desktop.py on a private bus)."""

from __future__ import annotations

import ctypes
import sys

import pytest

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.preferences import MotionSetting
from pacer.ui.platform import reduced_motion
from pacer.ui.platform.reduced_motion import (
    SPI_GETCLIENTAREAANIMATION,
    macos_prefers_reduced_motion,
    windows_prefers_reduced_motion,
)

STILL = 0.5


def desktop_wishes(context, reduced: bool) -> None:
    """What the portal's answer or SettingChanged does inside DesktopMotion."""
    context.desktop_motion._set("test desktop", reduced)


def belly_late_in_the_in_breath(window, fake_clock) -> float:
    window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(3.5)
    window.breathing.session.refresh()
    return window.breathing.surface.canvas.scene.rise


def test_without_a_desktop_answer_motion_is_full(window, fake_clock):
    assert window.context.reduced_motion is False
    assert belly_late_in_the_in_breath(window, fake_clock) > 0.9


def test_following_the_desktop_stills_the_figure_when_it_changes(window, fake_clock, qtbot):
    rise = belly_late_in_the_in_breath(window, fake_clock)
    assert rise > 0.9
    with qtbot.waitSignal(window.context.motion_changed) as changed:
        desktop_wishes(window.context, True)
    assert changed.args == [True]
    fake_clock.advance(0.01)
    window.breathing.session.refresh()
    assert window.breathing.surface.canvas.scene.rise == STILL


@pytest.mark.parametrize(
    ("setting", "desktop", "reduced"),
    [
        (MotionSetting.SYSTEM, True, True),
        (MotionSetting.SYSTEM, False, False),
        (MotionSetting.FULL, True, False),
        (MotionSetting.REDUCED, False, True),
    ],
)
def test_your_own_choice_wins_over_the_desktop(context, setting, desktop, reduced):
    context.update_preferences(motion=setting)
    desktop_wishes(context, desktop)
    assert context.reduced_motion is reduced


def test_a_desktop_change_is_not_announced_when_you_chose_yourself(context, qtbot):
    context.update_preferences(motion=MotionSetting.FULL)
    with qtbot.assertNotEmitted(context.motion_changed):
        desktop_wishes(context, True)


class FakeUser32:
    def __init__(self, animations_on: bool, succeeds: bool = True) -> None:
        self.animations_on, self.succeeds, self.calls = animations_on, succeeds, []

    def SystemParametersInfoW(self, action, param, pointer, flags):
        self.calls.append((action, param, flags))
        pointer.contents.value = int(self.animations_on)
        return int(self.succeeds)


@pytest.mark.parametrize(("animations_on", "reduced"), [(True, False), (False, True)])
def test_windows_animation_effects_off_means_reduced(monkeypatch, animations_on, reduced):
    user32 = FakeUser32(animations_on)
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"user32": user32}), raising=False)
    assert windows_prefers_reduced_motion() is reduced
    assert user32.calls == [(SPI_GETCLIENTAREAANIMATION, 0, 0)]


def test_windows_gives_no_answer_when_the_call_fails(monkeypatch):
    user32 = FakeUser32(False, succeeds=False)
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"user32": user32}), raising=False)
    assert windows_prefers_reduced_motion() is None


@pytest.mark.skipif(sys.platform == "darwin", reason="reads the real setting on macOS")
def test_off_macos_the_macos_reader_calmly_has_no_answer():
    assert macos_prefers_reduced_motion() is None


@pytest.mark.parametrize(
    ("platform", "reader"),
    [("win32", "windows_prefers_reduced_motion"), ("darwin", "macos_prefers_reduced_motion")],
)
def test_windows_and_macos_are_read_on_start(qapp, monkeypatch, platform, reader):
    monkeypatch.setattr(reduced_motion, reader, lambda: True)
    assert reduced_motion.DesktopMotion(platform=platform).reduced is True
