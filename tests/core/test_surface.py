"""What the practice surface shows for each practice, worked out without a display."""

from __future__ import annotations

import pytest

from pacer.core.breathing import BreathingTimeline, BreathPattern, Phase
from pacer.core.breathing.surface import breathing_surface
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.surface import relaxation_surface
from pacer.core.relaxation.timeline import RelaxationTimeline, Stage
from pacer.core.surface import StepTone, clock_text


@pytest.fixture(scope="module")
def timeline():
    return RelaxationTimeline(RelaxationPlan.default())


def first_step_at(timeline, stage, effort=None, group_index=0):
    return next(
        step
        for step in timeline.steps
        if step.stage is stage
        and (effort is None or step.effort == effort)
        and (step.group_index in (None, group_index))
    )


def test_breathing_has_no_step_and_speaks_each_phase():
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6), 60)
    state = breathing_surface(timeline.total_seconds, timeline.snapshot(5.0))
    assert state.step is None
    assert state.breath.phase is Phase.EXHALE
    assert state.announcement == "Slowly out, let go"
    assert state.remaining == "0:55 left"
    assert state.progress == pytest.approx(5 / 60)
    open_ended = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
    state = breathing_surface(open_ended.total_seconds, open_ended.snapshot(5.0))
    assert state.progress is None
    assert state.remaining == ""


def test_every_relaxation_step_keeps_the_breath_going(timeline):
    """The figure breathes through settle, clench, let go and closing alike."""
    seen_phases = {stage: set() for stage in Stage}
    t = 0.0
    while t < timeline.total_seconds:
        state = relaxation_surface(timeline.snapshot(t))
        seen_phases[timeline.snapshot(t).stage].add(state.breath.phase)
        assert state.breath.elapsed == pytest.approx(t)
        t += 0.5
    for stage in (Stage.LEAD_IN, Stage.CLENCH, Stage.RELEASE, Stage.CLOSING):
        assert {Phase.INHALE, Phase.EXHALE} <= seen_phases[stage], stage


def test_clench_step_says_group_effort_and_counts_down(timeline):
    full = first_step_at(timeline, Stage.CLENCH, effort=100)
    state = relaxation_surface(timeline.snapshot(full.start + 1.5))
    assert state.step.heading == "Clench — full effort"
    assert state.step.where == "Feet · 1 of 5"
    assert state.step.tone is StepTone.CLENCH
    assert state.step.countdown == str(int(full.duration - 1.5 + 0.999))
    half = first_step_at(timeline, Stage.CLENCH, effort=50)
    assert relaxation_surface(timeline.snapshot(half.start + 0.1)).step.heading == (
        "Clench — half effort"
    )


def test_let_go_step_invites_noticing_and_names_what_comes_next(timeline):
    rest = first_step_at(timeline, Stage.RELEASE)
    state = relaxation_surface(timeline.snapshot(rest.start + 0.5))
    assert state.step.heading == "Let go and notice"
    assert state.step.tone is StepTone.RELEASE
    assert state.step.next == "Next: Feet, half effort"


def test_steps_are_announced_once_each_and_the_closing_breaths_by_phase(timeline):
    spoken = []
    t = 0.0
    while t <= timeline.total_seconds:
        announcement = relaxation_surface(timeline.snapshot(t)).announcement
        if not spoken or spoken[-1] != announcement:
            spoken.append(announcement)
        t += 0.25
    steps = [s for s in spoken if "," not in s or "group" in s]
    assert any(s.startswith("Feet, group 1 of 5. Clench. Full effort.") for s in steps)
    assert spoken.count("Breathe in, belly rises") >= 3  # the closing breaths
    clench_count = sum(1 for step in timeline.steps if step.stage is Stage.CLENCH)
    assert sum(1 for s in spoken if ". Clench." in s) == clench_count


def test_clock_text_rounds_up_and_never_shows_zero_while_time_remains():
    assert clock_text(0.2) == "0:01"
    assert clock_text(59.01) == "1:00"
    assert clock_text(0.0) == "0:00"
    assert clock_text(125) == "2:05"


def test_trainer_surface_says_when_it_next_changes_so_the_window_can_rest():
    from pacer.core.trainer.plan import TrainerPlan
    from pacer.core.trainer.surface import trainer_surface
    from pacer.core.trainer.timeline import TrainerTimeline
    from pacer.core.trainer.words import remaining_text

    timeline = TrainerTimeline(TrainerPlan(BreathPattern(inhale=4, exhale=6), 1, 2))
    t = 0.0
    while t < timeline.total_seconds - 0.5:
        state = trainer_surface(timeline.snapshot(t))
        assert state.changes_in is not None
        assert state.changes_in > 0
        if state.changes_in < 1e-6:  # on a boundary, give or take float rounding
            t += 0.37
            continue
        later = timeline.snapshot(t + state.changes_in * 0.99)
        now = timeline.snapshot(t)
        # Nothing the surface shows in words changes before the time it announced.
        assert trainer_surface(later).words == state.words
        assert trainer_surface(later).step.heading == state.step.heading
        assert remaining_text(later.remaining) == remaining_text(now.remaining)
        t += 0.37
