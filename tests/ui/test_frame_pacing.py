"""The frame timer wakes only when something visible is due, and nothing visible is missed.

Structure only (issue 15): no wall-clock time is measured here. The fake clock is moved on by
exactly the wait the session's frame timer was given, as the timer itself would.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication

from pacer.core.breathing import BreathingTimeline, BreathPattern, Phase
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.scene import REDUCED_MOTION_LEVEL, pacer_scene
from pacer.core.pacing import step_index
from pacer.core.practice_log.records import SessionKind
from pacer.core.preferences import MotionSetting
from pacer.core.session_description import SessionDescription
from pacer.core.surface import StepTone
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common.theme import DAY
from pacer.ui.session.practice_session import (
    LONGEST_WAIT,
    PracticeSession,
    display_frame_interval_ms,
)
from pacer.ui.session.step_panel import RING_STEPS, StepRing
from tests.support.figure_screen import Screen, assert_looks_signed_off
from tests.support.reference_figure import antialiasing_report, differs_only_by_antialiasing

PATTERN = BreathPattern(inhale=3, hold=2, exhale=5, rest=2)


def _tick(session: PracticeSession, clock) -> float:
    """Let the frame timer's wait pass on the fake clock, then run the frame."""
    wait = session.next_frame_ms / 1000
    clock.advance(wait)
    session.refresh()
    return wait


def _shown(page, canvas: BellyCanvas, elapsed: float) -> tuple:
    """Everything visible on the breathing surface at ``elapsed``, as comparable values."""
    state = page.surface_state(page.session.timeline.snapshot(elapsed))
    scene = pacer_scene(state.breath, False)
    return canvas.visible_state(scene), state.words, state.remaining


def test_each_frame_comes_when_something_changes_and_no_later(window, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    # Twenty minutes: the progress line grows a pixel only every few seconds.
    session = page.start_plan(BreathingPlan(PATTERN, 20))
    canvas = page.surface.canvas
    frame = display_frame_interval_ms() / 1000
    elapsed, waits = 0.0, []
    while elapsed < 2 * PATTERN.cycle_seconds:
        before = _shown(page, canvas, elapsed)
        wait = _tick(session, fake_clock)
        waits.append((elapsed, wait))
        # Nothing visible changed earlier than one display frame before this frame came
        # (looked at every 2 ms).
        for k in range(1, math.floor((wait - frame) * 500)):
            assert _shown(page, canvas, elapsed + k / 500) == before, (elapsed, wait, k)
        elapsed = session.elapsed()
        assert canvas.visible_state(canvas.scene) == _shown(page, canvas, elapsed)[0]
    in_hold = [w for t, w in waits if 3.0 <= t < 5.0]
    in_rest = [w for t, w in waits if 10.0 <= t < 12.0]
    # While the belly is still, only the time left (each whole second) needs a frame.
    assert len(in_hold) <= 3
    assert len(in_rest) <= 3
    assert max(w for _, w in waits) <= LONGEST_WAIT + 0.01
    # In the middle of the in-breath a frame comes for each half-pixel step of the belly
    # (at the fastest, π/2 × steps over the in-breath a second), or every display frame.
    middle = [w for t, w in waits if 1.2 <= t < 1.8]
    step_time = PATTERN.inhale / (canvas.rise_steps * math.pi / 2)
    assert max(middle) <= max(frame, 1.1 * step_time) + 0.0025
    # Over a whole breath, far fewer frames than the display rate would give.
    assert len(waits) < 0.75 * 2 * PATTERN.cycle_seconds / frame


def test_a_paused_session_has_no_frame_timer(window, fake_clock):
    window.show_page("breathing")
    session = window.breathing.start_plan(BreathingPlan(PATTERN, 1))
    _tick(session, fake_clock)
    assert session.frame_timer_active
    session.pause()
    assert not session.frame_timer_active
    session.refresh()  # a refresh while paused does not wake it
    assert not session.frame_timer_active
    session.resume()
    assert session.frame_timer_active


def test_a_view_that_does_not_say_when_it_changes_gets_every_frame(qapp, fake_clock):
    timeline = BreathingTimeline(PATTERN, 60)
    description = SessionDescription(SessionKind.BREATHING, timeline.total_seconds, pattern=PATTERN)
    session = PracticeSession(timeline, description, clock=fake_clock)
    session.start()
    fake_clock.advance(3.5)  # in the hold: nothing moves, but nobody said so
    session.refresh()
    assert session.next_frame_ms == display_frame_interval_ms()
    session.stop()


def test_frames_paced_by_the_session_match_the_signed_off_figure(window, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 1))
    QApplication.processEvents()  # the running layout settles (the plan line replaces options)
    canvas = page.surface.canvas
    screen = Screen(canvas)
    elapsed, checked, next_check = 0.0, 0, 0.0
    while elapsed < 10.5:
        elapsed += _tick(session, fake_clock)
        screen.flush()
        if elapsed >= next_check:  # about every half second
            next_check = elapsed + 0.5
            snapshot = session.timeline.snapshot(elapsed)
            assert_looks_signed_off(screen, pacer_scene(snapshot, False), window.context.theme)
            checked += 1
    assert checked >= 15


def test_nothing_is_repainted_when_nothing_visible_changed(qapp):
    canvas = BellyCanvas()
    canvas.resize(800, 360)
    Screen(canvas)
    timeline = BreathingTimeline(PATTERN)
    canvas.set_scene(pacer_scene(timeline.snapshot(3.2), False))  # into the hold
    canvas.render(Screen(canvas).image)  # drawn
    canvas.repainted.clear()
    for k in range(1, 50):  # the rest of the hold
        canvas.set_scene(pacer_scene(timeline.snapshot(3.2 + k * 0.03), False))
    assert canvas.repainted == []


def test_each_repaint_covers_only_what_moved(qapp):
    canvas = BellyCanvas()
    canvas.resize(1200, 500)
    screen = Screen(canvas)
    band = canvas.band
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
    areas = []
    for frame in range(1, 600):
        canvas.set_scene(pacer_scene(timeline.snapshot(frame / 60), False))
        for rect in screen.flush():
            assert band.contains(rect)
            areas.append(rect.width() * rect.height())
    band_area = band.width() * band.height()
    assert areas
    assert max(areas) <= band_area
    assert sum(areas) / len(areas) < 0.8 * band_area


def test_reduced_motion_hold_needs_no_frames_either(window, fake_clock):
    window.context.update_preferences(motion=MotionSetting.REDUCED)
    window.show_page("breathing")
    session = window.breathing.start_plan(BreathingPlan(PATTERN, 20))
    while session.snapshot.elapsed < 3.2:
        _tick(session, fake_clock)
    assert session.snapshot.phase is Phase.HOLD
    assert window.breathing.surface.canvas.scene.rise == REDUCED_MOTION_LEVEL
    assert session.next_frame_ms > 200


def _shown_relaxing(page, elapsed: float) -> tuple:
    """What the relaxation surface shows at ``elapsed``: the figure, words, step and ring."""
    surface = page.surface
    state = page.surface_state(page.session.timeline.snapshot(elapsed))
    scene = pacer_scene(state.breath, False)
    step = state.step
    ring = step_index(step.progress, RING_STEPS) if step is not None else None
    texts = None if step is None else (step.where, step.heading, step.detail, step.countdown)
    line = step_index(state.progress or 0.0, surface.progress.width())
    return surface.canvas.visible_state(scene), state.words, state.remaining, texts, ring, line


def test_relaxation_frames_come_when_its_step_ring_or_words_change(window, fake_clock):
    window.show_page("relaxation")
    page = window.relaxation
    session = page.begin(page.new_session())
    QApplication.processEvents()
    frame = display_frame_interval_ms() / 1000
    elapsed, ticks = 0.0, 0
    while elapsed < 45.0:  # the settling-in, a clench and a rest
        before = _shown_relaxing(page, elapsed)
        wait = _tick(session, fake_clock)
        for k in range(1, math.floor((wait - frame) * 250)):
            assert _shown_relaxing(page, elapsed + k / 250) == before, (elapsed, wait, k)
        elapsed = session.elapsed()  # the session's own reading, not a sum of waits
        ticks += 1
    assert ticks < 0.75 * 45.0 / frame


@pytest.mark.parametrize("side", [50, 140])
def test_the_step_ring_mostly_repaints_only_the_end_of_its_arc_and_looks_the_same(qapp, side):
    ring = StepRing()
    ring.resize(side, side)
    asked: list = []
    ring.update = lambda *rect: asked.append(rect[0] if rect else None)  # type: ignore[method-assign]

    def image() -> QImage:
        picture = QImage(ring.size(), QImage.Format.Format_RGB32)
        picture.fill(DAY.background)
        return picture

    screen = image()
    ring.set_state(StepTone.CLENCH, 0.004)  # a first step: the whole ring
    ring.render(screen)
    small, whole_repaints = [], 0
    for k in range(2, 239):
        asked.clear()
        ring.set_state(StepTone.CLENCH, k / RING_STEPS)
        for rect in asked:
            if rect is None:
                whole_repaints += 1
                ring.render(screen)
            else:
                small.append(rect.width() * rect.height())
                ring.render(screen, rect.topLeft(), QRegion(rect))
        whole = image()
        ring.render(whole)
        assert differs_only_by_antialiasing(screen, whole), antialiasing_report(screen, whole)
    assert whole_repaints <= 240 // 24
    assert max(small) < 0.2 * side * side
