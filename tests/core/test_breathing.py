from __future__ import annotations

import itertools

import pytest

from pacer.core.breathing import BreathingTimeline, BreathPattern, PatternError, Phase
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY, PRESETS, preset_by_key
from pacer.core.clock import FakeClock
from pacer.core.session_clock import SessionClock


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inhale": 1, "exhale": 6}, "inhale must be between 2 and 10 seconds (got 1)"),
        ({"inhale": 4, "exhale": 25}, "exhale must be between 2 and 20 seconds (got 25)"),
        ({"inhale": 4, "exhale": 6, "hold": -1}, "hold must be between 0 and 10 seconds (got -1)"),
        ({"inhale": 4, "exhale": 6, "rest": 11}, "rest must be between 0 and 10 seconds (got 11)"),
        (
            {"inhale": float("nan"), "exhale": 6},
            "inhale must be between 2 and 10 seconds (got nan)",
        ),
    ],
)
def test_pattern_validation_names_the_phase_and_range(kwargs, message):
    with pytest.raises(PatternError) as error:
        BreathPattern(**kwargs)
    assert str(error.value) == message


def test_every_preset_has_a_longer_out_breath():
    assert preset_by_key(DEFAULT_PRESET_KEY) is not None
    for preset in PRESETS:
        assert preset.pattern.exhale > preset.pattern.inhale, preset.key
        assert preset.pattern.hold == 0, "a held breath is not part of this practice"
    rates = sorted(round(p.pattern.breaths_per_minute, 1) for p in PRESETS)
    assert 5.5 in rates
    assert all(4.5 <= r <= 7.5 for r in rates)


def test_phase_boundaries_of_a_full_pattern():
    timeline = BreathingTimeline(BreathPattern(inhale=4, hold=1, exhale=6, rest=2))
    expectations = [
        (0.0, Phase.INHALE, 0.0),
        (3.999, Phase.INHALE, 3.999),
        (4.0, Phase.HOLD, 0.0),
        (5.0, Phase.EXHALE, 0.0),
        (10.999, Phase.EXHALE, 5.999),
        (11.0, Phase.REST, 0.0),
        (13.0, Phase.INHALE, 0.0),
    ]
    for elapsed, phase, within in expectations:
        snap = timeline.snapshot(elapsed)
        assert snap.phase is phase, elapsed
        assert snap.phase_elapsed == pytest.approx(within), elapsed
    assert timeline.snapshot(13.0).breath_index == 1


def test_belly_rises_on_inhale_and_falls_smoothly_on_exhale():
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
    levels = [timeline.snapshot(t / 10).belly for t in range(101)]
    assert levels[0] == 0.0
    assert levels[40] == pytest.approx(1.0)
    assert all(b >= a for a, b in itertools.pairwise(levels[:41]))
    assert all(b <= a for a, b in itertools.pairwise(levels[40:]))
    # eased, not linear: slow near the turning points, fastest in the middle
    assert levels[2] - levels[0] < levels[21] - levels[19]
    assert levels[70] == pytest.approx(0.5)


def test_timed_session_closes_after_a_whole_breath():
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6), length_seconds=95)
    assert timeline.total_seconds == 100
    assert timeline.breath_count == 10
    end = timeline.snapshot(100)
    assert end.finished
    assert end.phase is Phase.EXHALE
    assert end.belly == 0.0
    assert timeline.snapshot(99.9).finished is False


def test_phase_starts_between_lists_each_start_once():
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6), length_seconds=20)
    starts = timeline.phase_starts_between(0, 100)
    assert starts == [(0, Phase.INHALE), (4, Phase.EXHALE), (10, Phase.INHALE), (14, Phase.EXHALE)]
    halves = timeline.phase_starts_between(0, 10) + timeline.phase_starts_between(10, 20)
    assert halves == starts


def test_sixty_minute_session_through_the_clock_ends_on_the_exact_breath():
    clock = FakeClock()
    pattern = BreathPattern(inhale=4.4, exhale=6.5)
    timeline = BreathingTimeline(pattern, length_seconds=3600)
    session = SessionClock(clock, timeline.total_seconds)
    session.start()
    last_index = -1
    frame = 1 / 60
    phase_changes = 0
    previous = None
    while not session.reached_end:
        clock.advance(frame)
        snap = timeline.snapshot(session.elapsed())
        if snap.phase is not previous:
            phase_changes += 1
            previous = snap.phase
        last_index = snap.breath_index
    assert last_index == timeline.breath_count - 1
    # one change per phase: no phase skipped or doubled over an hour of frames
    assert phase_changes == 2 * timeline.breath_count
    assert session.elapsed() == timeline.total_seconds
