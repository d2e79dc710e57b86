"""Relaxation on the practice surface: every step shown large, the figure breathing under it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from pacer.core.breathing.scene import pacer_scene
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import load_default_script
from pacer.core.relaxation.surface import relaxation_surface
from pacer.core.relaxation.timeline import Stage


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3].copy()


@pytest.fixture
def running(window, fake_clock):
    window.show_page("relaxation")
    page = window.relaxation
    plan = RelaxationPlan(load_default_script(), closing_minutes=1)
    session = page.start_plan(plan)
    return page, session, fake_clock


def test_every_step_stands_above_a_figure_that_keeps_breathing(running):
    page, session, clock = running
    timeline = session.timeline
    seen = set()
    for step in timeline.steps:
        for fraction in (0.2, 0.7):
            at = step.start + fraction * step.duration
            clock.advance(at - session.elapsed())
            session.refresh()
            snapshot = timeline.snapshot(at)
            expected = relaxation_surface(snapshot)
            panel = page.surface.step_panel
            assert panel.isVisible()
            assert panel.heading.text() == expected.step.heading
            assert panel.where.text() == expected.step.where
            assert panel.countdown.text() == expected.step.countdown
            assert page.surface.canvas.scene == pacer_scene(snapshot.breathing, False)
            assert page.surface.title.text() == expected.words.title
            seen.add(step.stage)
    assert seen == {Stage.LEAD_IN, Stage.CLENCH, Stage.RELEASE, Stage.CLOSING}


def test_clench_and_let_go_are_told_apart_by_a_warm_or_cool_ring_never_red(running):
    page, session, clock = running
    timeline = session.timeline
    clench = next(s for s in timeline.steps if s.stage is Stage.CLENCH)
    release = next(s for s in timeline.steps if s.stage is Stage.RELEASE)
    images = {}
    for name, step in (("clench", clench), ("release", release)):
        clock.advance(step.start + 0.5 * step.duration - session.elapsed())
        session.refresh()
        images[name] = pixels(page.surface.step_panel.ring.grab().toImage()).reshape(-1, 3)

    def strongest(rgb: np.ndarray) -> np.ndarray:
        spread = rgb.max(axis=1).astype(int) - rgb.min(axis=1)
        return rgb[spread > 40]  # the coloured arc, not the grey track or background

    warm, cool = strongest(images["clench"]), strongest(images["release"])
    assert len(warm) > len(cool)  # the clench ring is drawn thicker
    blue, green, red = (warm[:, i].astype(int) for i in range(3))  # BGR in memory
    assert (red > blue).mean() > 0.9  # ochre
    assert not ((red > 150) & (green < 90) & (blue < 90)).any()  # never a red
    blue, green, red = (cool[:, i].astype(int) for i in range(3))
    assert (blue > red).mean() > 0.9  # teal
