"""Relaxation followed by ear: what a rendered session actually sounds like, sample by sample.

A relaxation session is rendered through the offline path (the one the WAV writer uses).
A plain breathing session of the same pattern and length is rendered too: the breath runs
under the whole sequence, so subtracting it leaves exactly the relaxation cues, whose
onsets are then found in the signal itself and compared with the plan's steps.
"""

from __future__ import annotations

import numpy as np
import pytest

from pacer.core.audio.cues import Cue
from pacer.core.audio.levels import DEFAULT_VOLUME_DB
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import (
    BREATH_CUES,
    CUE_SPECS,
    PEAK_LIMIT,
    SAMPLE_RATE,
    max_smooth_step,
    render_cue_bank,
)
from pacer.core.breathing import BreathingTimeline
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import load_default_script
from pacer.core.relaxation.timeline import GROUP_MARKER_LEAD, RelaxationTimeline, Stage
from tests.support.audio_signal import (
    MS,
    band_share,
    dominant_hz,
    note_count,
    onsets,
    render,
    rms_envelope,
    sounding_seconds,
)

BANK = render_cue_bank()
RELAXATION_CUES = (Cue.CLENCH_FULL, Cue.CLENCH_HALF, Cue.RELEASE, Cue.GROUP)


def planned_relaxation_cues(timeline: RelaxationTimeline) -> list[tuple[float, Cue]]:
    """What the plan's steps call for, worked out from the steps alone."""
    planned = []
    for step in timeline.steps:
        if step.stage is Stage.CLENCH:
            if step.round_index == 0:
                planned.append((step.start - GROUP_MARKER_LEAD, Cue.GROUP))
            full = step.effort == 100
            planned.append((step.start, Cue.CLENCH_FULL if full else Cue.CLENCH_HALF))
        elif step.stage is Stage.RELEASE:
            planned.append((step.start, Cue.RELEASE))
    return planned


class Heard:
    """A relaxation render split into the breath (a plain breathing session) and the rest."""

    def __init__(self, plan: RelaxationPlan, volume_db: float = DEFAULT_VOLUME_DB) -> None:
        self.timeline = RelaxationTimeline(plan)
        self.gain = 10 ** (volume_db / 20)
        session = render(CueScheduler(self.timeline, volume_db=volume_db))
        breathing = BreathingTimeline(plan.closing_pattern, self.timeline.total_seconds)
        assert breathing.total_seconds == pytest.approx(self.timeline.total_seconds)
        breath = render(CueScheduler(BreathingCues(breathing), volume_db=volume_db))
        assert breath.size == session.size
        self.breath_onsets = onsets(breath)
        self.breathing = breathing
        session -= breath
        self.rest = session  # only the difference is kept
        self.found = onsets(self.rest)

    def segment(self, onset: int, cue: Cue) -> np.ndarray:
        return self.rest[onset : onset + BANK[cue].size] / self.gain

    def kind_at(self, onset: int) -> Cue:
        """Which cue this is, judged by how closely the sound matches each cue's own."""

        def likeness(cue: Cue) -> float:
            heard, own = self.segment(onset, cue), BANK[cue][: self.rest.size - onset]
            return float(np.dot(heard, own) / (np.linalg.norm(heard) * np.linalg.norm(own)))

        return max(RELAXATION_CUES, key=likeness)


@pytest.fixture(scope="module")
def heard() -> Heard:
    # The usual timings (5 s clench, 20 s rest), one minute of closing breaths to keep it short.
    return Heard(RelaxationPlan(load_default_script(), closing_minutes=1))


def _check_onsets(heard: Heard) -> float:
    planned = planned_relaxation_cues(heard.timeline)
    assert len(heard.found) == len(planned)  # every cue heard once, nothing else
    worst = 0.0
    for onset, (seconds, cue) in zip(heard.found, planned, strict=True):
        error = abs(onset / SAMPLE_RATE - seconds)
        assert error <= 0.001, f"{cue} planned at {seconds:.4f} s, heard at {onset / SAMPLE_RATE}"
        assert heard.kind_at(onset) is cue
        worst = max(worst, error)
    return worst


def test_every_clench_let_go_and_group_cue_is_heard_within_1_ms_of_its_step(heard):
    worst = _check_onsets(heard)
    assert worst <= 0.0001  # in practice a few samples at most
    kinds = [heard.kind_at(n) for n in heard.found]
    assert kinds.count(Cue.GROUP) == 5
    assert kinds.count(Cue.CLENCH_FULL) == kinds.count(Cue.CLENCH_HALF) == 5
    assert kinds.count(Cue.RELEASE) == 10


@pytest.mark.parametrize(
    ("clench", "release", "groups"),
    [(3, 5, None), (10, 60, ("pelvic-floor",)), (4.4, 12.3, ("feet", "abdominals"))],
)
def test_onsets_hold_at_the_tightest_and_longest_timings(clench, release, groups):
    plan = RelaxationPlan(
        load_default_script(),
        clench_seconds=clench,
        release_seconds=release,
        closing_minutes=0.5,
        enabled_groups=groups,
    )
    _check_onsets(Heard(plan))


def test_the_breath_is_heard_all_the_way_through_exactly_as_in_plain_breathing(heard):
    # Outside the relaxation cues nothing differs from a plain breathing session ...
    rest = heard.rest
    covered = np.zeros(rest.size, dtype=bool)
    for onset in heard.found:
        # from just before the onset found: a cue's first sample or two are quieter still
        covered[onset - MS : onset + BANK[heard.kind_at(onset)].size] = True
    assert not np.any(rest[~covered])
    # ... and that breathing session sounds an in- and out-breath cue at every breath.
    planned = [t for t, _ in heard.breathing.phase_starts_between(0, heard.timeline.total_seconds)]
    planned.append(heard.timeline.total_seconds)  # the closing chime
    assert len(heard.breath_onsets) == len(planned)
    for onset, seconds in zip(heard.breath_onsets, planned, strict=True):
        assert abs(onset / SAMPLE_RATE - seconds) <= 0.001


def test_let_go_is_lower_and_longer_than_either_clench_cue(heard):
    by_kind: dict[Cue, np.ndarray] = {}
    for onset in heard.found:
        kind = heard.kind_at(onset)
        by_kind.setdefault(kind, heard.segment(onset, kind))
    let_go = by_kind[Cue.RELEASE]
    for clench in (by_kind[Cue.CLENCH_FULL], by_kind[Cue.CLENCH_HALF]):
        assert dominant_hz(let_go) < dominant_hz(clench) - 100
        assert sounding_seconds(let_go) > 2 * sounding_seconds(clench)
    assert dominant_hz(let_go) == pytest.approx(196, abs=3)
    assert 2.0 < sounding_seconds(let_go) < 2.5


def test_full_and_half_effort_clench_cues_differ_measurably(heard):
    full = next(heard.segment(n, Cue.CLENCH_FULL) for n in heard.found
                if heard.kind_at(n) is Cue.CLENCH_FULL)  # fmt: skip
    half = next(heard.segment(n, Cue.CLENCH_HALF) for n in heard.found
                if heard.kind_at(n) is Cue.CLENCH_HALF)  # fmt: skip
    assert note_count(full) == 2  # two soft rising notes ...
    assert note_count(half) == 1  # ... against one
    assert band_share(full, 510, 540) > 0.3  # the second, higher note (C5)
    assert band_share(half, 510, 540) < 0.001
    assert dominant_hz(half) == pytest.approx(392, abs=2)
    assert sounding_seconds(full) > sounding_seconds(half) + 0.2
    assert np.max(np.abs(full)) > np.max(np.abs(half))  # a lighter effort, a softer cue


def test_relaxation_cues_sit_beneath_the_breath_and_never_clip_with_it():
    breath_peaks = [CUE_SPECS[cue].peak for cue in BREATH_CUES]
    loudest_breath = max(breath_peaks)
    for cue in RELAXATION_CUES:
        sound = BANK[cue]
        assert np.max(np.abs(sound)) < min(breath_peaks)
        assert np.max(np.abs(sound)) + loudest_breath <= PEAK_LIMIT + 1e-6
        # louder moments too: the cue's loudest 30 ms stay below the out-breath cue's
        assert rms_envelope(sound).max() < rms_envelope(BANK[Cue.EXHALE]).max()
    marker = np.max(np.abs(BANK[Cue.GROUP]))
    assert all(marker < np.max(np.abs(BANK[cue])) for cue in Cue if cue is not Cue.GROUP)
    for cue in (*RELAXATION_CUES, *BREATH_CUES):
        assert CUE_SPECS[cue].lowest_hz >= 150
        assert CUE_SPECS[cue].highest_hz <= 600


def test_a_whole_session_at_full_volume_has_no_click_and_a_bounded_peak():
    timeline = RelaxationTimeline(
        RelaxationPlan(load_default_script(), clench_seconds=3, release_seconds=5)
    )
    scheduler = CueScheduler(timeline, volume_db=0.0)

    def slope_bound(cues) -> float:
        return max(
            len(CUE_SPECS[c].notes)
            * max_smooth_step(CUE_SPECS[c].highest_partial_hz, CUE_SPECS[c].peak)
            for c in cues
        )

    # at most one breath cue and one relaxation cue (or the chime) sound at once
    bound = slope_bound(BREATH_CUES) + slope_bound((*RELAXATION_CUES, Cue.END))
    peak, step, previous = 0.0, 0.0, np.float32(0.0)
    for stretch in scheduler.stretches(0, scheduler.end_sample, 48_000):
        samples = np.concatenate([[previous], stretch]).astype(np.float64)
        step = max(step, float(np.max(np.abs(np.diff(samples)))))
        peak = max(peak, float(np.max(np.abs(stretch))))
        previous = stretch[-1]
    assert step <= bound
    assert peak < PEAK_LIMIT  # the mix never reaches the limiter: nothing is clipped
    assert previous == 0.0  # it ends in silence
