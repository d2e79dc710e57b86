"""What reaches the screen, frame after frame, looks as the figure always did (issue 15).

The canvas repaints only parts of itself, only when something visible changed. These tests
keep a "screen" that receives exactly the rectangles the canvas asks to repaint, as a window's
backing store would, and compare it at fixed clock times with a whole-picture render of the
figure made by the drawing code signed off before the canvas learned to cache
(``tests/support/reference_figure.py``): only anti-aliasing may differ.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.breathing.scene import pacer_scene
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common.theme import DAY, NIGHT
from tests.support.figure_screen import Screen, assert_looks_signed_off

FRAME = 1 / 60


@pytest.mark.parametrize(
    ("size", "theme", "reduced"),
    [
        (QSize(800, 360), DAY, False),
        (QSize(1824, 700), NIGHT, False),
        (QSize(640, 300), DAY, True),
    ],
    ids=["window-day", "full-screen-night", "reduced-motion"],
)
def test_frames_match_the_signed_off_figure_at_the_same_clock_times(qapp, size, theme, reduced):
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6, rest=1), 60)
    canvas = BellyCanvas()
    canvas.set_theme(theme)
    canvas.resize(size)
    screen = Screen(canvas)
    checks = {round(t * 60) for t in (0.5, 2.0, 3.9, 4.3, 5.5, 7.0, 9.8, 10.5, 12.2, 14.0)}
    for frame in range(round(14.2 * 60)):
        scene = pacer_scene(timeline.snapshot(frame * FRAME), reduced)
        canvas.set_scene(scene)
        screen.flush()
        if frame in checks:
            assert_looks_signed_off(screen, scene, theme)
