from __future__ import annotations

import itertools

import pytest

from pacer.core.audio.cues import Cue, CueSource
from pacer.core.breathing import BreathPattern, Phase
from pacer.core.clock import FakeClock
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import default_script_path, load_default_script, parse_script
from pacer.core.relaxation.timeline import (
    GROUP_MARKER_LEAD,
    RelaxationTimeline,
    Stage,
    clench_cue,
)
from pacer.core.relaxation.words import describe, effort_words
from pacer.core.session_clock import SessionClock, SessionState

GROUP_ORDER = ["feet", "buttocks", "pelvic-floor", "abdominals", "shoulders-neck-jaw"]


@pytest.fixture(scope="module")
def script():
    return load_default_script()


@pytest.fixture
def timeline(script):
    return RelaxationTimeline(RelaxationPlan(script))


def _stage_runs(timeline, frame=0.25):  # exact in binary: boundaries land on frames
    """Walk the whole sequence frame by frame through a FakeClock and a SessionClock and
    return the runs of (stage, group key, effort) with how long each lasted."""
    clock = FakeClock()
    session = SessionClock(clock, timeline.total_seconds)
    session.start()
    runs: list[list] = []
    while True:
        snap = timeline.snapshot(session.elapsed())
        key = (snap.stage, snap.group.key if snap.group else None, snap.effort)
        if not runs or runs[-1][0] != key:
            runs.append([key, snap.elapsed, snap.elapsed])
        runs[-1][2] = snap.elapsed
        if session.state is SessionState.FINISHED:
            return runs
        clock.advance(frame)


def test_total_is_known_before_starting_and_adds_up(timeline):
    # 20 s settling in, 5 groups x 2 efforts x (5 s clench + 20 s rest), 3 minutes closing
    assert timeline.total_seconds == pytest.approx(20 + 5 * 2 * 25 + 180)
    assert timeline.closing_start == pytest.approx(270)
    assert sum(step.duration for step in timeline.steps) == pytest.approx(timeline.total_seconds)
    assert all(a.end == pytest.approx(b.start) for a, b in itertools.pairwise(timeline.steps)), (
        "steps are laid end to end"
    )


def test_fake_clock_walk_through_the_whole_sequence(timeline):
    runs = _stage_runs(timeline)
    stages = [key for key, _, _ in runs]
    assert stages[0] == (Stage.LEAD_IN, None, None)
    assert stages[-2] == (Stage.CLOSING, None, None)
    assert stages[-1] == (Stage.FINISHED, None, None)
    middle = stages[1:-2]
    expected = [
        (stage, group, effort)
        for group in GROUP_ORDER
        for effort in (100, 50)
        for stage in (Stage.CLENCH, Stage.RELEASE)
    ]
    assert middle == expected
    durations = {Stage.LEAD_IN: 20, Stage.CLENCH: 5, Stage.RELEASE: 20, Stage.CLOSING: 180}
    for (key, first, last), (_, following, _) in itertools.pairwise(runs):
        # each run lasts exactly its planned length
        assert following - first == pytest.approx(durations[key[0]], abs=1e-9), key
        assert last < following


def test_snapshot_details_at_chosen_instants(timeline):
    snap = timeline.snapshot(23.0)
    assert (snap.stage, snap.group.key, snap.effort) == (Stage.CLENCH, "feet", 100)
    assert snap.step_remaining == pytest.approx(2.0)
    assert snap.remaining == pytest.approx(427.0)
    assert snap.progress == pytest.approx(23 / 450)
    assert snap.group_index == 0
    assert snap.group_count == 5
    assert snap.next_step.stage is Stage.RELEASE
    assert snap.breath is None

    snap = timeline.snapshot(130.0)  # pelvic floor, resting after the full-effort clench
    assert (snap.stage, snap.group.name, snap.effort) == (Stage.RELEASE, "Pelvic floor", 100)
    assert snap.next_step.stage is Stage.CLENCH
    assert snap.next_step.effort == 50
    words = describe(snap)
    assert words.where == "Pelvic floor · 3 of 5"
    assert words.heading == "Let go"
    assert words.next == "Next: Pelvic floor, half effort"
    assert words.countdown == "15"

    words = describe(timeline.snapshot(146.2))
    assert (words.heading, words.effort) == ("Clench", "half effort")
    assert "stop the flow of urine" in words.instruction
    assert "Keep breathing" in words.instruction
    assert words.countdown == "4"


def test_effort_words_are_plain():
    assert effort_words(100) == "full effort"
    assert effort_words(50) == "half effort"
    assert effort_words(30) == "30 % effort"


def test_closing_breathing_reuses_the_breathing_timeline(timeline):
    start = timeline.closing_start
    first = timeline.snapshot(start)
    assert first.stage is Stage.CLOSING
    assert first.breath.phase is Phase.INHALE
    assert first.breath.elapsed == pytest.approx(0.0)
    assert first.breath.breath_index == 0
    assert first.breath.remaining == pytest.approx(180)
    exhale = timeline.snapshot(start + 15.0)  # 2nd breath, 1 s into the out-breath
    assert exhale.breath.phase is Phase.EXHALE
    assert exhale.breath.breath_index == 1
    assert exhale.breath.phase_elapsed == pytest.approx(1.0)
    assert exhale.belly == exhale.breath.belly
    assert describe(timeline.snapshot(start)).countdown == "3:00"
    end = timeline.snapshot(timeline.total_seconds + 50)
    assert end.finished
    assert end.progress == 1.0
    assert end.remaining == 0
    assert end.breath.finished
    assert end.belly == 0.0


def test_a_steady_breath_runs_under_the_whole_sequence(timeline):
    # The small pacer never jumps: belly changes smoothly across every step boundary.
    levels = [timeline.snapshot(t / 20).belly for t in range(round(timeline.total_seconds * 20))]
    assert max(abs(b - a) for a, b in itertools.pairwise(levels)) < 0.03
    assert timeline.snapshot(0).belly == 0.0
    assert timeline.snapshot(24.0).breath_phase is Phase.EXHALE  # mid-clench, still breathing
    assert timeline.belly_at(24.0) == timeline.snapshot(24.0).belly


def test_lead_in_is_lengthened_so_closing_starts_on_an_in_breath(script):
    plan = RelaxationPlan(script, clench_seconds=4.4, release_seconds=12.3)
    timeline = RelaxationTimeline(plan)
    cycle = plan.closing_pattern.cycle_seconds
    assert script.lead_in_seconds <= timeline.lead_in_seconds < script.lead_in_seconds + cycle
    assert timeline.snapshot(timeline.closing_start).breath.phase is Phase.INHALE
    assert timeline.snapshot(timeline.closing_start).belly == pytest.approx(0.0)
    assert (timeline.total_seconds - timeline.closing_start) / cycle == pytest.approx(18)


def test_pause_and_resume_through_the_session_clock(timeline):
    clock = FakeClock()
    session = SessionClock(clock, timeline.total_seconds)
    session.start()
    clock.advance(80.0)  # buttocks, resting after the full effort
    before = timeline.snapshot(session.elapsed())
    assert (before.stage, before.group.key) == (Stage.RELEASE, "buttocks")
    session.pause()
    clock.advance(600.0)  # a long pause: nothing moves
    during = timeline.snapshot(session.elapsed())
    assert during == before
    session.resume()
    clock.advance(17.0)
    after = timeline.snapshot(session.elapsed())
    assert after.elapsed == pytest.approx(97.0)
    assert (after.stage, after.group.key, after.effort) == (Stage.CLENCH, "buttocks", 50)
    clock.advance(1000.0)
    assert session.state is SessionState.FINISHED
    assert timeline.snapshot(session.elapsed()).finished
    assert session.elapsed() == timeline.total_seconds


def test_cue_events_clench_release_group_breaths_and_end(timeline):
    source: CueSource = timeline  # what the audio scheduler is given
    assert source.total_seconds == timeline.total_seconds
    events = timeline.cue_events_between(0, timeline.total_seconds + 1)
    clench_steps = [step for step in timeline.steps if step.stage is Stage.CLENCH]
    clenches = [(t, cue) for t, cue in events if cue in (Cue.CLENCH_FULL, Cue.CLENCH_HALF)]
    assert clenches == [
        (step.start, Cue.CLENCH_FULL if step.effort == 100 else Cue.CLENCH_HALF)
        for step in clench_steps
    ]
    assert [cue for _, cue in clenches] == [Cue.CLENCH_FULL, Cue.CLENCH_HALF] * 5
    releases = [t for t, cue in events if cue is Cue.RELEASE]
    assert releases == [t + 5 for t, _ in clenches]
    groups = [t for t, cue in events if cue is Cue.GROUP]
    firsts = [step.start for step in clench_steps if step.round_index == 0]
    assert groups == [t - GROUP_MARKER_LEAD for t in firsts]
    assert len(groups) == 5
    # the breath is heard all the way through, not only in the closing minutes
    breaths = [(t, cue) for t, cue in events if cue in (Cue.INHALE, Cue.EXHALE)]
    assert breaths[:3] == [(0.0, Cue.INHALE), (4.0, Cue.EXHALE), (10.0, Cue.INHALE)]
    assert len(breaths) == 2 * 45
    assert breaths[-1] == (pytest.approx(444.0), Cue.EXHALE)
    assert events[-1] == (timeline.total_seconds, Cue.END)
    assert len(events) == 10 + 10 + 5 + 90 + 1
    assert [t for t, _ in events] == sorted(t for t, _ in events)
    # asking in arbitrary windows gives each cue exactly once
    pieces = []
    edges = [0, 0.5, 17.5, 20, 20.0001, 100, 271, 273.99, 400, 450, 451]
    for a, b in itertools.pairwise(edges):
        pieces += timeline.cue_events_between(a, b)
    assert pieces == events
    assert timeline.cue_events_between(30, 30) == []


def test_a_lighter_effort_gets_the_one_note_cue():
    assert clench_cue(100) is Cue.CLENCH_FULL
    assert clench_cue(75) is Cue.CLENCH_FULL
    assert clench_cue(74) is Cue.CLENCH_HALF
    assert clench_cue(50) is Cue.CLENCH_HALF
    assert clench_cue(10) is Cue.CLENCH_HALF


def test_switched_off_groups_and_no_closing(script):
    plan = RelaxationPlan(
        script, enabled_groups=("pelvic-floor",), closing_minutes=0, release_seconds=20
    )
    timeline = RelaxationTimeline(plan)
    assert [s.stage for s in timeline.steps] == [
        Stage.LEAD_IN,
        Stage.CLENCH,
        Stage.RELEASE,
        Stage.CLENCH,
        Stage.RELEASE,
    ]
    assert timeline.total_seconds == pytest.approx(20 + 2 * 25)
    last = timeline.snapshot(timeline.total_seconds - 0.1)
    assert last.stage is Stage.RELEASE
    assert last.next_step is None
    assert describe(last).next == "Next: rest for as long as you like"
    cues = [(t, cue) for t, cue in timeline.cue_events_between(0, 1000)]
    assert [(t, cue) for t, cue in cues if cue not in (Cue.INHALE, Cue.EXHALE)] == [
        (17.5, Cue.GROUP),
        (20.0, Cue.CLENCH_FULL),
        (25.0, Cue.RELEASE),
        (45.0, Cue.CLENCH_HALF),
        (50.0, Cue.RELEASE),
        (70.0, Cue.END),
    ]
    # an unfinished last breath: no breath cue at or after the end
    assert [t for t, cue in cues if cue is Cue.INHALE] == [0, 10, 20, 30, 40, 50, 60]
    assert [t for t, cue in cues if cue is Cue.EXHALE] == [4, 14, 24, 34, 44, 54, 64]
    assert timeline.snapshot(30).group_count == 1


def test_no_room_before_the_first_group_means_no_bell(script):
    short = parse_script(
        default_script_path()
        .read_text(encoding="utf-8")
        .replace("\nseconds = 20 ", "\nseconds = 2 ")
    )
    timeline = RelaxationTimeline(RelaxationPlan(short, closing_minutes=0))
    assert timeline.steps[1].start == 2.0
    groups = [t for t, cue in timeline.cue_events_between(0, 1000) if cue is Cue.GROUP]
    assert groups[0] == pytest.approx(timeline.steps[5].start - GROUP_MARKER_LEAD)  # 2nd group
    assert len(groups) == 4


def test_closing_follows_the_chosen_pattern(script):
    plan = RelaxationPlan(
        script, closing_minutes=1, closing_pattern=BreathPattern(inhale=4, exhale=7, rest=1)
    )
    timeline = RelaxationTimeline(plan)
    closing = timeline.cue_events_between(timeline.closing_start, timeline.total_seconds)
    assert [cue for _, cue in closing[:3]] == [Cue.INHALE, Cue.EXHALE, Cue.INHALE]
    assert closing[2][0] - closing[0][0] == pytest.approx(12)
    assert timeline.total_seconds - timeline.closing_start == pytest.approx(60)
