"""Working out when the practice surface next looks different, instead of polling for it."""

from __future__ import annotations

import math

import pytest

from pacer.core.breathing import BreathingTimeline, BreathPattern
from pacer.core.breathing.scene import pacer_scene, seconds_until_scene_change
from pacer.core.pacing import step_index, until_linear_step, until_whole_second

RISE_STEPS, GLOW_STEPS, LET_GO_STEPS = 158, 64, 48


def shown(timeline: BreathingTimeline, elapsed: float, reduced: bool) -> tuple[int, int, int]:
    """As the canvas rounds a scene: moving, the glow follows the rise step for step."""
    scene = pacer_scene(timeline.snapshot(elapsed), reduced)
    return (
        step_index(min(max(scene.rise, 0.0), 1.0), RISE_STEPS),
        step_index(scene.glow, GLOW_STEPS) if reduced else -1,
        step_index(scene.let_go, LET_GO_STEPS),
    )


@pytest.mark.parametrize("reduced", [False, True])
@pytest.mark.parametrize(
    "pattern",
    [BreathPattern(inhale=4, exhale=6), BreathPattern(inhale=3, hold=2, exhale=5, rest=1.5)],
)
def test_the_figure_never_changes_before_the_predicted_moment_and_does_change_then(
    pattern, reduced
):
    timeline = BreathingTimeline(pattern)
    t, end = 0.0, 2 * pattern.cycle_seconds
    waits = []
    while t < end:
        snapshot = timeline.snapshot(t)
        wait = seconds_until_scene_change(snapshot, reduced, RISE_STEPS, GLOW_STEPS, LET_GO_STEPS)
        assert wait > 0
        before = shown(timeline, t, reduced)
        # Nothing visible changes in between (checked every millisecond)…
        for k in range(1, int(wait * 1000)):
            assert shown(timeline, t + k / 1000 - 1e-9, reduced) == before, (t, wait, k)
        # …and just after it, the picture or the phase has changed.
        after = t + wait + 1e-6
        phase_ended = timeline.snapshot(after).phase is not snapshot.phase
        assert phase_ended or shown(timeline, after, reduced) != before
        waits.append(wait)
        t = after
    assert max(waits) <= max(length for _, length in pattern.phases()) + 1e-9


def test_a_hold_or_a_rest_asks_for_nothing_until_it_ends():
    timeline = BreathingTimeline(BreathPattern(inhale=3, hold=2, exhale=5, rest=1.5))
    hold = timeline.snapshot(3.5)  # half a second into the hold
    assert seconds_until_scene_change(hold, False, RISE_STEPS, 64, 48) == pytest.approx(1.5)
    rest = timeline.snapshot(10.2)  # 0.2 s into the rest
    assert seconds_until_scene_change(rest, False, RISE_STEPS, 64, 48) == pytest.approx(1.3)


def test_the_middle_of_the_in_breath_asks_for_about_the_display_rate():
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
    middle = timeline.snapshot(2.0)
    wait = seconds_until_scene_change(middle, False, RISE_STEPS, 64, 48)
    # The fastest the belly moves: 158 steps × π/2 over 4 s ≈ 62 steps a second; exactly
    # in the middle it stands on a step, so the next boundary is half a step away.
    assert wait == pytest.approx(0.5 * 4 / (RISE_STEPS * math.pi / 2), rel=0.05)


def test_countdowns_change_at_each_whole_second():
    assert until_whole_second(4.3) == pytest.approx(0.3)
    assert until_whole_second(5.0) == pytest.approx(1.0)
    assert until_whole_second(0.0) == math.inf
    assert until_whole_second(None) == math.inf
    # A line 600 pixels long over 10 minutes moves one pixel a second.
    assert until_linear_step(0.5 / 600 + 0.25, 1 / 600, 600) == pytest.approx(1.0)
