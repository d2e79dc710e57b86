from __future__ import annotations

import numpy as np

from pacer.core.audio.cues import Cue
from pacer.core.audio.scheduler import CueScheduler, onset_sample
from pacer.core.audio.sources import BreathingCues
from pacer.core.audio.synthesis import PEAK_LIMIT, SAMPLE_RATE, db_to_gain
from pacer.core.breathing import BreathingTimeline, BreathPattern

RATE = SAMPLE_RATE


def breathing(inhale=4.0, exhale=6.0, rest=0.0, seconds: float | None = 60.0) -> BreathingCues:
    return BreathingCues(
        BreathingTimeline(BreathPattern(inhale=inhale, exhale=exhale, rest=rest), seconds)
    )


def test_breathing_cues_mark_each_in_and_out_breath_and_the_end():
    source = breathing(4, 6, rest=1, seconds=22)
    assert source.total_seconds == 22
    assert source.cue_events_between(0, 100) == [
        (0.0, Cue.INHALE),
        (4.0, Cue.EXHALE),
        (11.0, Cue.INHALE),
        (15.0, Cue.EXHALE),
        (22.0, Cue.END),
    ]
    assert source.cue_events_between(4.0, 11.0) == [(4.0, Cue.EXHALE)]  # half-open
    assert source.cue_events_between(22.0, 30.0) == [(22.0, Cue.END)]
    assert source.belly_at(4.0) == 1.0
    assert source.belly_at(10.5) == 0.0


def test_open_ended_sessions_have_no_end_cue():
    source = breathing(seconds=None)
    assert source.total_seconds is None
    assert Cue.END not in {cue for _, cue in source.cue_events_between(0, 3600)}
    assert CueScheduler(source, volume_db=-12).end_sample is None


def test_an_hour_long_render_puts_every_cue_on_the_exact_predicted_sample():
    # 4.4 s in, 6.5 s out: a breath is 523,200 samples, the out-breath starts 211,200 in.
    source = breathing(4.4, 6.5, seconds=3600)
    scheduler = CueScheduler(source, volume_db=-6)
    bank, gain = scheduler.bank, np.float32(db_to_gain(-6))
    breath, out_at = 523_200, 211_200
    breaths = source.timeline.breath_count
    predicted = []
    for k in range(breaths):
        predicted += [(k * breath, Cue.INHALE), (k * breath + out_at, Cue.EXHALE)]
    predicted.append((breaths * breath, Cue.END))
    assert scheduler.end_sample == breaths * breath + bank[Cue.END].size

    pending = list(predicted)
    position, checked = 0, set()
    for stretch in scheduler.stretches(0, scheduler.end_sample, size=48_013):  # odd size
        end = position + stretch.size
        expected = np.zeros(stretch.size, dtype=np.float32)
        for onset, cue in pending:
            if onset >= end:
                break
            sound = bank[cue] * gain
            lo, hi = max(position, onset), min(end, onset + sound.size)
            if lo < hi:
                expected[lo - position : hi - position] = sound[lo - onset : hi - onset]
                checked.add(onset)
        assert np.array_equal(stretch, expected), f"stretch at sample {position} differs"
        pending = [(o, c) for o, c in pending if o + bank[c].size > end]
        position = end
    assert checked == {onset for onset, _ in predicted}
    assert scheduler.onsets_between(0, scheduler.end_sample) == predicted


def test_onset_sample_rounds_to_the_nearest_sample():
    assert onset_sample(1.0) == RATE
    assert onset_sample(4.4 * 3) == 633_600  # 13.200000000000001 s
    assert onset_sample(0.5 / RATE) == 1
    assert onset_sample(0.49 / RATE) == 0


def test_each_cue_lands_in_exactly_one_stretch_whatever_the_boundaries():
    source = breathing(2.2, 3.3, seconds=120)
    scheduler = CueScheduler(source, volume_db=0)
    end = scheduler.end_sample
    for size in (1, 7, 1024, 48_000):
        starts = range(0, 600_000, size) if size > 1 else range(105_590, 105_620)
        seen = [n for s in starts for n, _ in scheduler.onsets_between(s, min(s + size, end))]
        assert len(seen) == len(set(seen))
    whole = [n for n, _ in scheduler.onsets_between(0, 600_000)]
    pieces = [n for s in range(0, 600_000, 777) for n, _ in scheduler.onsets_between(s, s + 777)]
    assert pieces == whole


def test_stretch_size_does_not_change_the_sound_even_with_the_breath_tone():
    source = breathing(3, 5, seconds=40)
    one = CueScheduler(source, volume_db=0, breath_tone=True)
    two = CueScheduler(source, volume_db=0, breath_tone=True)
    end = one.end_sample
    a = np.concatenate([s.copy() for s in one.stretches(0, end, size=48_000)])
    b = np.concatenate([s.copy() for s in two.stretches(0, end, size=1024)])
    np.testing.assert_allclose(a, b, atol=1e-5)
    assert np.max(np.abs(a)) <= PEAK_LIMIT
    assert np.max(np.abs(np.diff(a))) < 0.05  # no clicks where stretches meet
    # The tone swells in from silence and has faded before the closing chime.
    assert np.max(np.abs(a[:480])) < 0.01
    total = one.total_sample
    assert np.max(np.abs(a[total - 480 : total])) < 0.01


def test_the_breath_tone_follows_the_belly():
    source = breathing(4, 6, seconds=60)
    scheduler = CueScheduler(source, volume_db=0, cues=False, breath_tone=True)
    audio = np.concatenate([s.copy() for s in scheduler.stretches(0, 12 * RATE, size=4800)])

    def loudness(seconds: float) -> float:
        n = round(seconds * RATE)
        return float(np.sqrt(np.mean(audio[n - 2400 : n + 2400] ** 2)))

    assert loudness(14.0 - 10.0) > 2.5 * loudness(10.0)  # belly full vs resting low
    assert loudness(2.0) < loudness(4.0)  # rising with the in-breath


def test_volume_changes_are_ramped_without_a_step():
    source = breathing(seconds=60)
    scheduler = CueScheduler(source, volume_db=-30, cues=False, breath_tone=True)
    before = np.empty(4800, np.float32)
    after = np.empty(4800, np.float32)
    scheduler.render(96_000, before)
    scheduler.set_volume_db(0)
    scheduler.render(96_000 + 4800, after)
    joined = np.concatenate([before, after])
    assert np.max(np.abs(after[-480:])) > 10 * np.max(np.abs(before))
    assert np.max(np.abs(np.diff(joined))) < 0.03
    assert scheduler.gain == np.float32(1.0)


def test_jumps_are_allowed_only_where_nothing_sounds():
    source = breathing(4, 6, seconds=60)
    scheduler = CueScheduler(source, volume_db=0)
    inhale_len = scheduler.bank[Cue.INHALE].size
    assert not scheduler.can_jump(100, 200, 1024)  # inside the first inhale cue
    assert not scheduler.can_jump(3 * RATE, 4 * RATE + 10, 1024)  # would skip an onset
    assert scheduler.can_jump(inhale_len + 10, 2 * RATE, 1024)
    assert scheduler.sounding(4 * RATE - 10, 4 * RATE + 1)
    assert not scheduler.sounding(2 * RATE, 3 * RATE)


def test_jumps_with_the_breath_tone_need_the_same_point_of_the_breath():
    source = breathing(4, 6, seconds=60)
    scheduler = CueScheduler(source, volume_db=0, breath_tone=True)
    # Nine and a half seconds in, the belly is nearly down; two seconds in, it is halfway.
    assert scheduler.can_jump(round(9.6 * RATE), round(9.62 * RATE), 1024)
    assert not scheduler.can_jump(round(2.0 * RATE), round(2.1 * RATE), 1024)


def test_rendering_before_the_start_and_after_the_end_is_silent():
    scheduler = CueScheduler(breathing(seconds=20), volume_db=0, breath_tone=True)
    out = np.ones(2048, np.float32)
    scheduler.render(-5000, out)
    assert not out.any()
    scheduler.render(scheduler.end_sample + 10, out)
    assert not out.any()
