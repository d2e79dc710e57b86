from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from pacer.core.audio.cues import Cue, CueSource
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.synthesis import CUE_SPECS, SAMPLE_RATE, render_cue_bank
from pacer.core.breathing import BreathPattern, Phase
from pacer.core.clock import FakeClock
from pacer.core.session_clock import SessionClock, SessionState
from pacer.core.trainer import words
from pacer.core.trainer.plan import TrainerPlan, TrainerPlanError
from pacer.core.trainer.timeline import TrainerStage, TrainerTimeline
from tests.support.audio_signal import (
    band_share,
    onsets,
    render,
    sounding_seconds,
    time_to_half_peak,
)

CALM = BreathPattern(inhale=4, exhale=6)  # a 10 s breath: boundaries land on whole seconds
S = TrainerStage


def _walk(timeline: TrainerTimeline, session: SessionClock, clock: FakeClock, *, choose=None):
    """Frame by frame through a FakeClock; ``choose(elapsed, timeline)`` may swap the
    timeline (as the window does when the person moves on early). Returns the stage runs."""
    session.start()
    runs: list[list] = []
    while True:
        snap = timeline.snapshot(session.elapsed())
        if not runs or runs[-1][0] is not snap.stage:
            runs.append([snap.stage, snap.elapsed])
        if session.state is SessionState.FINISHED:
            return [(stage, start) for stage, start in runs], timeline
        if choose is not None:
            swapped = choose(snap.elapsed, timeline)
            if swapped is not timeline:
                timeline = swapped
                session.change_length(timeline.total_seconds)
        clock.advance(0.25)


# --- the plan ----------------------------------------------------------------------------


def test_plan_defaults_three_minutes_to_settle_ten_to_practise_one_to_close():
    plan = TrainerPlan.default()
    assert plan.pattern == CALM
    assert (plan.warmup_minutes, plan.practice_minutes, plan.closing_minutes) == (3, 10, 1)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"warmup_minutes": 11}, "warmup_minutes", "warm-up must be between 0 and 10 minutes"),
        ({"warmup_minutes": -1}, "warmup_minutes", "(got -1)"),
        ({"warmup_minutes": float("nan")}, "warmup_minutes", "(got nan)"),
        ({"practice_minutes": 0.25}, "practice_minutes", "between 0.5 and 120 minutes"),
        ({"practice_minutes": 121}, "practice_minutes", "practice length must be between"),
        ({"practice_minutes": "10"}, "practice_minutes", "must be a number"),
    ],
)
def test_plan_refuses_out_of_range_values_naming_them(kwargs, field, message):
    with pytest.raises(TrainerPlanError) as error:
        TrainerPlan(CALM, **kwargs)
    assert error.value.field == field
    assert message in str(error.value)


def test_the_plan_has_nothing_to_measure_but_time_and_breath():
    fields = set(TrainerPlan.__dataclass_fields__)
    assert fields == {"pattern", "warmup_minutes", "practice_minutes", "pattern_name"}


# --- the timeline on a fake clock ----------------------------------------------------------


def test_stages_follow_each_other_on_whole_breaths():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    clock = FakeClock()
    runs, _ = _walk(timeline, SessionClock(clock, timeline.total_seconds), clock)
    assert runs == [(S.SETTLE, 0.0), (S.PRACTICE, 180.0), (S.CLOSING, 780.0), (S.FINISHED, 840.0)]
    assert timeline.total_seconds == 840
    assert [span.breaths for span in timeline.stages] == [18, 60, 6]
    assert timeline.practice_start == 180
    assert timeline.closing_start == 780
    assert not timeline.ended_early


def test_each_stage_is_rounded_up_to_whole_breaths_so_each_begins_on_an_in_breath():
    plan = TrainerPlan(BreathPattern(inhale=4.4, exhale=6.5), warmup_minutes=3, practice_minutes=2)
    timeline = TrainerTimeline(plan)
    assert [span.breaths for span in timeline.stages] == [17, 12, 6]  # 16.5, 11.0, 5.5 breaths
    for span in timeline.stages:
        first = timeline.snapshot(span.start + 1e-6)
        assert first.stage is span.stage
        assert first.phase is Phase.INHALE
        assert first.breath.phase_elapsed == pytest.approx(0, abs=1e-5)
    last = timeline.snapshot(timeline.total_seconds - 1e-6)
    assert last.phase is Phase.EXHALE  # closes after a whole out-breath
    assert timeline.snapshot(timeline.total_seconds).finished


def test_no_warm_up_starts_straight_in_the_practice():
    timeline = TrainerTimeline(TrainerPlan(CALM, warmup_minutes=0, practice_minutes=0.5))
    assert timeline.snapshot(0).stage is S.PRACTICE
    assert [span.breaths for span in timeline.stages] == [0, 3, 6]
    assert timeline.total_seconds == 90


def test_each_out_breath_of_the_practice_and_only_those_is_offered_as_the_moment():
    timeline = TrainerTimeline(TrainerPlan(CALM, warmup_minutes=1, practice_minutes=1))
    offered = []
    for tick in range(round(timeline.total_seconds * 4) + 1):
        snap = timeline.snapshot(tick / 4)
        assert snap.moment_offered == (snap.stage is S.PRACTICE and snap.phase is Phase.EXHALE)
        assert snap.can_close_early == (snap.stage is S.PRACTICE)
        if snap.moment_offered:
            offered.append(tick / 4)
    # out-breaths 64-70 s, 74-80 s, ... 114-120 s: six breaths of practice
    starts = [t for t in offered if t - 0.25 not in offered]
    assert starts == [64, 74, 84, 94, 104, 114]
    assert len(offered) == 6 * 24
    assert not timeline.snapshot(54.0).moment_offered  # settling in: an ordinary out-breath
    assert not timeline.snapshot(124.0).moment_offered  # closing breaths too


def test_snapshot_details():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    snap = timeline.snapshot(185.0)
    assert snap.stage is S.PRACTICE
    assert snap.stage_elapsed == pytest.approx(5.0)
    assert snap.stage_duration == 600
    assert snap.stage_remaining == pytest.approx(595.0)
    assert snap.remaining == pytest.approx(655.0)
    assert snap.progress == pytest.approx(185 / 840)
    assert snap.phase is Phase.EXHALE
    assert snap.belly == pytest.approx(snap.breath.belly)
    assert 0 < snap.belly < 1
    end = timeline.snapshot(10_000)
    assert end.finished
    assert (end.elapsed, end.stage_duration, end.belly) == (840, 0, 0)
    assert not end.moment_offered


def test_pausing_holds_everything_still():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    clock = FakeClock()
    session = SessionClock(clock, timeline.total_seconds)
    session.start()
    clock.advance(300.0)
    before = timeline.snapshot(session.elapsed())
    session.pause()
    clock.advance(900.0)
    assert timeline.snapshot(session.elapsed()) == before
    session.resume()
    clock.advance(10.0)
    assert timeline.snapshot(session.elapsed()).elapsed == pytest.approx(310.0)


# --- moving on to the closing breaths early ------------------------------------------------


def test_closing_early_starts_the_closing_minute_at_the_next_whole_breath():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    early = timeline.closing_from(305.5)
    assert early is not timeline
    assert early.closing_start == 310
    assert early.total_seconds == 370
    assert [(s.stage, s.start, s.end) for s in early.stages] == [
        (S.SETTLE, 0, 180),
        (S.PRACTICE, 180, 310),
        (S.CLOSING, 310, 370),
    ]
    assert early.ended_early
    # identical until the closing starts: the swap is invisible and inaudible until then
    for tick in range(310 * 4):
        assert early.snapshot(tick / 4).stage == timeline.snapshot(tick / 4).stage
        assert early.snapshot(tick / 4).belly == timeline.snapshot(tick / 4).belly
    assert early.cue_events_between(0, 310) == timeline.cue_events_between(0, 310)
    assert early.snapshot(310).stage is S.CLOSING
    assert early.snapshot(314).phase is Phase.EXHALE
    assert not early.snapshot(314).moment_offered


def test_closing_early_on_a_breath_boundary_and_from_other_stages():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    assert timeline.closing_from(310.0).closing_start == 310  # exactly on an in-breath
    from_settle = timeline.closing_from(100.2)
    assert [(s.stage, s.breaths) for s in from_settle.stages] == [
        (S.SETTLE, 11),
        (S.PRACTICE, 0),
        (S.CLOSING, 6),
    ]
    assert S.PRACTICE not in {from_settle.snapshot(t).stage for t in range(171)}
    assert timeline.closing_from(779.9) is timeline  # the planned closing is the next breath
    assert timeline.closing_from(800) is timeline  # already closing
    assert timeline.closing_from(5000) is timeline
    assert timeline.closing_from(305.5).closing_from(305.5).closing_start == 310


def test_fake_clock_run_where_the_person_moves_on_early():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    clock = FakeClock()
    session = SessionClock(clock, timeline.total_seconds)

    def choose(elapsed, current):
        return current.closing_from(elapsed) if elapsed == 245.25 else current

    runs, final = _walk(timeline, session, clock, choose=choose)
    assert runs == [(S.SETTLE, 0.0), (S.PRACTICE, 180.0), (S.CLOSING, 250.0), (S.FINISHED, 310.0)]
    assert session.elapsed() == final.total_seconds == 310
    assert final.ended_early


# --- sound ---------------------------------------------------------------------------------


def test_cue_events_mark_every_breath_with_the_gentler_cue_on_practice_out_breaths():
    timeline = TrainerTimeline(TrainerPlan(CALM, warmup_minutes=0.5, practice_minutes=0.5))
    source: CueSource = timeline
    events = source.cue_events_between(0, 1000)
    expected = []
    for k in range(12):
        out = Cue.PRACTICE_EXHALE if 3 <= k < 6 else Cue.EXHALE  # breaths 3-5 are practice
        expected += [(10.0 * k, Cue.INHALE), (10.0 * k + 4, out)]
    assert events == [*expected, (120.0, Cue.END)]
    assert [c for t, c in events if c is Cue.PRACTICE_EXHALE] == [Cue.PRACTICE_EXHALE] * 3
    assert [t for t, c in events if c is Cue.PRACTICE_EXHALE] == [34.0, 44.0, 54.0]
    assert events[-1] == (120.0, Cue.END)
    pieces = []
    for a, b in itertools.pairwise([0, 3.99, 4, 30, 34.5, 60, 119.9, 120, 121]):
        pieces += timeline.cue_events_between(a, b)
    assert pieces == events
    assert timeline.belly_at(2.0) == timeline.snapshot(2.0).belly


def test_every_cue_is_heard_within_1_ms_of_its_breath_in_the_rendered_session():
    pattern = BreathPattern(inhale=3.3, exhale=5.7, rest=0.7)
    timeline = TrainerTimeline(TrainerPlan(pattern, warmup_minutes=0.5, practice_minutes=1))
    samples = render(CueScheduler(timeline, volume_db=-12))
    bank = render_cue_bank()
    cycle = pattern.cycle_seconds
    practice = timeline.span(S.PRACTICE)
    planned = []
    for k in range(timeline.total_breaths):
        in_practice = practice.first_breath <= k < practice.first_breath + practice.breaths
        planned.append((k * cycle, Cue.INHALE))
        planned.append((k * cycle + 3.3, Cue.PRACTICE_EXHALE if in_practice else Cue.EXHALE))
    planned.append((timeline.total_seconds, Cue.END))
    found = onsets(samples)
    assert len(found) == len(planned)

    def likeness(onset: int, cue: Cue) -> float:
        heard = samples[onset : onset + bank[cue].size]
        own = bank[cue][: heard.size]
        return float(np.dot(heard, own) / (np.linalg.norm(heard) * np.linalg.norm(own)))

    kinds = (Cue.INHALE, Cue.EXHALE, Cue.PRACTICE_EXHALE, Cue.END)
    worst = 0.0
    for onset, (seconds, cue) in zip(found, planned, strict=True):
        worst = max(worst, abs(onset / SAMPLE_RATE - seconds))
        assert max(kinds, key=lambda kind: likeness(onset, kind)) is cue
    assert worst <= 0.001
    assert sum(cue is Cue.PRACTICE_EXHALE for _, cue in planned) == practice.breaths == 7


def test_the_practice_out_breath_cue_is_gentler_than_and_distinct_from_the_usual_one():
    bank = render_cue_bank()
    usual, gentle = bank[Cue.EXHALE], bank[Cue.PRACTICE_EXHALE]
    assert np.max(np.abs(gentle)) < 0.8 * np.max(np.abs(usual))  # softer
    assert time_to_half_peak(gentle) > 1.4 * time_to_half_peak(usual)  # a slower swell
    assert band_share(gentle, 290, 360) > 5 * band_share(usual, 290, 360)  # its soft fifth
    assert sounding_seconds(gentle) > sounding_seconds(usual)
    # short enough to end before the next phase of the shortest allowed out-breath
    assert CUE_SPECS[Cue.PRACTICE_EXHALE].duration <= 2.0
    spec = CUE_SPECS[Cue.PRACTICE_EXHALE]
    assert spec.lowest_hz >= 150
    assert spec.highest_hz <= 600


# --- words ---------------------------------------------------------------------------------

GRAPHIC_OR_PRESSING = re.compile(
    r"\b(vagin\w*|insert\w*|penetrat\w*|dilat\w*|size\w*|depth|deeper|diameter|push\w*|"
    r"force\w*|must|should|now!?|hurry|countdown|seconds?)\b",
    re.IGNORECASE,
)


def _all_trainer_words() -> list[str]:
    texts = [words.PRACTICE_NAME, words.PRACTICE_SUMMARY, words.FOLLOW_YOUR_PLAN]
    texts += list(words.STAGE_TITLES.values()) + list(words.STAGE_LINES.values())
    for phase_words in words.PRACTICE_PHASE_WORDS.values():
        texts += [phase_words.title, phase_words.hint, phase_words.announcement]
    texts += [words.CLOSE_EARLY_ACTION, words.CLOSE_EARLY_HINT, words.CLOSING_SOON]
    texts += [words.GUARDING_ACTION, words.GUARDING_HINT, words.GUARDING_NOTED]
    texts += [words.RESPONSE_QUESTION, *words.RESPONSE_CHOICES.values()]
    return texts


def test_trainer_words_are_calm_plain_and_never_graphic_or_pressing():
    for text in _all_trainer_words():
        assert not GRAPHIC_OR_PRESSING.search(text), text
    assert "if and when it feels right" in words.PRACTICE_PHASE_WORDS[Phase.EXHALE].hint
    assert "clinician" in words.FOLLOW_YOUR_PLAN
    assert "hurt" in words.FOLLOW_YOUR_PLAN
    assert set(words.RESPONSE_CHOICES) == {"guarded", "softened", "soft", "stopped"}


def test_words_follow_the_stage_and_the_breath_without_counting_down():
    timeline = TrainerTimeline(TrainerPlan(CALM))
    settle = words.describe(timeline.snapshot(5.0))
    assert (settle.title, settle.phase.title) == ("Settling in", "Slowly out… let go")
    moment = words.describe(timeline.snapshot(185.0))
    assert moment.title == "Practice"
    assert moment.phase.hint == "you may go on, if and when it feels right"
    assert moment.spoken == "Practice. Slowly out. You may go on, if it feels right"
    assert not re.search(r"\d", moment.phase.title + moment.phase.hint + moment.line)
    assert moment.remaining == "about 11 minutes left"
    closing = words.describe(timeline.snapshot(790.0))
    assert closing.title == "Closing breaths"
    assert words.describe(timeline.snapshot(840)).remaining == ""
    assert words.describe(timeline.snapshot(820)).remaining == "about a minute left"


def test_summary_sentence_says_what_was_practised_and_nothing_more():
    assert words.summary_sentence(14 * 60, True) == (
        "You gave about 14 minutes to trainer practice, breathing slowly throughout."
    )
    assert words.summary_sentence(200, False).endswith("Stopping when you choose is part of it.")
